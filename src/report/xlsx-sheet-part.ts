/**
 * One worksheet part of the streamed report, as XML text into its ZIP
 * entry: sheet properties (tab colour), a frozen header, column widths and
 * styles, the rows, then autofilter and dropdowns. The widths come before
 * the rows in the file, so rows are held (a bounded number: the caller
 * states the widths after WIDTH_SAMPLE_ROWS rows at most) until `start`.
 */
import { columnLetter, edgeSpace, inlineCellRest, WORKSHEET_OPEN, xmlText } from './xlsx-xml.js';
import type { ValidationSpool } from './xlsx-validation-spool.js';
import type { ZipEntry } from './zip-writer.js';

/** A cell's value as written: text (already neutralised), number, boolean; undefined for none. */
export type CellValue = string | number | boolean | undefined;

const INLINE_OPEN = '" t="inlineStr"><is><t>';
const INLINE_OPEN_PRESERVE = '" t="inlineStr"><is><t xml:space="preserve">';
const INLINE_CLOSE = '</t></is></c>';

/** About how much text is gathered before it goes to the compressor (well under V8's large-object size). */
const CHUNK_CHARS = 1 << 15;

export class SheetPart {
  private readonly pieces: string[] = [];
  /** About how many characters `pieces` holds. */
  private chars = 0;
  private readonly styleAttrs: string[] = [];
  /** Per column: the last text written and its cell XML. */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastCell: (string | undefined)[] = [];
  private started = false;
  private readonly letters: string[];
  /** Each column's cell start up to its row number: '<c r="B'. */
  private readonly opens: string[];

  constructor(
    private readonly entry: ZipEntry,
    private readonly tabColor: string | undefined,
    columns: number,
  ) {
    this.letters = Array.from({ length: columns }, (_, i) => columnLetter(i + 1));
    this.opens = this.letters.map((l) => `<c r="${l}`);
  }

  /** Appends row `n`: `xfs[i]` is cell i's style, -1 for no cell at all. */
  row(n: number, values: readonly CellValue[], xfs: readonly number[], height?: number): void {
    // Pieces are gathered and joined once per chunk: far less garbage than a string concatenated per cell.
    const p = this.pieces;
    const r = String(n);
    p.push(height ? `<row r="${r}" ht="${height}" customHeight="1">` : `<row r="${r}">`);
    let chars = 0;
    const opens = this.opens;
    for (let i = 0; i < opens.length; i++) {
      const xf = xfs[i]!;
      if (xf < 0) continue;
      const v = values[i];
      p.push(opens[i]!, r, this.styleAttr(xf));
      if (typeof v === 'string') {
        // Columns often repeat a value (kinds, decisions, statuses): the same string is escaped once.
        if (v !== this.lastText[i]) {
          this.lastText[i] = v;
          this.lastCell[i] = xmlText(v);
        }
        // Three pieces rather than one concatenated string: join copies them once.
        p.push(edgeSpace(v) ? INLINE_OPEN_PRESERVE : INLINE_OPEN, this.lastCell[i]!, INLINE_CLOSE);
        chars += v.length;
      } else if (v === undefined) p.push('"/>');
      else if (typeof v === 'number') p.push(Number.isFinite(v) ? `"><v>${v}</v></c>` : inlineCellRest(String(v)));
      else p.push(v ? '" t="b"><v>1</v></c>' : '" t="b"><v>0</v></c>');
    }
    p.push('</row>');
    this.chars += chars + 40 * opens.length;
    if (this.started && this.chars > CHUNK_CHARS) this.flush();
  }

  /** ' s="7"' (or nothing for style 0), once per style. */
  private styleAttr(xf: number): string {
    return (this.styleAttrs[xf] ??= xf ? `" s="${xf}` : '');
  }

  private flush(): void {
    if (this.pieces.length) this.entry.write(this.pieces.join(''));
    this.pieces.length = 0;
    this.chars = 0;
  }

  /** Writes the sheet's head (widths in characters, column styles or undefined), then the rows held so far. */
  start(widths: readonly number[], colStyles: readonly (number | undefined)[]): void {
    if (this.started) return;
    const tab = this.tabColor ? `<sheetPr><tabColor rgb="${this.tabColor}"/></sheetPr>` : '';
    const cols = widths
      .map((w, i) => {
        const st = colStyles[i];
        return `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${st ? ` style="${st}"` : ''}/>`;
      })
      .join('');
    const head =
      `${WORKSHEET_OPEN}${tab}<sheetViews><sheetView workbookViewId="0">` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
    this.entry.write(head);
    this.started = true;
    this.flush();
  }

  /** True when the compressor and the file are behind: wait with `drain()`. */
  get needsDrain(): boolean {
    return this.entry.needsDrain;
  }

  /** Lets the compressor and the file catch up. */
  drain(): Promise<void> {
    return this.entry.drain();
  }

  /** Ends the rows and writes the autofilter (header to `lastRow`) and the sheet's dropdowns. */
  async end(lastRow: number, validations: ValidationSpool): Promise<void> {
    this.flush();
    const last = this.letters[this.letters.length - 1] ?? 'A';
    this.entry.write(`</sheetData><autoFilter ref="A1:${last}${Math.max(1, lastRow)}"/>`);
    await validations.writeTo(this.entry);
    this.entry.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  }
}
