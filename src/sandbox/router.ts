/**
 * Maps `METHOD /api/v1/<resource>[/<id>]` to a resource handler, the way
 * Rails' `resources` routes do (PATCH is PUT). Anything else is 404.
 */
import { NOT_FOUND, ok } from './api.js';
import type { ApiContext, ApiResult, ResourceHandlers } from './api.js';
import { contacts } from './contacts.js';
import { customers } from './customers.js';
import { customerAssets, invoices, tickets } from './linked.js';

/** Path segments (after /api/v1) naming an API resource. */
export const API_RESOURCES = ['me', 'customers', 'contacts', 'tickets', 'customer_assets', 'invoices'] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

const HANDLERS: Record<Exclude<ApiResource, 'me'>, ResourceHandlers> = {
  customers,
  contacts,
  tickets,
  customer_assets: customerAssets,
  invoices,
};

/** What `GET /me` answers: a fixed sandbox user with every permission. */
export const SANDBOX_USER = {
  user_token: '00000000-0000-4000-8000-000000000000',
  user_email: 'sandbox@example.com',
  user_name: 'Sandbox User',
  user_id: 1,
  admin: true,
  can_use_app: true,
  two_factor_required: false,
  subdomain: 'sandbox',
  default_location: null,
  enable_multi_locations: false,
  locations_allowed: [],
  permissions: Object.fromEntries(
    ['asset', 'customer', 'ticket', 'invoice', 'payment'].map((p) => [p, { read: true, write: true, delete: true }]),
  ),
};

/** The resource a path (after /api/v1) names, or 'unknown'. Used for stats keys. */
export function resourceOf(segments: readonly string[]): ApiResource | 'unknown' {
  const first = segments[0] ?? '';
  return (API_RESOURCES as readonly string[]).includes(first) ? (first as ApiResource) : 'unknown';
}

/** True for the methods that write (a lost-write fault applies only to these). */
export function isWrite(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}

/** Dispatches one API request; `segments` is the path after /api/v1, split on '/'. */
export function route(method: string, segments: readonly string[], ctx: ApiContext): ApiResult {
  const resource = resourceOf(segments);
  if (resource === 'unknown' || segments.length > 2) return NOT_FOUND;
  if (resource === 'me') return method === 'GET' && segments.length === 1 ? ok(SANDBOX_USER) : NOT_FOUND;
  const h = HANDLERS[resource];
  if (segments.length === 1) {
    if (method === 'GET' && h.list) return h.list(ctx);
    if (method === 'POST' && h.create) return h.create(ctx);
    return NOT_FOUND;
  }
  const idText = segments[1] ?? '';
  if (!/^\d+$/.test(idText)) return NOT_FOUND;
  const id = Number(idText);
  if (method === 'GET' && h.get) return h.get(ctx, id);
  if ((method === 'PUT' || method === 'PATCH') && h.update) return h.update(ctx, id);
  if (method === 'DELETE' && h.remove) return h.remove(ctx, id);
  return NOT_FOUND;
}
