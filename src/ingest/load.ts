/**
 * Read → map → validate → group, for one or more files: what the planner
 * calls. Counts always add up: rows read = valid + rejected.
 */
import type { EventSink } from '../events.js';
import type { CustomerRecord } from '../model/records.js';
import type { RowIssue } from '../model/source.js';
import { loadTaxRates } from '../templates/tax-rates.js';
import { mappingGuesses } from '../templates/compile.js';
import type { ContactSpill } from './contact-spill.js';
import type { RecordShelf } from './record-shelf.js';
import { CustomerGrouper } from './group.js';
import { openMappedFile } from './stream.js';
import type { TemplateChoice } from './stream.js';

export interface LoadOptions {
  template?: string;
  sheet?: string | number;
  delimiter?: string;
  encoding?: string;
  defaultCountry?: string;
  taxRatesFile?: string;
  normalize?: string[];
  /** Custom field that records the customer type (default: the template's, "Customer Type"); null to not record it. */
  customerTypeProperty?: string | null;
  /** Keep what each row itself gave a customer read from several rows (CustomerRecord.rowValues: what dedupe lists); off, it costs memory. */
  keepRowValues?: boolean;
  /** Count and report without holding the records (validate): `customers` comes back empty, `totals` counts them. */
  countOnly?: boolean;
  /** Keep the contacts on disk while reading (an import: see CustomerRecord.spilled); the caller closes the spill. */
  spillContacts?: ContactSpill;
  /** Keep the customer records as text while reading (an import): `customers` comes back empty, the shelf holds them, sealed. */
  shelf?: RecordShelf;
  onEvent?: EventSink;
}

/** What was read from one file. */
export interface FileSummary {
  file: string;
  sheet?: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  headerRow: number;
  headers: string[];
  template: TemplateChoice;
  rowsRead: number;
  valid: number;
  rejected: number;
  /** Columns the template deliberately leaves out (listed, never silent). */
  ignored: string[];
  /** What the mapping had to guess (templates/compile.ts mappingGuesses), for the user to confirm. */
  guesses: string[];
}

export interface LoadResult {
  template: TemplateChoice;
  /** The customers the valid rows make (empty with `countOnly`). */
  customers: CustomerRecord[];
  /** How many customers the valid rows make, and contacts under them (before contacts of one person are merged). */
  totals: { customers: number; contacts: number };
  counts: { rowsRead: number; valid: number; rejected: number; warnings: number };
  /** Rejects (severity 'error') and warnings, in file and row order. */
  issues: RowIssue[];
  /** Columns no template rule reads, and where their non-empty values went. */
  unmapped: Array<{ column: string; destination: 'properties' | 'notes' }>;
  files: FileSummary[];
  /** Per-field update policies the templates set (see the template format's `fieldModes`). */
  fieldModes: Record<string, 'fill' | 'overwrite' | 'never'>;
}

/**
 * Load every file, each with its own (given or detected) template, and group
 * all valid rows into customers with their contacts, across files (a
 * companies file and a contacts file join on the company id or name).
 * Throws SyncroEtlError when a file or template cannot be read at all.
 * @example const r = await loadRecords(['export.csv']); r.counts.rowsRead === r.counts.valid + r.counts.rejected
 */
export async function loadRecords(files: string[], options: LoadOptions = {}): Promise<LoadResult> {
  const taxRates = options.taxRatesFile ? await loadTaxRates(options.taxRatesFile) : undefined;
  const grouper = new CustomerGrouper({
    countOnly: options.countOnly ?? false,
    rowValues: options.keepRowValues === true,
    ...(options.spillContacts ? { spill: options.spillContacts } : {}),
    ...(options.shelf ? { shelf: options.shelf } : {}),
  });
  const issues: RowIssue[] = [];
  const summaries: FileSummary[] = [];
  const unmapped = new Map<string, 'properties' | 'notes'>();
  const counts = { rowsRead: 0, valid: 0, rejected: 0, warnings: 0 };
  const fieldModes: LoadResult['fieldModes'] = {};
  for (const file of files) {
    const opened = await openMappedFile(file, {
      ...options,
      ...(taxRates ? { taxRates } : {}),
    });
    const { table, template, compiled } = opened;
    const summary: FileSummary = {
      file,
      format: table.format,
      headerRow: table.headerRow,
      headers: table.headers,
      template,
      rowsRead: 0,
      valid: 0,
      rejected: 0,
      ignored: compiled.ignored,
      guesses: mappingGuesses(compiled),
    };
    if (table.sheet !== undefined) summary.sheet = table.sheet;
    if (table.encoding !== undefined) summary.encoding = table.encoding;
    if (table.delimiter !== undefined) summary.delimiter = table.delimiter;
    for (const col of compiled.unmapped) unmapped.set(col, compiled.template.unmapped.to);
    Object.assign(fieldModes, compiled.template.fieldModes);
    for await (const batch of opened.batches) {
      for (const row of batch) {
        summary.rowsRead++;
        if (row.valid) {
          summary.valid++;
          for (const i of row.issues) issues.push(i);
          for (const i of grouper.add(row)) issues.push(i);
        } else {
          summary.rejected++;
          for (const i of row.issues) issues.push(i);
        }
      }
    }
    issues.push(...table.notices);
    summaries.push(summary);
    counts.rowsRead += summary.rowsRead;
    counts.valid += summary.valid;
    counts.rejected += summary.rejected;
  }
  if (options.shelf) grouper.shelve();
  counts.warnings = issues.filter((i) => i.severity === 'warning').length;
  issues.sort((a, b) => files.indexOf(a.source.file) - files.indexOf(b.source.file) || a.source.row - b.source.row);
  return {
    template: summaries[0]?.template ?? { name: options.template ?? 'none', confidence: 0, detected: false },
    customers: options.countOnly || options.shelf ? [] : grouper.records(),
    totals: grouper.totals(),
    counts,
    issues,
    unmapped: [...unmapped].map(([column, destination]) => ({ column, destination })),
    files: summaries,
    fieldModes,
  };
}
