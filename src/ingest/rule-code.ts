/**
 * Code that reads a rule's cells, for the functions generated for a
 * template (part.ts, plain-rules.ts): the same text as `readText` reads,
 * written out.
 */
import type { BoundRule } from '../templates/compile.js';

/** A string as a JavaScript literal (JSON's string syntax is JavaScript's). */
export const literal = (s: string): string => JSON.stringify(s);

/** A rule's target as a one-line comment of generated code. */
export const comment = (target: string): string => `  // ${target.replace(/[\r\n\u2028\u2029]/g, ' ')}`;

/**
 * Statements that put the trimmed text of cell `index` as rules read it
 * (`cellText`, trimmed) into `name`, using `c`: written out rather than
 * called, since a generated part reads a dozen cells and the calls were not
 * all inlined. A protective apostrophe is looked at only when the cell
 * starts with one, and a cell that starts and ends with a visible ASCII
 * character is not trimmed (trim removes only white space, all of it below
 * 33 or above 126): most cells, and a third of the time of reading them.
 */
export function cellCode(name: string, index: number, strip: boolean): string {
  const apostrophe = strip ? `if (c === 39) ${name} = strip(${name}).trim(); else ` : '';
  return `${name} = cells[${index}] ?? ''; c = ${name}.charCodeAt(0); ${apostrophe}if (!(c > 32 && c < 127 && (c = ${name}.charCodeAt(${name}.length - 1)) > 32 && c < 127)) ${name} = ${name}.trim();`;
}

/** Statements that put a column or join rule's text (readText) into `v`, using `t` and `strip` (stripProtectiveApostrophe). */
export function readCode(rule: BoundRule, cols: readonly number[], strip: boolean): string {
  const lines = [`  ${cellCode('v', cols[0] as number, strip)}`];
  for (const c of cols.slice(1))
    lines.push(`  ${cellCode('t', c, strip)} if (t !== '') v = v === '' ? t : v + ${literal(rule.separator)} + t;`);
  return lines.join('\n');
}
