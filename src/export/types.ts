/**
 * The export's options and result (kept apart from the code so the CLI can
 * name the choices without loading exceljs).
 */
import type { EventSink } from '../events.js';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_TARGETS = ['customers', 'contacts', 'all'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ExportOptions {
  /** Output file: FILE.xlsx, or FILE.csv (with `all`: FILE-customers.csv and FILE-contacts.csv). */
  out: string;
  /** Default: from the extension of `out`. */
  format?: ExportFormat;
  /** Columns to export (see layout.ts); default every column and every custom field. */
  fields?: readonly string[];
  /** Syncro's free-text customer filter; contacts follow their customers. */
  query?: string;
  /** Include disabled customers (and their contacts). Default false, as Syncro's list. */
  includeDisabled?: boolean;
  /** Replace output files that exist. Default false: refuse. */
  overwrite?: boolean;
  onEvent?: EventSink;
  /** Folder for the temporary spool files. Default the OS temp folder. */
  tmpDir?: string;
}

export interface ExportResult {
  format: ExportFormat;
  files: string[];
  rows: { customers: number; contacts: number };
  /** HTTP requests sent to Syncro (retries included). */
  requests: number;
  /** Contacts left out because their customer was not exported (disabled, or not matched by `query`). */
  skippedContacts: number;
  /** What could not be written exactly (also emitted as notices). */
  warnings: string[];
}
