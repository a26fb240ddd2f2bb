/**
 * CSV text parsed the common, well-formed way, exactly as papaparse's
 * Parser.parse would parse it, or not at all. papaparse's quoted-field path
 * makes several strings per field (the text after the closing quote, the
 * delimiter it checks, a regex replace of escaped quotes): on a file whose
 * every row quotes a field (a company name with a comma) this parser takes a
 * quarter less time. It reads what papaparse reads without complaint: fields
 * unquoted (any text up to the next delimiter or line break, quotes
 * included) or quoted (from a quote at the start of the field to a quote
 * right before a delimiter, a line break or the end, `""` inside for a
 * quote). Anything else (a closing quote followed by spaces or other text,
 * an unterminated quote in the last piece) makes it answer undefined, and
 * the caller parses the text with papaparse, which reports it.
 * test/read/csv-fast.test.ts checks the answers against papaparse's.
 */

/** papaparse's parse of a text, when it has no errors: its rows, and the cursor (where the unparsed rest starts). */
export interface WellFormedParse {
  data: string[][];
  cursor: number;
}

const QUOTE = 34;

/**
 * Parse `input` as `new Papa.Parser({ delimiter, newline, quoteChar: '"',
 * escapeChar: '"' }).parse(input, 0, ignoreLastRow)` would, or answer
 * undefined. With `ignoreLastRow` the last row (complete or not, as for
 * papaparse) is left unparsed, from `cursor` on.
 * @example parseWellFormed('a,"b, c"\r\n1,2', ',', '\r\n', false) // { data: [['a', 'b, c'], ['1', '2']], cursor: 13 }
 */
export function parseWellFormed(
  input: string,
  delimiter: string,
  newline: '\r\n' | '\n' | '\r',
  ignoreLastRow: boolean,
): WellFormedParse | undefined {
  // papaparse replaces a delimiter it cannot use; these four it uses as given.
  if (delimiter !== ',' && delimiter !== ';' && delimiter !== '\t' && delimiter !== '|') return undefined;
  const data: string[][] = [];
  const len = input.length;
  if (len === 0) return { data, cursor: 0 };
  const delim = delimiter.charCodeAt(0);
  const nlLen = newline.length;
  let cursor = 0;
  let rowStart = 0; // papaparse's cursor: the start of the row after the last one parsed
  let row: string[] = [];
  let nextDelim = input.indexOf(delimiter, 0);
  let nextNewline = input.indexOf(newline, 0);
  // In a CRLF text, the next LF: one before the end of an unquoted field is a row end of another kind (declined, see newlines.ts).
  const crlf = newline === '\r\n';
  let nextLF = crlf ? input.indexOf('\n', 0) : -1;
  for (;;) {
    if (input.charCodeAt(cursor) === QUOTE) {
      // A quoted field: its closing quote is the first quote not doubled.
      let close = input.indexOf('"', cursor + 1);
      let escaped = false;
      while (close !== -1 && input.charCodeAt(close + 1) === QUOTE) {
        escaped = true;
        close = input.indexOf('"', close + 2);
      }
      // Unterminated: the rest of a last row left for the next piece, else papaparse's error.
      if (close === -1) return ignoreLastRow ? { data, cursor: rowStart } : undefined;
      const text = input.substring(cursor + 1, close);
      const value = escaped ? text.replace(/""/g, '"') : text;
      const after = close + 1;
      if (after === len) {
        if (ignoreLastRow) return { data, cursor: rowStart };
        row.push(value);
        data.push(row);
        return { data, cursor: len };
      }
      if (input.charCodeAt(after) === delim) {
        row.push(value);
        cursor = after + 1;
        if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(delimiter, cursor);
        if (nextNewline !== -1 && nextNewline < cursor) nextNewline = input.indexOf(newline, cursor);
        continue;
      }
      if (input.startsWith(newline, after)) {
        row.push(value);
        data.push(row);
        row = [];
        cursor = rowStart = after + nlLen;
        if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(delimiter, cursor);
        nextNewline = input.indexOf(newline, cursor);
        continue;
      }
      return undefined; // text after the closing quote: papaparse's to read (and report)
    }
    // An unquoted field ends at the next delimiter, or the row at the next line break, or the text at its end.
    if (nextLF !== -1) {
      if (nextLF < cursor) nextLF = input.indexOf('\n', cursor);
      if (nextLF !== -1 && nextLF < Math.min(nextDelim === -1 ? len : nextDelim, nextNewline === -1 ? len : nextNewline)) return undefined;
    }
    if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
      row.push(input.substring(cursor, nextDelim));
      cursor = nextDelim + 1;
      nextDelim = input.indexOf(delimiter, cursor);
      continue;
    }
    if (nextNewline !== -1) {
      row.push(input.substring(cursor, nextNewline));
      data.push(row);
      row = [];
      cursor = rowStart = nextNewline + nlLen;
      nextNewline = input.indexOf(newline, cursor);
      continue;
    }
    if (ignoreLastRow) return { data, cursor: rowStart };
    row.push(input.substring(cursor));
    data.push(row);
    return { data, cursor: len };
  }
}
