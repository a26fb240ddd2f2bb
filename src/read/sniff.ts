/**
 * Looks at the first bytes of a text file: which encoding it is in (BOM,
 * UTF-16 without BOM, valid UTF-8, else Windows-1252) and whether it is not
 * text at all (a workbook, a PDF, a binary renamed .csv).
 */
import iconv from 'iconv-lite';
import { SyncroEtlError } from '../errors.js';

/** Encoding names we say out loud; any other name iconv-lite knows is accepted as given. */
export type DetectedEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows-1252';

export interface Sniffed {
  encoding: string;
  /** A byte-order mark was found (it is stripped while decoding). */
  bom: boolean;
}

const MAGIC: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook renamed .csv? If so, name it .xlsx)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook (open it in Excel and save it as .xlsx or CSV UTF-8)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive (unpack it first)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

const startsWith = (buf: Buffer, bytes: number[]): boolean => bytes.every((b, i) => buf[i] === b);

/**
 * Decide the encoding of a text file from its first bytes (64 KiB is plenty).
 * Throws FILE_EMPTY, FILE_BINARY or ENCODING_UNSUPPORTED with the file named.
 * @example sniffEncoding(Buffer.from('\ufeffa,b'), 'x.csv') // { encoding: 'utf8', bom: true }
 */
export function sniffEncoding(sample: Buffer, file: string): Sniffed {
  if (sample.length === 0) {
    throw new SyncroEtlError('FILE_EMPTY', `${file} is empty: there is no header and no data. Export the file again.`, { file });
  }
  for (const m of MAGIC) {
    if (startsWith(sample, m.bytes)) {
      throw new SyncroEtlError('FILE_BINARY', `${file} is not a text (CSV) file: it looks like ${m.what}.`, { file });
    }
  }
  if (startsWith(sample, [0xff, 0xfe, 0, 0]) || startsWith(sample, [0, 0, 0xfe, 0xff])) {
    throw new SyncroEtlError('ENCODING_UNSUPPORTED', `${file} is UTF-32; save it as CSV UTF-8 (or UTF-16) and try again.`, { file });
  }
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf8', bom: true };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf16le', bom: true };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf16be', bom: true };

  const utf16 = guessUtf16(sample);
  if (utf16) return { encoding: utf16, bom: false };
  if (looksBinary(sample)) {
    throw new SyncroEtlError(
      'FILE_BINARY',
      `${file} is not a text (CSV) file: it holds binary data. Export the data again as CSV, or pass the .xlsx workbook itself.`,
      { file },
    );
  }
  return { encoding: isUtf8(sample) ? 'utf8' : 'windows-1252', bom: false };
}

/** UTF-16 without a BOM: every other byte is NUL for Latin text. */
function guessUtf16(buf: Buffer): DetectedEncoding | undefined {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf16be';
  return undefined;
}

/** NUL bytes, or more than 2% control characters other than tab, CR, LF, FF and Ctrl-Z. */
function looksBinary(buf: Buffer): boolean {
  let control = 0;
  const n = Math.min(buf.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1a) control++;
  }
  return control > n * 0.02;
}

/** True when the bytes are valid UTF-8 (a sequence cut at the end of the sample is allowed). */
function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const ENCODING_ALIASES: Record<string, string> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'utf-8-bom': 'utf8',
  'utf-16': 'utf16le',
  'utf-16le': 'utf16le',
  utf16le: 'utf16le',
  ucs2: 'utf16le',
  'utf-16be': 'utf16be',
  utf16be: 'utf16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  ansi: 'windows-1252',
  'latin-1': 'latin1',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
};

/**
 * Turn an `--encoding` value into an iconv-lite encoding name, or throw
 * ENCODING_UNSUPPORTED naming the ones we know.
 */
export function resolveEncoding(name: string, file?: string): string {
  const key = name.trim().toLowerCase();
  const resolved = ENCODING_ALIASES[key] ?? key;
  if (!iconv.encodingExists(resolved)) {
    throw new SyncroEtlError(
      'ENCODING_UNSUPPORTED',
      `Encoding "${name}" is not supported. Use utf8, utf16le, utf16be or windows-1252 (or leave --encoding out to detect it).`,
      file ? { file, value: name } : { value: name },
    );
  }
  return resolved;
}
