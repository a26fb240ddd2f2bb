/**
 * CSV reader: detects the encoding (BOM, UTF-16, UTF-8, else Windows-1252)
 * and the delimiter, decodes with an iconv-lite stream (a character split
 * across two chunks is never broken) and parses with papaparse's parser
 * (well-formed text with csv-fast.ts, which parses it as papaparse does),
 * chunk by chunk, so memory stays bounded. Row numbers are record numbers as
 * Excel shows them: a quoted value spanning lines is one row.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { SyncroEtlError } from '../errors.js';
import type { RowIssue } from '../model/source.js';
import { detectDelimiter, detectNewline, resolveDelimiter } from './delimiter.js';
import { parseWellFormed } from './csv-fast.js';
import { hasForeignNewline, normalizeNewlines } from './newlines.js';
import { checkReadable, readHead } from './files.js';
import { tableFromRecords } from './header.js';
import type { RawRecord } from './header.js';
import { resolveEncoding, sniffEncoding } from './sniff.js';
import type { ReadOptions, Table } from './types.js';

const SAMPLE_BYTES = 64 * 1024;
/** Bytes read from the file at a time (fewer, larger reads are cheaper). */
const CHUNK_BYTES = 64 * 1024;
/**
 * Characters handed to the parser at a time. Smaller than a read: the rows
 * of one piece are all alive while they are mapped, and each young-generation
 * GC copies whatever is alive, so 16 Ki characters instead of 64 Ki cut the
 * 1M-row bench's GC pauses by a third.
 */
const PARSE_CHARS = 16 * 1024;

/**
 * Open a CSV file: detect its encoding and delimiter, find its header.
 * Throws FILE_NOT_FOUND, FILE_EMPTY, FILE_BINARY, ENCODING_UNSUPPORTED,
 * HEADER_EMPTY, HEADER_DUPLICATE.
 * @example const t = await openCsv('clients.csv'); for await (const row of t.rows()) console.log(row.values);
 */
export async function openCsv(file: string, options: ReadOptions = {}): Promise<Table> {
  const size = await checkReadable(file);
  if (size === 0)
    throw new SyncroEtlError('FILE_EMPTY', `${file} is empty (0 bytes): there is no header and no data. Export the file again.`, { file });
  const head = await readHead(file, SAMPLE_BYTES);
  const sniffed = sniffEncoding(head, file);
  const encoding = options.encoding ? resolveEncoding(options.encoding, file) : sniffed.encoding;
  const sample = iconv.decode(head, encoding, { stripBOM: true });
  if (sample.trim() === '' && size <= SAMPLE_BYTES) {
    throw new SyncroEtlError(
      'FILE_EMPTY',
      `${file} holds no text (only ${sniffed.bom ? 'a byte-order mark and ' : ''}blank space). Export the file again.`,
      { file },
    );
  }
  const delimiter = options.delimiter ? resolveDelimiter(options.delimiter) : detectDelimiter(sample);
  const newline = detectNewline(sample);
  const records = parseRecords(file, encoding, delimiter, newline);
  return tableFromRecords(records, { file, format: 'csv', encoding, delimiter, warnShortRows: true });
}

/** Decoded text of `file`, chunk by chunk; the file is closed however the iteration ends. */
async function* decodedChunks(file: string, encoding: string): AsyncGenerator<string> {
  const source = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const decoder = iconv.decodeStream(encoding, { stripBOM: true });
  source.on('error', (err) => decoder.emit('error', err));
  try {
    for await (const chunk of source.pipe(decoder) as unknown as AsyncIterable<string>) yield chunk;
  } finally {
    source.destroy();
  }
}

interface PapaError {
  code: string;
  message: string;
  row?: number;
}
const NO_ERRORS: readonly PapaError[] = [];

