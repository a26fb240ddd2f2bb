/**
 * Turns Syncro's customer list filters into SQL over the store's indexed
 * projection columns (see store.ts): case-insensitive "like" matches, id
 * lists, the disabled switch and a whitelisted `sort`.
 */
import { CUSTOMER_SPEC, digitsOnly, emailKey } from './fields.js';
import type { Fields } from './fields.js';

/** Filters of `GET /customers`, already cast. */
export interface CustomerFilter {
  query?: string;
  email?: string;
  business_name?: string;
  firstname?: string;
  lastname?: string;
  ids?: number[];
  notIds?: number[];
  includeDisabled?: boolean;
  /** e.g. "city DESC", "id ASC"; unknown fields are ignored. */
  sort?: string;
}

/** Projection columns of the customers table, in insert order. */
export const CUSTOMER_COLUMNS = [
  'email_lc',
  'disabled',
  'firstname_lc',
  'lastname_lc',
  'business_lc',
  'search_lc',
  'phone_digits',
] as const;

function lc(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : null;
}

/** Values of CUSTOMER_COLUMNS for a customer's fields. */
export function customerProjection(f: Fields): unknown[] {
  const first = typeof f.firstname === 'string' ? f.firstname : '';
  const last = typeof f.lastname === 'string' ? f.lastname : '';
  const search = [first, last, `${first} ${last}`.trim(), f.business_name, f.email, f.phone, f.mobile]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .join('\n')
    .toLowerCase();
  const phones = [digitsOnly(f.phone), digitsOnly(f.mobile)].filter((s) => s !== null).join(' ');
  return [emailKey(f.email), f.disabled === true ? 1 : 0, lc(f.firstname), lc(f.lastname), lc(f.business_name), search, phones];
}

function likePattern(v: string): string {
  return `%${v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const LIKE = `LIKE ? ESCAPE '\\'`;
const PHONE_LIKE_RE = /^[\d\s()+.\-x]+$/;

const SORTABLE = new Set(['id', 'created_at', 'updated_at', ...Object.keys(CUSTOMER_SPEC).filter((k) => k !== 'properties')]);

function orderBy(sort: string | undefined): string {
  const [field = '', dirWord = 'ASC'] = (sort ?? '').trim().split(/\s+/);
  const dir = dirWord.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
  if (!SORTABLE.has(field) || field === 'id') return `id ${field === 'id' ? dir : 'ASC'}`;
  const expr =
    field === 'created_at' ? 'created_ms' : field === 'updated_at' ? 'updated_ms' : `json_extract(data, '$.${field}') COLLATE NOCASE`;
  // Postgres' default null placement: last when ascending, first when descending.
  return `${expr} ${dir} ${dir === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST'}, id ASC`;
}

/** WHERE clause (without the keyword), its arguments and the ORDER BY list. */
export function customerQuery(filter: CustomerFilter): { where: string; args: unknown[]; order: string } {
  const clauses: string[] = [];
  const args: unknown[] = [];
  if (!filter.includeDisabled) clauses.push('disabled = 0');
  const likes: [keyof CustomerFilter, string][] = [
    ['email', 'email_lc'],
    ['business_name', 'business_lc'],
    ['firstname', 'firstname_lc'],
    ['lastname', 'lastname_lc'],
  ];
  for (const [param, column] of likes) {
    const v = filter[param];
    if (typeof v === 'string' && v !== '') {
      clauses.push(`${column} ${LIKE}`);
      args.push(likePattern(v));
    }
  }
  const q = filter.query?.trim();
  if (q) {
    const digits = digitsOnly(q);
    if (digits !== null && digits.length >= 3 && PHONE_LIKE_RE.test(q)) {
      clauses.push(`(search_lc ${LIKE} OR phone_digits ${LIKE})`);
      args.push(likePattern(q), likePattern(digits));
    } else {
      clauses.push(`search_lc ${LIKE}`);
      args.push(likePattern(q));
    }
  }
  if (filter.ids && filter.ids.length > 0) {
    clauses.push(`id IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(filter.ids));
  }
  if (filter.notIds && filter.notIds.length > 0) {
    clauses.push(`id NOT IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(filter.notIds));
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', args, order: orderBy(filter.sort) };
}
