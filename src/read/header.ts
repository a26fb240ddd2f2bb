/**
 * Shared by the CSV and XLSX readers: find the header row (a title or blank
 * rows may sit above it), check its names, and turn raw records into
 * {@link SourceRow}s keyed by header name.
 */
import { SyncroEtlError } from '../errors.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import { flattenBatches } from './flatten.js';
import type { SourceRow, Table } from './types.js';

/** A record as a reader sees it: its spreadsheet row number and its cells as text. */
export interface RawRecord {
  row: number;
  cells: string[];
  issues?: RowIssue[];
}

/** How many non-blank records are looked at to find the header. */
export const HEADER_SCAN_ROWS = 30;

/**
 * The key header names are matched on: case, spaces, punctuation and accents
 * ignored ("E-mail" = "email" = "EMAIL ").
 * @example headerKey(' Zip-Code ') // "zipcode"
 */
export function headerKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** 1 → "A", 28 → "AB". */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const filled = (cells: string[]): number => cells.reduce((n, c) => (c.trim() === '' ? n : n + 1), 0);

/** No cell has any text (what `filled(cells) === 0` says, stopping at the first filled cell: checked on every data row). */
function blank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    if (c.length === 0) continue;
    // A cell starting with a visible ASCII character is filled without trimming it (trim also drops U+00A0 and other spaces).
    const ch = c.charCodeAt(0);
    if ((ch > 32 && ch < 127) || c.trim() !== '') return false;
  }
  return true;
}

/**
 * The function that turns a record's cells into its `values` object, keyed by
 * header name ('' for a missing cell). Generated once per header: an object
 * literal with the header names as constant keys builds every row's object
 * with one shape, about ten times faster than assigning the keys in a loop
 * (keyed stores with a different name each time). The names are written
 * with JSON.stringify, so any header text is a plain string literal. A header
 * named __proto__ would set the literal's prototype, so such a header (and
 * a very wide one) uses the loop, which is what the generated code does; so
 * does a process that forbids generating code.
 */
export function valuesMaker(headers: readonly string[]): (cells: readonly string[]) => Record<string, string> {
  const loop = (cells: readonly string[]): Record<string, string> => {
    const values: Record<string, string> = {};
    for (let i = 0; i < headers.length; i++) values[headers[i] as string] = cells[i] ?? '';
    return values;
  };
  if (headers.length > 1000 || headers.includes('__proto__')) return loop;
  const fields = headers.map((h, i) => `${JSON.stringify(h)}: c[${i}] ?? ''`).join(',\n');
  try {
    return new Function('c', `return {\n${fields}\n};`) as (cells: readonly string[]) => Record<string, string>;
  } catch {
    return loop; // code generation disallowed (node --disallow-code-generation-from-strings)
  }
}

/**
 * The function that makes a table's rows: `values` is built from `cells`
 * (by {@link valuesMaker}) the first time it is read, and kept. The mapper
 * reads cells by position, so a file read for mapping builds no values
 * object at all: one object of as many keys as the header per row was a
 * twentieth of the time of mapping a million rows. A row's own
 * properties are `source` and `cells` (and `extra` and `issues` when set);
 * `values` belongs to its class, so a spread or JSON of a row leaves it out.
 * @example rowMaker(['A', 'B'])({ file: 'f.csv', row: 2 }, ['1', '2']).values // { A: '1', B: '2' }
 */
