/**
 * Reads a request body into params: JSON or form-encoded
 * (`application/x-www-form-urlencoded`, Rack-style nested keys).
 */
import type { IncomingMessage } from 'node:http';
import { parseNested } from './params.js';
import type { Params } from './params.js';

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A body that cannot be read as params; `status` is the HTTP answer (400 or 413). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** Collects the raw body (up to MAX_BODY_BYTES). */
export async function readRawBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'Request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Params {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'Body is not valid JSON');
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Params;
  // Rails keeps a non-object JSON body under `_json`.
  return { _json: value };
}

/**
 * Parses `text` according to `contentType`. Without a known type, a body that
 * looks like JSON is read as JSON and anything else as a form.
 * @example parseBody('name=A&properties[x]=1', 'application/x-www-form-urlencoded') // { name: 'A', properties: { x: '1' } }
 */
export function parseBody(text: string, contentType: string | undefined): Params {
  if (text.trim() === '') return {};
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return parseJson(text);
  if (type === 'application/x-www-form-urlencoded') return parseNested(text);
  return text.trimStart().startsWith('{') ? parseJson(text) : parseNested(text);
}

/** Reads and parses the body of `req`. */
export async function readBody(req: IncomingMessage): Promise<Params> {
  return parseBody(await readRawBody(req), req.headers['content-type']);
}
