/**
 * The streamed report's cell styles: each distinct look gets an index into
 * styles.xml's cellXfs the first time a cell uses it; cells carry only that
 * index. Derived looks (a fill or font on top of a column's base) are cached
 * by index and change, so styling a cell is a map look-up.
 */
import { COLORS } from './xlsx-layout.js';
import type { StyleChange } from './xlsx-layout.js';
import { xmlAttr } from './xlsx-xml.js';

interface Font {
  color?: string;
  italic?: boolean;
  bold?: boolean;
  strike?: boolean;
}

/** One cell look: number format, alignment, fill, font. */
interface Look {
  /** Text number format ('@', built-in id 49). */
  text: boolean;
  /** none; wrapped and top-aligned (wrap columns); centred vertically (header). */
  align: 'none' | 'wrap' | 'header';
  fill?: string;
  font?: Font;
}

const fontKey = (f: Font | undefined): string =>
  f ? `${f.color ?? ''}/${f.italic ? 'i' : ''}${f.bold ? 'b' : ''}${f.strike ? 's' : ''}` : '';
const lookKey = (l: Look): string => `${l.text ? 't' : ''}|${l.align}|${l.fill ?? ''}|${fontKey(l.font)}`;

export class StyleBook {
  private readonly looks: Look[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly derived = new Map<string, number>();

  constructor() {
    this.index({ text: false, align: 'none' });
  }

  private index(look: Look): number {
    const key = lookKey(look);
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.looks.length;
      this.looks.push(look);
      this.byKey.set(key, i);
    }
    return i;
  }

  /** A data cell of a text (numFmt '@') and/or wrapped column. */
  base(text: boolean, wrap: boolean): number {
    return this.index({ text, align: wrap ? 'wrap' : 'none' });
  }

  /** A header cell: bold white on dark, centred vertically (text format kept for a text column). */
  header(text: boolean): number {
    return this.index({ text, align: 'header', fill: COLORS.header, font: { bold: true, color: COLORS.headerText } });
  }

  /** Look `xf` with `change` on top: the fill replaced, the font replaced (as setting cell.fill / cell.font would). */
  derive(xf: number, change: StyleChange): number {
    const font = Boolean(change.color || change.italic || change.bold || change.strike);
    if (!change.fill && !font) return xf;
    const key = `${xf}+${change.fill ?? ''}/${fontKey(change)}`;
    let i = this.derived.get(key);
    if (i === undefined) {
      const from = this.looks[xf]!;
      const look: Look = { ...from };
      if (change.fill) look.fill = change.fill;
      if (font) {
        look.font = {
          ...(change.color ? { color: change.color } : {}),
          ...(change.italic ? { italic: true } : {}),
          ...(change.bold ? { bold: true } : {}),
          ...(change.strike ? { strike: true } : {}),
        };
      }
      i = this.index(look);
      this.derived.set(key, i);
    }
    return i;
  }

  /** xl/styles.xml for every look used. */
  xml(): string {
    const fonts = new Map<string, number>([['', 0]]);
    const fills = new Map<string, number>([['', 0]]);
    const fontXml = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
    const fillXml = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
    const xfs = this.looks.map((l) => {
      const fk = fontKey(l.font);
      let fontId = fonts.get(fk);
      if (fontId === undefined) {
        const f = l.font ?? {};
        fontId = fontXml.length;
        fonts.set(fk, fontId);
        fontXml.push(
          `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}${f.strike ? '<strike/>' : ''}<sz val="11"/>${
            f.color ? `<color rgb="${xmlAttr(f.color)}"/>` : ''
          }<name val="Calibri"/><family val="2"/></font>`,
        );
      }
      let fillId = l.fill === undefined ? 0 : fills.get(l.fill);
      if (fillId === undefined && l.fill !== undefined) {
        fillId = fillXml.length;
        fills.set(l.fill, fillId);
        fillXml.push(
          `<fill><patternFill patternType="solid"><fgColor rgb="${xmlAttr(l.fill)}"/><bgColor indexed="64"/></patternFill></fill>`,
        );
      }
      const attrs =
        `numFmtId="${l.text ? 49 : 0}" fontId="${fontId}" fillId="${fillId ?? 0}" borderId="0" xfId="0"` +
        `${l.text ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}` +
        `${l.align === 'none' ? '' : ' applyAlignment="1"'}`;
      const align =
        l.align === 'wrap' ? '<alignment vertical="top" wrapText="1"/>' : l.align === 'header' ? '<alignment vertical="center"/>' : '';
      return align ? `<xf ${attrs}>${align}</xf>` : `<xf ${attrs}/>`;
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<fonts count="${fontXml.length}">${fontXml.join('')}</fonts>` +
      `<fills count="${fillXml.length}">${fillXml.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