export function rowMaker(headers: readonly string[]): (source: SourceRef, cells: readonly string[]) => SourceRow {
  const valuesOf = valuesMaker(headers);
  class Row implements SourceRow {
    source: SourceRef;
    cells: readonly string[];
    declare extra?: Record<string, string>;
    declare issues?: RowIssue[];
    #values: Record<string, string> | undefined;
    constructor(source: SourceRef, cells: readonly string[]) {
      this.source = source;
      this.cells = cells;
      this.#values = undefined;
    }
    get values(): Record<string, string> {
      return (this.#values ??= valuesOf(this.cells));
    }
  }
  return (source, cells) => new Row(source, cells);
}

/**
 * Index (into `records`) of the header: the first record with at least two
 * filled cells and at least 60% as many as the widest of the records (a title
 * row has one cell, a "generated on" line a few); a one-column file uses its
 * first non-blank record. -1 when every record is blank.
 */
export function findHeaderIndex(records: RawRecord[]): number {
  const widths = records.map((r) => filled(r.cells));
  const widest = Math.max(0, ...widths);
  if (widest === 0) return -1;
  const need = widest === 1 ? 1 : Math.max(2, Math.ceil(widest * 0.6));
  return widths.findIndex((w) => w >= need);
}

/**
 * Trimmed header names with trailing empty cells dropped. Throws
 * HEADER_EMPTY for an unnamed column between named ones and HEADER_DUPLICATE
 * for names that only differ in case, spacing or punctuation.
 */
export function checkHeader(cells: string[], where: { file: string; sheet?: string; row: number }): string[] {
  const names = cells.map((c) => c.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const at = `${where.file}${where.sheet !== undefined ? `, sheet ${where.sheet}` : ''}, header row ${where.row}`;
  const empty = names.flatMap((n, i) => (headerKey(n) === '' ? [`${columnLetter(i + 1)} (column ${i + 1}${n ? `, "${n}"` : ''})`] : []));
  if (empty.length > 0) {
    throw new SyncroEtlError(
      'HEADER_EMPTY',
      `${at}: ${empty.length === 1 ? 'column' : 'columns'} ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no name. Give every column a header (or delete the empty column) and try again.`,
      { file: where.file, sheet: where.sheet, row: where.row, columns: empty },
    );
  }
  const seen = new Map<string, number[]>();
  names.forEach((n, i) => seen.set(headerKey(n), [...(seen.get(headerKey(n)) ?? []), i]));
  const dups = [...seen.values()].filter((idx) => idx.length > 1);
  if (dups.length > 0) {
    const text = dups.map((idx) => idx.map((i) => `"${names[i]}" (${columnLetter(i + 1)})`).join(' and ')).join('; ');
    throw new SyncroEtlError(
      'HEADER_DUPLICATE',
      `${at}: duplicate column names ${text} (names are compared ignoring case, spaces and punctuation). Rename or remove one of each and try again.`,
      { file: where.file, sheet: where.sheet, row: where.row, columns: dups.map((idx) => idx.map((i) => names[i])) },
    );
  }
  return names;
}

/** Label of a cell right of the header: "Column 13 (no header)". */
export const extraColumnName = (index: number): string => `Column ${columnLetter(index + 1)} (no header)`;

interface TableMeta {
  file: string;
  sheet?: string;
  format: Table['format'];
  encoding?: string;
  delimiter?: string;
  /** CSV warns about short rows; XLSX leaves trailing empty cells out, so it does not. */
  warnShortRows: boolean;
}

/**
 * Read record batches until the header is found and return the
 * {@link Table}; the rest of `batches` is consumed lazily by `rows()` or
 * `batches()` (readers hand over records in batches: one async step per
 * batch, not per row).
 * Throws FILE_EMPTY when no record has any text.
 */
export async function tableFromRecords(batches: AsyncIterator<RawRecord[]>, meta: TableMeta): Promise<Table> {
  const head: RawRecord[] = [];
  const nonBlank: number[] = []; // indexes into head of the first non-blank records
  let ended = false;
  while (nonBlank.length < HEADER_SCAN_ROWS) {
    const next = await batches.next();
    if (next.done) {
      ended = true;
      break;
    }
    for (const rec of next.value) {
      if (nonBlank.length < HEADER_SCAN_ROWS && filled(rec.cells) > 0) nonBlank.push(head.length);
      head.push(rec);
    }
  }
  const found = findHeaderIndex(nonBlank.map((i) => head[i] as RawRecord));
  const h = found < 0 ? -1 : (nonBlank[found] as number);
  if (h < 0) {
    if (!ended) await batches.return?.();
    const where = meta.sheet !== undefined ? `${meta.file}, sheet ${meta.sheet}` : meta.file;
    throw new SyncroEtlError(
      'FILE_EMPTY',
      `${where} has no data: ${head.length === 0 ? 'it is empty' : 'every row is blank'}. Check that you exported the right ${meta.sheet !== undefined ? 'sheet' : 'file'}.`,
      { file: meta.file, sheet: meta.sheet },
    );
  }
  const headerRec = head[h] as RawRecord;
  const ref = (row: number): SourceRef =>
    meta.sheet !== undefined ? { file: meta.file, sheet: meta.sheet, row } : { file: meta.file, row };
  let headers: string[];
  try {
    headers = checkHeader(headerRec.cells, { file: meta.file, sheet: meta.sheet, row: headerRec.row });
  } catch (err) {
    if (!ended) await batches.return?.();
    throw err;
  }
  const notices: RowIssue[] = [];
  for (const rec of head.slice(0, h)) {
    const text = rec.cells.filter((c) => c.trim() !== '').join(' | ');
    if (text) {
      notices.push({
        source: ref(rec.row),
        code: 'ROW_ABOVE_HEADER',
        value: text.slice(0, 200),
        severity: 'warning',
        message: `row ${rec.row} sits above the header (row ${headerRec.row}) and was not read as data`,
      });
    }
  }
  let used = false;
  const open = (): AsyncGenerator<SourceRow[]> => {
    if (used) throw new SyncroEtlError('INTERNAL', `the rows of ${meta.file} can be read only once`);
    used = true;
    return shapeBatches(head.slice(h + 1), batches, headers, meta, ref, notices, headerRec.row);
  };
  const table: Table = {
    file: meta.file,
    format: meta.format,
    headers,
    headerRow: headerRec.row,
    notices,
    batches: open,
    rows: () => flattenBatches(open()),
    async close() {
      if (!used && !ended) {
        used = true;
        await batches.return?.();
      }
    },
  };
  if (meta.sheet !== undefined) table.sheet = meta.sheet;
  if (meta.encoding !== undefined) table.encoding = meta.encoding;
  if (meta.delimiter !== undefined) table.delimiter = meta.delimiter;
  return table;
}

/** Readers name a cell's column by number ("column 3"); say its header instead. */
function nameColumns(issues: RowIssue[], headers: string[]): RowIssue[] {
  return issues.map((i) => {
    const m = i.field ? /^column (\d+)$/.exec(i.field) : null;
    const name = m ? headers[Number(m[1]) - 1] : undefined;
    return name ? { ...i, field: name } : i;
  });
}

async function* shapeBatches(
  buffered: RawRecord[],
  rest: AsyncIterator<RawRecord[]>,
  headers: string[],
  meta: TableMeta,
  ref: (row: number) => SourceRef,
  notices: RowIssue[],
  headerRow: number,
): AsyncGenerator<SourceRow[]> {
  let lastRow = headerRow;
  const width = headers.length;
  const makeRow = rowMaker(headers);
  const shape = (rec: RawRecord): SourceRow | undefined => {
    const cells = rec.cells;
    if (!rec.issues && blank(cells)) return undefined;
    if (rec.row > lastRow + 1) {
      const from = lastRow + 1;
      const to = rec.row - 1;
      notices.push({
        source: ref(from),
        code: 'ROW_BLANK',
        severity: 'warning',
        message: from === to ? `row ${from} is blank and was skipped` : `rows ${from}–${to} are blank and were skipped`,
      });
    }
    lastRow = rec.row;
    const row = makeRow(ref(rec.row), cells);
    // The common row (as wide as the header, no reader issues) allocates nothing more.
    if (!rec.issues && cells.length === width) return row;
    const issues = rec.issues ? nameColumns(rec.issues, headers) : [];
    if (cells.length > width) {
      let extra: Record<string, string> | undefined;
      for (let i = width; i < cells.length; i++) {
        const v = cells[i] ?? '';
        if (v.trim() !== '') (extra ??= {})[extraColumnName(i)] = v;
      }
      if (extra) {
        row.extra = extra;
        issues.push({
          source: row.source,
          code: 'ROW_RAGGED',
          severity: 'warning',
          field: Object.keys(extra).join(', '),
          value: Object.values(extra).join(' | ').slice(0, 200),
          message: `row has ${cells.length} values but the header names ${width} columns; the values past the last column are kept as ${Object.keys(extra).join(', ')}`,
        });
      }
    } else if (meta.warnShortRows && cells.length < width) {
      issues.push({
        source: row.source,
        code: 'ROW_SHORT',
        severity: 'warning',
        message: `row has ${cells.length} values but the header names ${width} columns; the missing ones (from ${headers[cells.length]}) are read as empty`,
      });
    }
    if (issues.length > 0) row.issues = issues;
    return row;
  };
  const shapeAll = (recs: RawRecord[]): SourceRow[] => {
    const out: SourceRow[] = [];
    for (const rec of recs) {
      const row = shape(rec);
      if (row) out.push(row);
    }
    return out;
  };
  const first = shapeAll(buffered);
  if (first.length > 0) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    const batch = shapeAll(next.value);
    if (batch.length > 0) yield batch;
  }
}
