/**
 * `/contacts`: list (by `customer_id`, or all), get, create, update (a new
 * `customer_id` moves the contact), delete. Contacts are answered flat; a 422
 * is `{record: <the unsaved contact>, errors: "one string"}`. `title` is
 * accepted on write and kept as `properties.title`.
 */
import { RESOURCES } from '../syncro/types.js';
import { listMeta, NOT_FOUND, ok } from './api.js';
import type { ApiContext, ApiResult, ResourceHandlers } from './api.js';
import { applyChanges, CONTACT_SPEC, isValidEmail, pickFields } from './fields.js';
import type { Fields } from './fields.js';
import { toInt, toPage, toText } from './params.js';
import type { Params } from './params.js';
import { contactOut, contactShape } from './serialize.js';
import type { StoredRow } from './store.js';

const PER_PAGE = RESOURCES.contacts.pageSize;

/** The contact fields of `params`, with `title` moved into `properties.title` (or kept top-level, a variant). */
export function contactChanges(params: Params, titleTopLevel = false): Fields {
  const changes = pickFields(params, CONTACT_SPEC);
  if (Object.hasOwn(params, 'title') && titleTopLevel) changes.title = toText(params.title);
  else if (Object.hasOwn(params, 'title')) {
    const properties = (changes.properties ?? {}) as Record<string, string>;
    changes.properties = { ...properties, title: toText(params.title) ?? '' };
  }
  return changes;
}

function validate(ctx: ApiContext, changes: Fields, creating: boolean): string[] {
  const messages: string[] = [];
  if (creating || 'customer_id' in changes) {
    const customerId = changes.customer_id;
    if (typeof customerId !== 'number' || !ctx.store.exists('customers', customerId)) messages.push('Customer must exist');
  }
  if ('email' in changes && !isValidEmail(changes.email)) messages.push('Email is not an email');
  return messages;
}

function unprocessable(ctx: ApiContext, fields: Fields, messages: string[], row?: StoredRow): ApiResult {
  const record = contactShape(fields, row?.id ?? null, row?.created_ms ?? null, row?.updated_ms ?? null, ctx.fmt);
  return { status: 422, body: { record, errors: messages.join(', ') } };
}

export const contacts: ResourceHandlers = {
  list(ctx) {
    const page = toPage(ctx.params.page);
    const customerId = toInt(ctx.params.customer_id);
    const { rows, total } = ctx.store.listBy('contacts', customerId === null ? {} : { customer_id: customerId }, page, PER_PAGE);
    return ok({ contacts: rows.map((r) => contactOut(r, ctx.fmt)), meta: listMeta(total, PER_PAGE, page) });
  },

  get(ctx, id) {
    const row = ctx.store.get('contacts', id);
    return row ? ok(contactOut(row, ctx.fmt)) : NOT_FOUND;
  },

  create(ctx) {
    const fields = contactChanges(ctx.params, ctx.contactTitleTopLevel);
    const messages = validate(ctx, fields, true);
    if (messages.length > 0) return unprocessable(ctx, fields, messages);
    return ok(contactOut(ctx.store.insert('contacts', fields), ctx.fmt));
  },

  update(ctx, id) {
    const current = ctx.store.get('contacts', id);
    if (!current) return NOT_FOUND;
    const changes = contactChanges(ctx.params, ctx.contactTitleTopLevel);
    const next = applyChanges(current.fields, changes);
    const messages = validate(ctx, changes, false);
    if (messages.length > 0) return unprocessable(ctx, next, messages, current);
    return ok(contactOut(ctx.store.update('contacts', current, next), ctx.fmt));
  },

  remove(ctx, id) {
    return ctx.store.delete('contacts', id) ? ok({ success: true }) : NOT_FOUND;
  },
};
