/**
 * What every reader yields: the header of a table and its data rows, one at a
 * time, as an async iterable (memory stays bounded whatever the file size).
 * `values` is keyed by the header names exactly as the file writes them
 * (trimmed); cells are text exactly as shown, never trimmed or retyped.
 */
import type { SourceRef, RowIssue } from '../model/source.js';
import type { EventSink } from '../events.js';

/** One data row of a table. */
export interface SourceRow {
  source: SourceRef;
  /** Header name → cell text ('' for an empty cell). */
  values: Record<string, string>;
  /**
   * The same cells by position, as the reader read them: `cells[i]` is the
   * cell under `Table.headers[i]` (undefined past a short row's end; cells past
   * the header are also in `extra`). Readers set it so that the mapper reads
   * cells by column index, not by name; rows made by hand may leave it out.
   */
  cells?: readonly string[];
  /**
   * Non-empty cells to the right of the last named column, keyed
   * "Column 13 (no header)"; reported by a warning and never dropped.
   */
  extra?: Record<string, string>;
  /** Problems the reader found in this row (ragged, undecodable bytes, formula without result…). */
  issues?: RowIssue[];
}

/** An opened table: header known, rows not yet read. `rows()` can be iterated once. */
export interface Table {
  file: string;
  sheet?: string;
  /** XLSX: the workbook's other sheets (to name them when this one is not the data). */
  otherSheets?: string[];
  format: 'csv' | 'xlsx';
  /** Header names as written (trimmed), left to right. */
  headers: string[];
  /** Spreadsheet row number of the header (1 unless a title or blank rows sit above it). */
  headerRow: number;
  /** CSV only: the encoding and delimiter used (detected or given). */
  encoding?: string;
  delimiter?: string;
  /**
   * File-level observations that are not about one data row (rows above the
   * header, blank rows): warnings, filled in as the rows are read.
   */
  notices: RowIssue[];
  /** The data rows, one at a time. Either this or `batches()` can be read, once. */
  rows(): AsyncIterable<SourceRow>;
  /** The same rows in batches (one async step per batch: the fast path for large files). */
  batches(): AsyncIterable<SourceRow[]>;
  /** Close the file without reading the rows (reading them to the end closes it too). */
  close(): Promise<void>;
}

/** Options every reader understands; the irrelevant ones are ignored. */
export interface ReadOptions {
  /** XLSX: sheet name or 1-based index (default: the first sheet). */
  sheet?: string | number;
  /** CSV: one of `,` `;` `\t` `|` (or the words comma, semicolon, tab, pipe); default: detected. */
  delimiter?: string;
  /** CSV: an encoding iconv-lite knows (utf8, utf16le, utf16be, windows-1252…); default: detected. */
  encoding?: string;
  onEvent?: EventSink;
}