/** Records of the file with their spreadsheet row numbers and parse problems, a decoded chunk at a time. */
async function* parseRecords(
  file: string,
  encoding: string,
  delimiter: string,
  newline: '\r\n' | '\n' | '\r',
): AsyncGenerator<RawRecord[]> {
  const parser = new Papa.Parser({ delimiter, newline: newline as Papa.ParseConfig['newline'], quoteChar: '"', escapeChar: '"' });
  let pending = '';
  let row = 0;
  const checkDecoding = encoding === 'utf8';
  // The well-formed text most files are, parsed as papaparse parses it (see csv-fast.ts); papaparse for the rest.
  // Rows ending in another line break than the file's own are rows too: such text is rewritten first (newlines.ts).
  // In a CRLF file the fast parser declines a lone LF outside quotes, so only declined pieces are searched for one.
  const crlf = newline === '\r\n';
  const parseText = (input: string, last: boolean): { data: string[][]; errors: readonly PapaError[]; cursor: number; text: string } => {
    let text = !crlf && hasForeignNewline(input, newline) ? normalizeNewlines(input, delimiter, newline, last) : input;
    let fast = parseWellFormed(text, delimiter, newline, !last);
    if (!fast && crlf && hasForeignNewline(text, newline)) {
      text = normalizeNewlines(text, delimiter, newline, last);
      fast = parseWellFormed(text, delimiter, newline, !last);
    }
    if (fast) return { data: fast.data, errors: NO_ERRORS, cursor: fast.cursor, text };
    const r = parser.parse(text, 0, !last) as { data: string[][]; errors: PapaError[]; meta: { cursor: number } };
    return { data: r.data, errors: r.errors, cursor: r.meta.cursor, text };
  };
  const parse = (input: string, last: boolean): { records: RawRecord[]; cursor: number; text: string } => {
    const result = parseText(input, last);
    const text = result.text;
    const data = result.data;
    const records = new Array<RawRecord>(data.length);
    let byRow: Map<number, PapaError[]> | undefined;
    for (const e of result.errors) {
      if (e.row !== undefined && e.row < data.length) (byRow ??= new Map()).set(e.row, [...(byRow.get(e.row) ?? []), e]);
    }
    // A replacement character means bytes that were not UTF-8: find the rows only when the chunk has one.
    const suspect = checkDecoding && text.includes('\ufffd');
    for (let i = 0; i < data.length; i++) {
      row++;
      const cells = data[i] as string[];
      const rec: RawRecord = { row, cells };
      records[i] = rec;
      // Most chunks have neither parse errors nor undecodable bytes: nothing more to look at.
      if (byRow === undefined && !suspect) continue;
      const errors = byRow?.get(i);
      if (errors || (suspect && cells.some((c) => c.includes('\ufffd')))) {
        const issues: RowIssue[] = (errors ?? []).map((e) => quoteIssue(file, row, e));
        if (suspect && cells.some((c) => c.includes('\ufffd'))) {
          issues.push({
            source: { file, row },
            code: 'ENCODING_INVALID',
            severity: 'error',
            message: 'holds bytes that are not valid UTF-8 (the file may be Windows-1252 or Latin-1: try --encoding windows-1252)',
          });
        }
        rec.issues = issues;
      }
    }
    return { records, cursor: result.cursor, text };
  };
  for await (const chunk of decodedChunks(file, encoding)) {
    for (let at = 0; at < chunk.length; at += PARSE_CHARS) {
      const { records, cursor, text } = parse(pending + (chunk.length <= PARSE_CHARS ? chunk : chunk.slice(at, at + PARSE_CHARS)), false);
      pending = text.slice(cursor); // of the text parsed: the cursor counts in the normalized text
      if (records.length > 0) yield records;
    }
  }
  if (pending !== '') {
    const { records } = parse(pending, true);
    if (records.length > 0) yield records;
  }
}

function quoteIssue(file: string, row: number, e: PapaError): RowIssue {
  if (e.code === 'MissingQuotes') {
    return {
      source: { file, row },
      code: 'CSV_UNCLOSED_QUOTE',
      severity: 'error',
      message: `a quoted value opened on row ${row} is never closed: everything up to the end of the file was read as one value. Fix the quote in the file and read it again`,
    };
  }
  return { source: { file, row }, code: 'CSV_BAD_QUOTE', severity: 'warning', message: `${e.message}; the value was read as written` };
}
