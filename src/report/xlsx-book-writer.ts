/**
 * The streamed report workbook: worksheet parts written one after the other
 * into a ZIP (zip-writer.ts) as their tables fill them, then the hidden
 * Lists sheet, styles, workbook, relationships and content types. The
 * ReportBook that writeSourceXlsx fills.
 */
import { rmSync } from 'node:fs';
import type { Column, ReportBook } from './xlsx-layout.js';
import { SheetPart } from './xlsx-sheet-part.js';
import { StyleBook } from './xlsx-style-book.js';
import { StreamTable } from './xlsx-stream-table.js';
import type { StreamRow, StreamSheets } from './xlsx-stream-table.js';
import { DropdownLists } from './xlsx-dropdowns.js';
import { ValidationSpool } from './xlsx-validation-spool.js';
import { xmlAttr, xmlText } from './xlsx-xml.js';
import { ZipWriter } from './zip-writer.js';
import type { ZipEntry } from './zip-writer.js';

/**
 * DEFLATE level of the streamed report. Level 1 compresses report XML about
 * three times faster than zlib's default (6) for a file about a quarter larger
 * (measured by bench/report-xlsx.bench.ts).
 */
export const REPORT_DEFLATE_LEVEL = 1;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

interface SheetEntry {
  name: string;
  hidden: boolean;
}

export interface BookInfo {
  creator: string;
  title: string;
}

export class XlsxBookWriter implements ReportBook<StreamRow>, StreamSheets {
  readonly styles = new StyleBook();
  readonly lists = new DropdownLists();
  private readonly zip: ZipWriter;
  private readonly sheets: SheetEntry[] = [];
  private open: { part: SheetPart; entry: ZipEntry; validations: ValidationSpool } | undefined;

  constructor(
    private readonly path: string,
    level = REPORT_DEFLATE_LEVEL,
  ) {
    this.zip = new ZipWriter(path, { level });
  }

  table(name: string, columns: readonly Column[], tabColor: string, rowLimit?: number): StreamTable {
    return new StreamTable(this, name, columns, tabColor, rowLimit);
  }

  openSheet(name: string, tabColor: string | undefined, columns: number): { part: SheetPart; validations: ValidationSpool } {
    if (this.open) throw new Error(`sheet ${this.sheets[this.sheets.length - 1]?.name} is still being written`);
    this.sheets.push({ name, hidden: false });
    const entry = this.zip.entry(`xl/worksheets/sheet${this.sheets.length}.xml`);
    const part = new SheetPart(entry, tabColor, columns);
    const validations = new ValidationSpool(`${this.path}.validations.tmp`);
    this.open = { part, entry, validations };
    return { part, validations };
  }

  async closeSheet(part: SheetPart): Promise<void> {
    if (this.open?.part !== part) throw new Error('closing a sheet that is not the open one');
    const { entry } = this.open;
    this.open = undefined;
    await this.zip.endEntry(entry);
  }

  /** Writes the remaining parts and the ZIP directory. */
  async close(info: BookInfo): Promise<void> {
    if (this.lists.hasSheet) {
      this.sheets.push({ name: 'Lists', hidden: true });
      await this.zip.add(`xl/worksheets/sheet${this.sheets.length}.xml`, this.lists.sheetXml());
    }
    await this.zip.add('xl/styles.xml', this.styles.xml());
    await this.zip.add('xl/workbook.xml', this.workbookXml());
    await this.zip.add('xl/_rels/workbook.xml.rels', this.workbookRels());
    await this.zip.add('[Content_Types].xml', this.contentTypes());
    await this.zip.add('_rels/.rels', ROOT_RELS);
    await this.zip.add('docProps/core.xml', coreXml(info));
    await this.zip.close();
  }

  /** Gives up the file: stops writing, deletes what was written. */
  async abort(): Promise<void> {
    this.open?.validations.discard();
    this.open = undefined;
    await this.zip.abort();
    rmSync(this.path, { force: true });
  }

  private workbookXml(): string {
    const sheets = this.sheets
      .map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="veryHidden"' : ''} r:id="rId${i + 1}"/>`)
      .join('');
    return (
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      '<bookViews><workbookView activeTab="0"/></bookViews>' +
      `<sheets>${sheets}</sheets></workbook>`
    );
  }

  private workbookRels(): string {
    const sheets = this.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('');
    const styles = `<Relationship Id="rId${this.sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
    return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${sheets}${styles}</Relationships>`;
  }

  private contentTypes(): string {
    const sheets = this.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_SHEET}"/>`).join('');
    return (
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `${sheets}` +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>'
    );
  }
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
  '</Relationships>';

function coreXml(info: BookInfo): string {
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(info.creator)}</dc:creator><dc:title>${xmlText(info.title)}</dc:title>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
