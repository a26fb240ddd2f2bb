/**
 * What every resource handler takes and gives: a context (store, params,
 * switches) in, an `ApiResult` (status + JSON body) out. Handlers are pure
 * over the store: no HTTP objects, so they are testable without a socket.
 */
import type { ListMeta } from '../syncro/types.js';
import type { Params } from './params.js';
import type { SandboxStore } from './store.js';
import type { FormatTime } from './time.js';

export interface ApiContext {
  store: SandboxStore;
  /** Body params overlaid by query params (Rails' precedence). */
  params: Params;
  fmt: FormatTime;
  uniqueEmail: boolean;
  /** Variant: contact `title` kept top-level instead of in `properties.title`. */
  contactTitleTopLevel?: boolean;
}

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set for a non-JSON answer: `body` is then the text sent as is. */
  contentType?: string;
}

/** The handlers of one resource; an absent handler answers 404 (no such route). */
export interface ResourceHandlers {
  list?(ctx: ApiContext): ApiResult;
  get?(ctx: ApiContext, id: number): ApiResult;
  create?(ctx: ApiContext): ApiResult;
  update?(ctx: ApiContext, id: number): ApiResult;
  remove?(ctx: ApiContext, id: number): ApiResult;
}

export const NOT_FOUND: ApiResult = { status: 404, body: { message: 'Not found' } };

export const UNAUTHORIZED: ApiResult = {
  status: 401,
  body: { error: 'Not authorized. Please ask account admin to update your group permissions.' },
};

export const SERVER_ERROR: ApiResult = { status: 500, body: { status: 500, error: 'Internal Server Error' } };

/** 200 with `body` (Syncro answers 200 to POST too). */
export function ok(body: unknown): ApiResult {
  return { status: 200, body };
}

/** Syncro's list `meta` envelope. */
export function listMeta(total: number, perPage: number, page: number): ListMeta {
  return { total_pages: Math.ceil(total / perPage), total_entries: total, per_page: perPage, page };
}

/** The params echoed back in a 422, without the api key. */
export function echoParams(params: Params): Params {
  const { api_key: _key, ...rest } = params;
  return rest;
}

/** Syncro's 422 for customers (and assets, invoices, ticket updates): `{success:false, message:[…], params}`. */
export function unprocessable(params: Params, messages: string[]): ApiResult {
  return { status: 422, body: { success: false, message: messages, params: echoParams(params) } };
}
