/**
 * Spreadsheet safety (OWASP CSV injection): a cell that starts with
 * = + - @, tab, CR, LF or NUL is treated as a formula by Excel and LibreOffice.
 * We neutralise it by prefixing a single quote, which spreadsheets show as
 * text; our readers strip that quote again (see src/templates), so values
 * round-trip unchanged.
 */
export function isFormulaLike(value: string): boolean {
  // = + - @ tab CR LF NUL, by char code: this runs for every cell a report writes.
  switch (value.charCodeAt(0)) {
    case 61:
    case 43:
    case 45:
    case 64:
    case 9:
    case 13:
    case 10:
    case 0:
      return true;
    default:
      return false;
  }
}

export function neutralizeFormula(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** The inverse, for reading our own exports back: strips the protective quote. */
export function restoreFormulaEscaped(value: string): string {
  return value.length > 1 && value[0] === "'" && isFormulaLike(value.slice(1)) ? value.slice(1) : value;
}

/** One RFC 4180 field: quoted when it holds a delimiter, quote, CR or LF; formula-safe. */
export function csvField(value: unknown, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const text = neutralizeFormula(typeof value === 'string' ? value : String(value));
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** One CSV line ending in CRLF, as RFC 4180 asks. */
export function csvLine(values: unknown[], delimiter = ','): string {
  return `${values.map((v) => csvField(v, delimiter)).join(delimiter)}\r\n`;
}
