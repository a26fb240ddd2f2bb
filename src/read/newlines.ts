/**
 * Files whose rows mix line endings (CRLF rows with LF rows, after an edit
 * on another system or a concatenation). papaparse, and csv-fast.ts with it,
 * break rows at one line ending only (the one detected at the top), so an LF
 * row end in a CRLF file joined two rows into one value. Before either
 * parser sees a piece of text, every line break outside a quoted value is
 * rewritten to the file's own; a line break inside a quoted value is data
 * and stays as written. Both parsers then agree on every row.
 *
 * The text handed in always starts at a row start (the readers restart from
 * the start of the last, incomplete row), so the scan needs no state from
 * the piece before.
 */
type Newline = '\r\n' | '\n' | '\r';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * True when `text` holds a line break other than `newline` (inside quotes or
 * not: a quick test before the scan). In a CRLF file only a lone LF counts: a
 * lone CR is data there, as papaparse reads it (and csv-fast.ts declines a
 * piece with a lone LF outside quotes, so this runs only on the pieces it declines).
 */
export function hasForeignNewline(text: string, newline: Newline): boolean {
  if (newline === '\n') return text.includes('\r');
  if (newline === '\r') return text.includes('\n');
  return /(?<!\r)\n/.test(text);
}

/**
 * `text` with every line break outside quoted values written as `newline`.
 * A CR at the very end is kept as is unless `last`: its LF may start the next piece.
 * Quoting follows papaparse: a quote opens a quoted value only at the start of a
 * field, `""` inside is a quote, and the next single quote closes it.
 * @example normalizeNewlines('a,b\r\n1,2\n3,"x\ny"\r\n', ',', '\r\n', true) // 'a,b\r\n1,2\r\n3,"x\ny"\r\n'
 */
export function normalizeNewlines(text: string, delimiter: string, newline: Newline, last: boolean): string {
  const delim = delimiter.charCodeAt(0);
  const parts: string[] = [];
  let copied = 0; // text before this index is in parts
  let fieldStart = true;
  let quoted = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
      continue;
    }
    if (c === delim) {
      fieldStart = true;
      continue;
    }
    if (c !== CR && c !== LF) {
      fieldStart = false;
      continue;
    }
    // A line break outside quotes: CRLF, a lone LF or a lone CR (data in a CRLF file, as for papaparse).
    if (c === CR && i + 1 === len && !last) break; // maybe half of a CRLF split across pieces
    const width = c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    const found = width === 2 ? '\r\n' : c === CR ? '\r' : '\n';
    if (found === '\r' && newline === '\r\n') {
      fieldStart = false;
      continue;
    }
    if (found !== newline) {
      parts.push(text.slice(copied, i), newline);
      copied = i + width;
    }
    i += width - 1;
    fieldStart = true;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}
