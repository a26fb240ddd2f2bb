/**
 * `--fields` → which columns each sheet/file gets, in which order. Validated
 * before any API call: an unknown name fails with the list of valid ones. The
 * key columns (`id`; `customer_id`, `contact_id`) are always kept, first, since
 * an edited export imports back as updates only through them.
 */
import { SyncroEtlError } from '../errors.js';
import { baseColumns, customColumnName, customFieldName, KEY_COLUMNS } from './columns.js';
import type { BaseColumn, CellKind, ExportEntity } from './columns.js';

/** One column of the layout: a standard one, every custom field, or one named custom field. */
export type ColumnPick = { type: 'base'; column: BaseColumn; index: number } | { type: 'custom-all' } | { type: 'custom'; name: string };

export interface EntityLayout {
  entity: ExportEntity;
  /** The standard columns whose values are spooled, in spool order. */
  base: BaseColumn[];
  picks: ColumnPick[];
  /** Custom fields to keep: every one, or the named ones. */
  properties: 'all' | ReadonlySet<string>;
}

/** `--fields` entry meaning "every custom field". */
export const ALL_CUSTOM = 'custom';

/** Splits `--fields` ("a,b, c" or repeated flags) into names; undefined when none was given. */
export function parseFieldList(raw: string | readonly string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = (typeof raw === 'string' ? [raw] : raw)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return names.length > 0 ? names : undefined;
}

function validNames(entities: readonly ExportEntity[]): string {
  const lists = entities.map(
    (e) =>
      `${e}: ${baseColumns(e)
        .map((c) => c.name)
        .join(', ')}`,
  );
  return `${lists.join('; ')}; plus "${ALL_CUSTOM}" (every custom field) or "${customColumnName('<Name>')}" (one)`;
}

/**
 * The layout of each entity for `fields` (default: every standard column, then
 * every custom field sorted by name).
 * @example planLayouts(['customers'], ['email', 'custom: Contract']).customers.picks.map(p => p.type) // ['base', 'base', 'custom']
 */
export function planLayouts(entities: readonly ExportEntity[], fields?: readonly string[]): Partial<Record<ExportEntity, EntityLayout>> {
  const known = (name: string, e: ExportEntity) => baseColumns(e).some((c) => c.name === name.toLowerCase());
  for (const name of fields ?? []) {
    if (name.toLowerCase() === ALL_CUSTOM || customFieldName(name) !== undefined) continue;
    if (!entities.some((e) => known(name, e))) {
      const other = (['customers', 'contacts'] as const).find((e) => !entities.includes(e) && known(name, e));
      const hint = other ? ` ("${name}" is a ${other} column; export ${other} or all to get it)` : '';
      throw new SyncroEtlError('INVALID_ARGUMENT', `--fields: unknown field "${name}"${hint}. Valid fields are ${validNames(entities)}.`, {
        field: 'fields',
        value: name,
      });
    }
  }
  const out: Partial<Record<ExportEntity, EntityLayout>> = {};
  for (const e of entities) out[e] = layoutOf(e, fields);
  return out;
}

function layoutOf(entity: ExportEntity, fields: readonly string[] | undefined): EntityLayout {
  const all = baseColumns(entity);
  const wanted = fields ?? [...all.map((c) => c.name), ALL_CUSTOM];
  const names = [...KEY_COLUMNS[entity].filter((k) => !wanted.some((w) => w.toLowerCase() === k)), ...wanted];
  const base: BaseColumn[] = [];
  const picks: ColumnPick[] = [];
  const named = new Set<string>();
  let allCustom = false;
  const seen = new Set<string>();
  for (const name of names) {
    const custom = customFieldName(name);
    const key = custom !== undefined ? customColumnName(custom) : name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (key === ALL_CUSTOM) {
      allCustom = true;
      picks.push({ type: 'custom-all' });
    } else if (custom !== undefined) {
      named.add(custom);
      picks.push({ type: 'custom', name: custom });
    } else {
      const column = all.find((c) => c.name === key);
      if (!column) continue; // a column of the other entity (checked in planLayouts)
      picks.push({ type: 'base', column, index: base.length });
      base.push(column);
    }
  }
  return { entity, base, picks, properties: allCustom ? 'all' : named };
}

/** A column of the written file, bound to spooled rows. */
export interface OutColumn {
  header: string;
  kind: CellKind;
  /** Excel column width, in characters. */
  width: number;
  value(row: SpooledRow): unknown;
}

/** One record as spooled: standard values in layout order, then kept custom fields. */
export interface SpooledRow {
  v: unknown[];
  p?: Record<string, string>;
}

/** Longest text seen per standard column (by spool index) and per custom field. */
export interface SeenWidths {
  base: number[];
  custom: ReadonlyMap<string, number>;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

function widthFor(header: string, kind: CellKind, longest: number): number {
  const data = kind === 'date' ? 19 : kind === 'boolean' ? 5 : longest;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, header.length, data) + 2);
}

/**
 * The file's columns once every record was seen: `custom` expands to the
 * custom fields found (sorted by name, those named elsewhere in the list left out).
 */
export function outColumns(layout: EntityLayout, seen: SeenWidths): OutColumn[] {
  const named = new Set(layout.picks.flatMap((p) => (p.type === 'custom' ? [p.name] : [])));
  const customColumn = (name: string): OutColumn => {
    const header = customColumnName(name);
    return { header, kind: 'text', width: widthFor(header, 'text', seen.custom.get(name) ?? 0), value: (r) => r.p?.[name] };
  };
  return layout.picks.flatMap((pick): OutColumn[] => {
    if (pick.type === 'custom') return [customColumn(pick.name)];
    if (pick.type === 'custom-all') {
      return [...seen.custom.keys()]
        .filter((k) => !named.has(k))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map(customColumn);
    }
    const { column, index } = pick;
    return [
      {
        header: column.name,
        kind: column.kind,
        width: widthFor(column.name, column.kind, seen.base[index] ?? 0),
        value: (r) => r.v[index],
      },
    ];
  });
}
