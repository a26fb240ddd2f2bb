/**
 * The records that hang off a customer and move in a merge: `/tickets`,
 * `/customer_assets`, `/invoices` (25 a page, wrapped in `ticket`/`asset`/
 * `invoice`). List by `customer_id` (tickets also by `contact_id`), get,
 * create, update, delete. Shapes follow the examples in Syncro's spec.
 */
import { RESOURCES } from '../syncro/types.js';
import { listMeta, NOT_FOUND, ok, unprocessable } from './api.js';
import type { ApiContext, ApiResult, ResourceHandlers } from './api.js';
import { applyChanges, ASSET_SPEC, INVOICE_SPEC, pickFields, TICKET_SPEC } from './fields.js';
import type { Fields, FieldSpec } from './fields.js';
import { toInt, toPage } from './params.js';
import { businessThenName } from './serialize.js';
import type { StoredRow, TableName } from './store.js';
import type { FormatTime } from './time.js';

type Linked = 'tickets' | 'customer_assets' | 'invoices';

interface LinkedConfig {
  table: TableName;
  spec: FieldSpec;
  filters: readonly ('customer_id' | 'contact_id')[];
  /** Wire shape of a stored row; `customerName` is the owner's business_then_name. */
  shape(row: StoredRow, fmt: FormatTime, customerName: string | null): Record<string, unknown>;
  /** 422 for a create without an existing customer. */
  missingCustomer(params: ApiContext['params']): ApiResult;
  /** Extra checks on the fields being written. */
  check?(changes: Fields, creating: boolean): string[];
  deleted: unknown;
  /** Syncro's invoice delete "returns 200 even if the delete fails". */
  deleteMissingOk?: boolean;
}

const v = (f: Fields, k: string, dflt: unknown = null): unknown => (f[k] === undefined ? dflt : f[k]);
const customerMustExist = (params: ApiContext['params']): ApiResult => unprocessable(params, ['Customer must exist']);

const CONFIG: Record<Linked, LinkedConfig> = {
  tickets: {
    table: 'tickets',
    spec: TICKET_SPEC,
    filters: ['customer_id', 'contact_id'],
    shape: (r, fmt, customerName) => ({
      id: r.id,
      number: v(r.fields, 'number', 1000 + r.id),
      subject: v(r.fields, 'subject', ''),
      created_at: fmt(r.created_ms),
      customer_id: v(r.fields, 'customer_id'),
      customer_business_then_name: customerName,
      due_date: v(r.fields, 'due_date'),
      resolved_at: null,
      start_at: v(r.fields, 'start_at'),
      end_at: v(r.fields, 'end_at'),
      location_id: v(r.fields, 'location_id'),
      problem_type: v(r.fields, 'problem_type'),
      status: v(r.fields, 'status', 'New'),
      ticket_type_id: v(r.fields, 'ticket_type_id'),
      properties: v(r.fields, 'properties', {}),
      user_id: v(r.fields, 'user_id'),
      updated_at: fmt(r.updated_ms),
      pdf_url: null,
      priority: v(r.fields, 'priority'),
      tag_list: v(r.fields, 'tag_list', []),
      contact_id: v(r.fields, 'contact_id'),
      asset_ids: v(r.fields, 'asset_ids', []),
      comments: [],
    }),
    missingCustomer: () => ({ status: 422, body: { error: 'Customer required field' } }),
    check: (changes, creating) =>
      (creating || 'subject' in changes) && (typeof changes.subject !== 'string' || changes.subject.trim() === '')
        ? ["Subject can't be blank"]
        : [],
    deleted: { message: 'Ticket was successfully deleted. ' },
  },
  customer_assets: {
    table: 'assets',
    spec: ASSET_SPEC,
    filters: ['customer_id'],
    shape: (r, fmt) => ({
      id: r.id,
      name: v(r.fields, 'name'),
      customer_id: v(r.fields, 'customer_id'),
      contact_id: v(r.fields, 'contact_id'),
      created_at: fmt(r.created_ms),
      updated_at: fmt(r.updated_ms),
      properties: v(r.fields, 'properties', {}),
      asset_type: v(r.fields, 'asset_type', v(r.fields, 'asset_type_name')),
      asset_serial: v(r.fields, 'asset_serial'),
      external_rmm_link: null,
    }),
    missingCustomer: customerMustExist,
    deleted: { message: 'Asset was successfully deleted.' },
  },
  invoices: {
    table: 'invoices',
    spec: INVOICE_SPEC,
    filters: ['customer_id'],
    shape: (r, fmt, customerName) => ({
      id: r.id,
      customer_id: v(r.fields, 'customer_id'),
      customer_business_then_name: customerName,
      number: v(r.fields, 'number', String(1000 + r.id)),
      created_at: fmt(r.created_ms),
      updated_at: fmt(r.updated_ms),
      date: v(r.fields, 'date', fmt(r.created_ms)),
      due_date: v(r.fields, 'due_date', fmt(r.created_ms)),
      subtotal: v(r.fields, 'subtotal', '0.0'),
      total: v(r.fields, 'total', '0.0'),
      tax: v(r.fields, 'tax', '0.0'),
      verified_paid: false,
      tech_marked_paid: false,
      ticket_id: v(r.fields, 'ticket_id'),
      pdf_url: null,
      is_paid: false,
      location_id: v(r.fields, 'location_id'),
      po_number: v(r.fields, 'po_number'),
      contact_id: v(r.fields, 'contact_id'),
      note: v(r.fields, 'note'),
      hardwarecost: v(r.fields, 'hardwarecost'),
      user_id: v(r.fields, 'user_id'),
    }),
    missingCustomer: customerMustExist,
    deleted: { message: 'Invoice was successfully deleted.' },
    deleteMissingOk: true,
  },
};

