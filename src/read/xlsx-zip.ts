/**
 * A small look inside an .xlsx (a ZIP of XML parts) for what exceljs's
 * streaming reader cannot give before the rows: the sheet list, the date
 * system, and a sheet's merged ranges and mailto: links (both stored after
 * the rows in the sheet's XML). Entries are inflated as streams; only tags
 * are looked at, so memory stays bounded whatever the sheet's size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { SyncroEtlError } from '../errors.js';
import { PartGuard, XLSX_LIMITS } from './xlsx-limits.js';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the ZIP directory states it; the inflated bytes are counted too, the directory may lie. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface SheetInfo {
  name: string;
  /** Path of the sheet's XML inside the ZIP, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  entries: Map<string, ZipEntry>;
}

/** A merged range, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetExtras {
  merges: MergeRange[];
  /** Cell address ("B7") → email address of a mailto: link on that cell. */
  mailto: Map<string, string>;
}

const notXlsx = (file: string, why: string): SyncroEtlError =>
  new SyncroEtlError(
    'FILE_UNREADABLE',
    `${file} cannot be read as an Excel workbook (${why}). Open it in Excel and save it as .xlsx again, or export CSV.`,
    { file },
  );

/** The ZIP's central directory. */
async function listEntries(file: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notXlsx(file, 'it is not a ZIP archive');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) throw notXlsx(file, 'ZIP64 workbooks over 4 GB are not supported');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count && p + 46 <= cd.length; k++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw notXlsx(file, 'its ZIP directory is damaged');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      entries.set(name.replace(/^\//, ''), {
        name,
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** The entry's bytes, inflated, as a stream. */
async function entryStream(file: string, entry: ZipEntry): Promise<Readable> {
  const fh = await open(file, 'r');
  let dataStart: number;
  try {
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, entry.localHeaderOffset);
    if (local.readUInt32LE(0) !== 0x04034b50) throw notXlsx(file, `entry ${entry.name} is damaged`);
    dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(file, { start: dataStart, end: Math.max(dataStart, dataStart + entry.compressedSize - 1) });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw notXlsx(file, `entry ${entry.name} uses an unknown compression`);
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  return raw.pipe(inflate);
}

/** The entry's inflated bytes, checked against the part limits (see xlsx-limits.ts); a damaged stream is FILE_UNREADABLE. */
async function* guardedChunks(file: string, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  const guard = new PartGuard(file, entry.name, maxBytes);
  guard.declared(entry.uncompressedSize);
  try {
    for await (const chunk of await entryStream(file, entry)) {
      guard.add(chunk as Buffer);
      yield chunk as Buffer;
    }
  } catch (err) {
    if (err instanceof SyncroEtlError) throw err;
    throw notXlsx(file, `its part ${entry.name} is damaged: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A small entry (workbook.xml, rels) as text. */
async function entryText(file: string, entries: Map<string, ZipEntry>, name: string): Promise<string | undefined> {
  const entry = entries.get(name);
  if (!entry) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of await entryStream(file, entry)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1] ?? '') : undefined;
};

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

/** Relationship id → target, from a .rels part. */
function parseRels(xml: string | undefined): Map<string, string> {
  const rels = new Map<string, string>();
  for (const m of (xml ?? '').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target !== undefined) rels.set(id, target);
  }
  return rels;
}

/**
 * The workbook's sheets in tab order, and its date system.
 * Throws FILE_UNREADABLE when the file is not a workbook.
 */
export async function inspectWorkbook(file: string): Promise<WorkbookInfo> {
  const entries = await listEntries(file);
  const workbook = await entryText(file, entries, 'xl/workbook.xml');
  if (workbook === undefined) throw notXlsx(file, 'it has no xl/workbook.xml part');
  const rels = parseRels(await entryText(file, entries, 'xl/_rels/workbook.xml.rels'));
  const sheets: SheetInfo[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? `Sheet${sheets.length + 1}`;
    const rid = attr(m[0], 'r:id') ?? '';
    const target = rels.get(rid) ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    sheets.push({ name, path, hidden: /hidden/i.test(attr(m[0], 'state') ?? '') });
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook);
  const d1904 = pr ? attr(pr[0], 'date1904') : undefined;
  return { sheets, date1904: d1904 === '1' || d1904 === 'true', entries };
}

/** "B7" → {row: 7, col: 2}. */
export function decodeAddress(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of (m[1] ?? '').toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function decodeRange(ref: string): MergeRange | undefined {
  const [a, b] = ref.split(':');
  const from = a ? decodeAddress(a) : undefined;
  const to = b ? decodeAddress(b) : from;
  if (!from || !to) return undefined;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

/** Merged ranges and mailto: links of one sheet (a streaming scan of its XML). */
export async function scanSheetExtras(file: string, info: WorkbookInfo, sheet: SheetInfo): Promise<SheetExtras> {
  const extras: SheetExtras = { merges: [], mailto: new Map() };
  const entry = info.entries.get(sheet.path);
  if (!entry) return extras;
  const links: Array<{ ref: string; rid: string }> = [];
  let carry = '';
  let tail = '';
  const TAG = /<(?:\w+:)?(mergeCell|hyperlink)\b[^>]*>/g;
  for await (const chunk of guardedChunks(file, entry, XLSX_LIMITS.sheetBytes)) {
    // latin1 maps bytes 1:1, and the tags looked for are ASCII: no character is split.
    const text = carry + chunk.toString('latin1');
    tail = (tail + text).slice(-64);
    let lastEnd = 0;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      lastEnd = TAG.lastIndex;
      const ref = attr(m[0], 'ref');
      if (!ref) continue;
      if (m[1] === 'mergeCell') {
        const r = decodeRange(ref);
        if (r) extras.merges.push(r);
      } else {
        const rid = attr(m[0], 'r:id');
        if (rid) links.push({ ref, rid });
      }
    }
    const open = text.lastIndexOf('<');
    carry = text.slice(Math.max(lastEnd, open >= 0 && text.length - open < 4096 ? open : text.length));
  }
  // A sheet cut short still inflates and parses: exceljs would yield its first rows and stop without a word.
  if (!/<\/(?:\w+:)?worksheet>\s*$/.test(tail)) throw cutShort(file, `sheet "${sheet.name}" (${entry.name})`);
  if (links.length > 0) {
    const relsPath = sheet.path.replace(/([^/]+)$/, '_rels/$1.rels');
    const rels = parseRels(await entryText(file, info.entries, relsPath));
    for (const { ref, rid } of links) {
      const target = rels.get(rid);
      if (!target || !/^mailto:/i.test(target)) continue;
      const address = mailtoAddress(target);
      const range = decodeRange(ref);
      if (!address || !range) continue;
      for (let r = range.top; r <= range.bottom && r - range.top < 10_000; r++) {
        for (let c = range.left; c <= range.right; c++) extras.mailto.set(`${c}:${r}`, address);
      }
    }
  }
  return extras;
}

/**
 * The shared-string table (every text cell's text, which exceljs holds in
 * memory) checked before the rows are read: whole, under the size limits.
 */
export async function checkSharedStrings(file: string, info: WorkbookInfo): Promise<void> {
  const name = [...info.entries.keys()].find((k) => /^xl\/sharedStrings\.xml$/i.test(k));
  const entry = name === undefined ? undefined : info.entries.get(name);
  if (!entry) return;
  let tail = '';
  for await (const chunk of guardedChunks(file, entry, XLSX_LIMITS.sharedStringsBytes)) tail = (tail + chunk.toString('latin1')).slice(-64);
  if (!/<\/(?:\w+:)?sst>\s*$/.test(tail)) throw cutShort(file, `the shared strings (${entry.name})`);
}

const cutShort = (file: string, what: string): SyncroEtlError =>
  new SyncroEtlError(
    'FILE_UNREADABLE',
    `${file}: ${what} is cut short (its XML stops before the end), so rows would be missing. Open it in Excel and save it again, or export CSV.`,
    { file },
  );

/** "mailto:Jane%20D%20<jane@x.com>?subject=Hi" → "jane@x.com" as written. */
function mailtoAddress(target: string): string {
  let s = target.replace(/^mailto:/i, '').replace(/\?.*$/, '');
  try {
    s = decodeURIComponent(s);
  } catch {
    /* keep as written */
  }
  return s.trim();
}
