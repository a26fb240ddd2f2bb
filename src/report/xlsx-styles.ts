/**
 * Cell styles shared between cells: one object per distinct look, never
 * changed once made. exceljs remembers the style id of a style object it has
 * written, so cells that share one cost a map look-up instead of a style
 * comparison each (a report of a million cells writes several times faster).
 * A shared object must never be mutated: every change makes (or finds) another.
 */
import type ExcelJS from 'exceljs';
import type { StyleChange } from './xlsx-layout.js';

export type CellStyle = Partial<ExcelJS.Style>;

export type { StyleChange } from './xlsx-layout.js';

export class SharedStyles {
  private readonly byKey = new Map<string, CellStyle>();
  private readonly keys = new WeakMap<object, string>();

  /** The shared style for a data cell of a text (numFmt '@') and/or wrapped column. */
  base(text: boolean, wrap: boolean): CellStyle {
    return this.get(`${text ? 't' : ''}${wrap ? 'w' : ''}`, () => ({
      ...(text ? { numFmt: '@' } : {}),
      ...(wrap ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
    }));
  }

  /** `style` with `change` on top: fill replaced, font replaced (as setting cell.fill / cell.font would). */
  with(style: CellStyle, change: StyleChange): CellStyle {
    const font = change.color || change.italic || change.bold || change.strike;
    if (!change.fill && !font) return style;
    const key = `${this.keyOf(style)}+${change.fill ?? ''}/${change.color ?? ''}/${change.italic ? 'i' : ''}${change.bold ? 'b' : ''}${change.strike ? 's' : ''}`;
    return this.get(key, () => ({
      ...style,
      ...(change.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: change.fill } } } : {}),
      ...(font
        ? {
            font: {
              ...(change.color ? { color: { argb: change.color } } : {}),
              ...(change.italic ? { italic: true } : {}),
              ...(change.bold ? { bold: true } : {}),
              ...(change.strike ? { strike: true } : {}),
            },
          }
        : {}),
    }));
  }

  private keyOf(style: CellStyle): string {
    return this.keys.get(style) ?? JSON.stringify(style);
  }

  private get(key: string, make: () => CellStyle): CellStyle {
    let style = this.byKey.get(key);
    if (!style) {
      style = make();
      this.byKey.set(key, style);
      this.keys.set(style, key);
    }
    return style;
  }
}
