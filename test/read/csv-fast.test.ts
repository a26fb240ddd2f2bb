/**
 * The well-formed-CSV parser answers exactly what papaparse's Parser.parse
 * answers (rows and cursor, and papaparse finds no error), or nothing
 * (differential property on texts made of the characters that matter:
 * quotes, delimiters, every kind of line break, spaces, doubled quotes,
 * texts cut anywhere); and it does answer for ordinary files.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseWellFormed } from '../../src/read/csv-fast.js';

type Newline = '\r\n' | '\n' | '\r';
const papa = (text: string, delimiter: string, newline: Newline, ignoreLastRow: boolean) => {
  const r = new Papa.Parser({ delimiter, newline, quoteChar: '"', escapeChar: '"' }).parse(text, 0, ignoreLastRow) as {
    data: string[][];
    errors: unknown[];
    meta: { cursor: number };
  };
  return { data: r.data, errors: r.errors, cursor: r.meta.cursor };
};

const PIECES = [
  'a',
  'Bc',
  ' ',
  '  ',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\r\n',
  '\n',
  '\r',
  'x"y',
  '"q"',
  '"q, r"',
  '"q""r"',
  '"a\r\nb"',
  '" "',
  'é',
  '😀',
  '\u00a0',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(''));
/** Rows of fields, quoted or not, joined with the delimiter and line break (mostly well-formed). */
const csvText = (delimiter: string, newline: string) =>
  fc
    .array(
      fc.array(
        fc.oneof(
          fc.constantFrom('', 'a', 'b c', '12'),
          fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/"/g, '""')}"`),
          text,
        ),
        { minLength: 1, maxLength: 5 },
      ),
      { maxLength: 6 },
    )
    .chain((rows) => fc.boolean().map((end) => rows.map((r) => r.join(delimiter)).join(newline) + (end ? newline : '')));

describe('parseWellFormed', () => {
  it('= papaparse where it answers (property)', () => {
    const input = fc
      .tuple(fc.constantFrom(',', ';', '\t', '|'), fc.constantFrom<Newline>('\r\n', '\n', '\r'))
      .chain(([delimiter, newline]) =>
        fc.record({
          delimiter: fc.constant(delimiter),
          newline: fc.constant(newline),
          text: fc.oneof(text, csvText(delimiter, newline)),
          cut: fc.nat(),
          ignoreLastRow: fc.boolean(),
        }),
      );
    let answered = 0;
    fc.assert(
      fc.property(input, ({ delimiter, newline, text, cut, ignoreLastRow }) => {
        // The text whole, and cut anywhere (as a piece of a file is).
        for (const piece of [text, text.slice(0, cut % (text.length + 1))]) {
          const fast = parseWellFormed(piece, delimiter, newline, ignoreLastRow);
          if (!fast) continue;
          answered++;
          const expected = papa(piece, delimiter, newline, ignoreLastRow);
          expect(expected.errors).toEqual([]);
          expect({ data: fast.data, cursor: fast.cursor }).toEqual({ data: expected.data, cursor: expected.cursor });
        }
      }),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(2000); // most texts are parsed here, not handed back
  });

  it('declines what papaparse reads with a complaint or leniently', () => {
    expect(parseWellFormed('"a" ,b\n', ',', '\n', false)).toBeUndefined(); // spaces after a closing quote
    expect(parseWellFormed('"a"b,c\n', ',', '\n', false)).toBeUndefined(); // text after a closing quote
    expect(parseWellFormed('a,"b\n', ',', '\n', false)).toBeUndefined(); // never closed
    expect(parseWellFormed('a,b', 'x', '\n', false)).toBeUndefined(); // a delimiter papaparse would replace
  });

  it('parses an export line as papaparse does, a quoted comma and a doubled quote included', () => {
    const line = 'C1,"Company 1, Inc.",Active,"Say ""hi""",\r\nC2,x';
    expect(parseWellFormed(line, ',', '\r\n', false)).toEqual({
      data: [
        ['C1', 'Company 1, Inc.', 'Active', 'Say "hi"', ''],
        ['C2', 'x'],
      ],
      cursor: line.length,
    });
    expect(parseWellFormed(line, ',', '\r\n', true)).toEqual({
      data: [['C1', 'Company 1, Inc.', 'Active', 'Say "hi"', '']],
      cursor: line.indexOf('C2'),
    });
  });
});
