/**
 * One exceljs cell value → the text a person sees in Excel, plus a warning
 * where that text is not the whole story (a formula never calculated, an
 * error value).
 */
import { dateToIso, formatGeneral, formatNumber, isDateFormat, serialToIso } from './xlsx-format.js';

export interface CellText {
  text: string;
  /** Why the text may not be what the user expects (becomes a row warning). */
  warning?: string;
}

type RichRun = { text?: unknown };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Render an exceljs cell value with the cell's number format.
 * @example cellText(2134, '00000', false) // { text: '02134' }
 */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (Number.isNaN(value))
      return { text: '', warning: 'holds a value Excel could not compute (an error or an unreadable formula result)' };
    if (isDateFormat(numFmt)) return { text: serialToIso(value, date1904) };
    return { text: formatNumber(value, numFmt) };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dateToIso(value) };
  if (!isObject(value)) return { text: String(value) };
  if (Array.isArray(value.richText)) {
    return { text: (value.richText as RichRun[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('') };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined || value.result === null) {
      return {
        text: '',
        warning: `formula =${String(value.formula ?? value.sharedFormula ?? '')} has no saved result; open the file in Excel, save it, and read it again`,
      };
    }
    if (isObject(value.result) && 'error' in value.result) {
      return { text: String(value.result.error), warning: `formula gives the error ${String(value.result.error)}` };
    }
    return cellText(value.result, numFmt, date1904);
  }
  if ('error' in value) return { text: String(value.error), warning: `cell holds the error ${String(value.error)}` };
  if ('text' in value) return cellText(value.text, numFmt, date1904);
  return { text: formatGeneral(Number.NaN) };
}
