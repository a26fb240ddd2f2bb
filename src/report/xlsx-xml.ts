/**
 * SpreadsheetML text as the streamed report writes it: XML escaping of cell
 * text and attribute values, and column letters.
 *
 * XML 1.0 cannot carry the C0 controls but tab, LF and CR (not even as
 * character references), so they are dropped, as exceljs's writer always
 * did; so are DEL (as exceljs did) and U+FFFE/U+FFFF (not XML characters). A
 * lone surrogate becomes U+FFFD, as UTF-8 encoding would make it anyway. CR
 * is written as a character reference so that it survives (an XML parser
 * turns a raw CR into LF).
 */

/** Characters that need more than copying: markup, CR, what XML cannot hold, surrogates. */
const SPECIAL = /[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]/;

function escape(text: string, quotes: boolean): string {
  if (!SPECIAL.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 34) rep = quotes ? '&quot;' : undefined;
    else if (c === 13) rep = '&#13;';
    else if (c === 9 || c === 10) rep = quotes ? `&#${c};` : undefined;
    else if (c < 32 || c === 0x7f || c === 0xfffe || c === 0xffff) rep = '';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = '\ufffd';
    if (rep === undefined) continue;
    out += text.slice(from, i) + rep;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** `text` as element content. */
export function xmlText(text: string): string {
  return escape(text, false);
}

/** `text` as an attribute value (between double quotes). */
export function xmlAttr(text: string): string {
  return escape(text, true);
}

/** What a cell holding `text` reads back as, once written (the characters XML cannot carry dropped). */
export function xmlCarried(text: string): string {
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** An inline-string cell's `<is>` body: whitespace at either end kept (xml:space). */
export function inlineString(text: string): string {
  return edgeSpace(text) ? `<is><t xml:space="preserve">${xmlText(text)}</t></is>` : `<is><t>${xmlText(text)}</t></is>`;
}

/**
 * The rest of an inline-string cell once `<c r="B7" s="3` is written: the
 * attribute's closing quote, the type, the `<is>` body and the end tag (one
 * string, for the row writer).
 */
export function inlineCellRest(text: string): string {
  return edgeSpace(text)
    ? `" t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`
    : `" t="inlineStr"><is><t>${xmlText(text)}</t></is></c>`;
}

/** True when `text` starts or ends with whitespace (or a control) that XML would otherwise let go. */
export function edgeSpace(text: string): boolean {
  return text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
}

/** A worksheet part's XML declaration and root element, up to its first child. */
export const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** Column letters of 1-based column `n` (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
