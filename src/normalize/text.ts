/** Text folding shared by the normalizers and the matcher. */

/**
 * Lowercase, accents folded (NFKD, marks dropped), apostrophes removed,
 * anything but letters and digits to single spaces, trimmed: the form names,
 * streets and places are compared in.
 * @example foldText("  O'Brien-Smith, Québec ") // "obrien smith quebec"
 */
export function foldText(raw: string | undefined): string {
  if (!raw) return '';
  let s = raw.toLowerCase();
  // Only pay for NFKD when there is something beyond ASCII.
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize('NFKD').replace(/\p{M}+/gu, '');
  return s
    .replace(/['\u2019]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
