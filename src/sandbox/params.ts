/**
 * Request parameters the way Rails (and so Syncro) reads them: Rack-style
 * nested keys (`properties[Foo]=bar`, `id[]=1&id[]=2`) and lenient casts of
 * strings to booleans, integers and id lists.
 */

/** Parsed parameters: strings, arrays and nested objects (or JSON values). */
export type Params = Record<string, unknown>;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** False when a key could reach an object's prototype; such keys are dropped everywhere. */
export function isSafeKey(key: string): boolean {
  return !UNSAFE_KEYS.has(key);
}

function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const rest = key.slice(open + 1, -1).split('][');
  return [key.slice(0, open), ...rest];
}

/**
 * Parses a query string or form body into nested params.
 * @example parseNested('id[]=1&id[]=2&properties[Foo]=bar') // { id: ['1','2'], properties: { Foo: 'bar' } }
 */
export function parseNested(encoded: string): Params {
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = keyPath(key);
    if (!path.every(isSafeKey)) continue;
    let node: Record<string, unknown> = out;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as string;
      const last = i === path.length - 1;
      const next = path[i + 1];
      if (last) {
        node[seg] = value;
      } else if (next === '' && i + 1 === path.length - 1) {
        const list = Array.isArray(node[seg]) ? (node[seg] as unknown[]) : [];
        list.push(value);
        node[seg] = list;
        break;
      } else {
        const child = node[seg];
        if (typeof child !== 'object' || child === null || Array.isArray(child)) node[seg] = {};
        node = node[seg] as Record<string, unknown>;
      }
    }
  }
  return out;
}

const FALSE_VALUES = new Set(['0', 'f', 'false', 'off']);

/** Rails' boolean cast: null/'' → null, '0'/'false'/'f'/'off' → false, anything else → true. */
export function toBool(v: unknown): boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return !FALSE_VALUES.has(String(v).trim().toLowerCase());
}

/** Integer cast: numbers truncate, strings parse their leading digits, anything else → null. */
export function toInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'string') {
    const n = Number.parseInt(v.trim(), 10);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** Float cast for latitude/longitude-like fields. */
export function toFloat(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Text cast: strings as they are, numbers and booleans stringified, null stays null. */
export function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A string-valued map (custom fields), or undefined when `v` is not an object. */
export function toStringMap(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (isSafeKey(k) && val !== null && val !== undefined) out[k] = toText(val) ?? '';
  }
  return out;
}

/**
 * An id list from `id[]=1&id[]=2`, a JSON array (`[1,2]` in a body or `id=[1,2]`
 * in a query), a comma list (`1,2`) or a single id. Undefined when absent.
 */
export function toIdList(v: unknown): number[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let items: unknown[];
  if (Array.isArray(v)) items = v;
  else if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      items = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      items = [];
    }
  } else if (typeof v === 'string') items = v.split(',');
  else items = [v];
  return items.map(toInt).filter((n): n is number => n !== null);
}

/** The `page` parameter: a positive integer, else 1. */
export function toPage(v: unknown): number {
  const n = toInt(v);
  return n !== null && n >= 1 ? n : 1;
}