/** Wire shapes of `rows` of a linked resource, with their customers' names joined in. */
export function linkedOut(resource: Linked, ctx: Pick<ApiContext, 'store' | 'fmt'>, rows: readonly StoredRow[]): Record<string, unknown>[] {
  const config = CONFIG[resource];
  const owners = ctx.store.getMany(
    'customers',
    rows.map((r) => r.fields.customer_id).filter((id): id is number => typeof id === 'number'),
  );
  return rows.map((r) => {
    const owner = typeof r.fields.customer_id === 'number' ? owners.get(r.fields.customer_id) : undefined;
    return config.shape(r, ctx.fmt, owner ? businessThenName(owner.fields) : null);
  });
}

function customerExists(ctx: ApiContext, id: unknown): boolean {
  return typeof id === 'number' && ctx.store.exists('customers', id);
}

function handlers(resource: Linked): ResourceHandlers {
  const config = CONFIG[resource];
  const { pageSize, listKey, itemKey } = RESOURCES[resource];
  const one = (ctx: ApiContext, row: StoredRow): ApiResult => ok({ [itemKey]: linkedOut(resource, ctx, [row])[0] });
  return {
    list(ctx) {
      const page = toPage(ctx.params.page);
      const where: Partial<Record<'customer_id' | 'contact_id', number>> = {};
      for (const key of config.filters) {
        const id = toInt(ctx.params[key]);
        if (id !== null) where[key] = id;
      }
      const { rows, total } = ctx.store.listBy(config.table, where, page, pageSize);
      return ok({ [listKey]: linkedOut(resource, ctx, rows), meta: listMeta(total, pageSize, page) });
    },
    get(ctx, id) {
      const row = ctx.store.get(config.table, id);
      return row ? one(ctx, row) : NOT_FOUND;
    },
    create(ctx) {
      const fields = pickFields(ctx.params, config.spec);
      if (!customerExists(ctx, fields.customer_id)) return config.missingCustomer(ctx.params);
      const messages = config.check?.(fields, true) ?? [];
      if (messages.length > 0) return unprocessable(ctx.params, messages);
      return one(ctx, ctx.store.insert(config.table, fields));
    },
    update(ctx, id) {
      const current = ctx.store.get(config.table, id);
      if (!current) return NOT_FOUND;
      const changes = pickFields(ctx.params, config.spec);
      const messages = 'customer_id' in changes && !customerExists(ctx, changes.customer_id) ? ['Customer must exist'] : [];
      messages.push(...(config.check?.(changes, false) ?? []));
      if (messages.length > 0) return unprocessable(ctx.params, messages);
      return one(ctx, ctx.store.update(config.table, current, applyChanges(current.fields, changes)));
    },
    remove(ctx, id) {
      const gone = ctx.store.delete(config.table, id);
      return gone || config.deleteMissingOk ? ok(config.deleted) : NOT_FOUND;
    },
  };
}

export const tickets = handlers('tickets');
export const customerAssets = handlers('customer_assets');
export const invoices = handlers('invoices');
