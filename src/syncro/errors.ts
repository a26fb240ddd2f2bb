/**
 * Errors from Syncro's API, carrying its own message. Syncro answers errors in
 * different shapes per resource; `syncroMessage` is the human text pulled out
 * of whichever shape came back.
 */
import { SyncroEtlError } from '../errors.js';
import type { ErrorCode } from '../errors.js';

export class SyncroApiError extends SyncroEtlError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly syncroMessage: string;
  /** True when the request may have been carried out although no answer said so (a lost answer). */
  readonly ambiguous: boolean;

  constructor(args: {
    code: ErrorCode;
    status: number;
    method: string;
    path: string;
    syncroMessage: string;
    ambiguous?: boolean;
    cause?: unknown;
  }) {
    super(args.code, describe(args), { status: args.status }, { cause: args.cause });
    this.name = 'SyncroApiError';
    this.status = args.status;
    this.method = args.method;
    this.path = args.path;
    this.syncroMessage = args.syncroMessage;
    this.ambiguous = args.ambiguous ?? false;
  }
}

function describe(a: { code: ErrorCode; status: number; method: string; path: string; syncroMessage: string }): string {
  const call = `${a.method} ${a.path}`;
  switch (a.code) {
    case 'API_UNAUTHORIZED':
      return `Syncro refused the API key (${call}: ${a.syncroMessage}). Check SYNCRO_API_KEY and that the token's permissions include the customer and contact rights this command needs.`;
    case 'API_VALIDATION':
      return `Syncro rejected ${call}: ${a.syncroMessage}`;
    case 'API_NOT_FOUND':
      return `Syncro has no such record (${call}).`;
    case 'API_NETWORK':
      return `could not reach Syncro (${call}): ${a.syncroMessage}`;
    case 'API_BAD_ANSWER':
      return `Syncro's answer to ${call} cannot be relied on: ${a.syncroMessage}. Nothing was taken from it and the run stopped; check the base URL (a login, maintenance or proxy page answers like this) and run \`syncro-etl doctor\`.`;
    case 'API_REDIRECT':
      return `Syncro redirected ${call}: ${a.syncroMessage}. Not followed and the run stopped; check the base URL (it must be the account's https://…/api/v1 address).`;
    default:
      return `Syncro answered ${a.status || 'nothing'} to ${call}: ${a.syncroMessage}`;
  }
}

/** Pulls the message out of any of Syncro's error shapes. */
export function syncroMessageOf(body: unknown, fallback: string): string {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 300) : fallback;
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.message)) return b.message.map(String).join('; ');
  if (typeof b.errors === 'string') return b.errors;
  if (Array.isArray(b.errors)) return b.errors.map(String).join('; ');
  if (b.errors && typeof b.errors === 'object') {
    return Object.entries(b.errors as Record<string, unknown>)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`)
      .join('; ');
  }
  if (typeof b.message === 'string') return b.message;
  if (typeof b.error === 'string') return b.error;
  return fallback;
}
