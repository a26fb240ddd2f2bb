/**
 * `/customers`: list with Syncro's filters (100 a page), get with contacts,
 * create, update (keys left out stay unchanged), hard delete. Answers are
 * wrapped in `{"customer": …}`; a 422 is `{success:false, message:[…], params}`.
 */
import { RESOURCES } from '../syncro/types.js';
import { listMeta, NOT_FOUND, ok, unprocessable } from './api.js';
import type { ApiContext, ApiResult, ResourceHandlers } from './api.js';
import type { CustomerFilter } from './customer-query.js';
import { applyChanges, CUSTOMER_SPEC, emailKey, isValidEmail, pickFields } from './fields.js';
import type { Fields } from './fields.js';
import { toIdList, toPage, toText } from './params.js';
import type { Params } from './params.js';
import { customerOut } from './serialize.js';
import type { StoredRow } from './store.js';

const PER_PAGE = RESOURCES.customers.pageSize;

function textParam(params: Params, key: string): string | undefined {
  return toText(params[key]) ?? undefined;
}

/** The list filters of `params`. `include_disabled` counts only when it is "true". */
export function customerFilter(params: Params): CustomerFilter {
  const filter: CustomerFilter = {
    includeDisabled: params.include_disabled === true || params.include_disabled === 'true',
  };
  for (const key of ['query', 'email', 'business_name', 'firstname', 'lastname', 'sort'] as const) {
    const v = textParam(params, key);
    if (v !== undefined) filter[key] = v;
  }
  const ids = toIdList(params.id);
  const notIds = toIdList(params.not_id);
  if (ids) filter.ids = ids;
  if (notIds) filter.notIds = notIds;
  return filter;
}

/** Validation messages for the changed fields (only what is written is checked). */
function validate(ctx: ApiContext, changes: Fields, id?: number): string[] {
  const messages: string[] = [];
  if ('email' in changes) {
    if (!isValidEmail(changes.email)) messages.push('Email is not an email');
    const key = emailKey(changes.email);
    if (ctx.uniqueEmail && key !== null && ctx.store.customerIdByEmail(key, id) !== undefined) {
      messages.push('Email has already been taken');
    }
  }
  return messages;
}

/** `{"customer": …}` with the customer's contacts. */
function wrapped(ctx: ApiContext, row: StoredRow): ApiResult {
  return ok({ customer: customerOut(row, ctx.store.contactsOf([row.id]).get(row.id) ?? [], ctx.fmt) });
}

export const customers: ResourceHandlers = {
  list(ctx) {
    const page = toPage(ctx.params.page);
    const { rows, total } = ctx.store.listCustomers(customerFilter(ctx.params), page, PER_PAGE);
    const contacts = ctx.store.contactsOf(rows.map((r) => r.id));
    return ok({
      customers: rows.map((r) => customerOut(r, contacts.get(r.id) ?? [], ctx.fmt)),
      meta: listMeta(total, PER_PAGE, page),
    });
  },

  get(ctx, id) {
    const row = ctx.store.get('customers', id);
    return row ? wrapped(ctx, row) : NOT_FOUND;
  },

  create(ctx) {
    const fields = pickFields(ctx.params, CUSTOMER_SPEC);
    const messages = validate(ctx, fields);
    if (messages.length > 0) return unprocessable(ctx.params, messages);
    const row = ctx.store.insert('customers', fields);
    return ok({ customer: customerOut(row, [], ctx.fmt) });
  },

  update(ctx, id) {
    const current = ctx.store.get('customers', id);
    if (!current) return NOT_FOUND;
    const changes = pickFields(ctx.params, CUSTOMER_SPEC);
    const messages = validate(ctx, changes, id);
    if (messages.length > 0) return unprocessable(ctx.params, messages);
    return wrapped(ctx, ctx.store.update('customers', current, applyChanges(current.fields, changes)));
  },

  remove(ctx, id) {
    if (!ctx.store.delete('customers', id)) return NOT_FOUND;
    return ok({ message: 'Customer was deleted from the system.' });
  },
};
