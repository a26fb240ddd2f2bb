import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinFullName, normalizePersonName, splitFullName } from '../../src/normalize/name.js';

describe('normalizePersonName', () => {
  it.each([
    ["JOHN O'NEIL", "John O'Neil"],
    ['mary-jane mcdonald', 'Mary-Jane McDonald'],
    ['  ludwig   van   beethoven ', 'Ludwig van Beethoven'],
    ['McDONALD', 'McDONALD'],
    ['DeShawn Smith', 'DeShawn Smith'],
    ['J', 'J'],
    ['', ''],
  ])('%j → %j', (raw, want) => expect(normalizePersonName(raw)).toBe(want));

  it('is idempotent, keeps mixed case and letters (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (raw) => {
        const once = normalizePersonName(raw);
        expect(normalizePersonName(once)).toBe(once);
        expect(once.toUpperCase().replace(/\s+/g, '')).toBe(raw.toUpperCase().replace(/[\s\u00a0\u200b]+/g, ''));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('splitFullName', () => {
  it.each([
    ['John Smith', { first: 'John', last: 'Smith' }],
    ['Smith, John', { first: 'John', last: 'Smith' }],
    ['Dr. John A. Smith Jr.', { first: 'John', last: 'Smith', middle: 'A.' }],
    ['John Smith, Jr.', { first: 'John', last: 'Smith' }],
    ['Smith, John A.', { first: 'John', last: 'Smith', middle: 'A.' }],
    ['Ludwig van Beethoven', { first: 'Ludwig', last: 'van Beethoven' }],
    ['Maria de la Cruz', { first: 'Maria', last: 'de la Cruz' }],
    ['Madonna', { first: 'Madonna', last: '' }],
    ['  ', { first: '', last: '' }],
  ])('%j', (raw, want) => expect(splitFullName(raw)).toEqual(want));

  it('never throws and round-trips simple names (property)', () => {
    const word = fc
      .stringMatching(/^[A-Z][a-z]{1,10}$/)
      .filter(
        (w) =>
          ![
            'Jr',
            'Sr',
            'Dr',
            'Mr',
            'Mrs',
            'Ms',
            'Miss',
            'Mx',
            'Prof',
            'Rev',
            'Sir',
            'Dame',
            'Fr',
            'Hon',
            'Ii',
            'Iii',
            'Iv',
            'Phd',
            'Md',
            'Dds',
            'Esq',
            'Cpa',
            'Mba',
            'Rn',
            'Jd',
            'St',
            'Van',
            'Von',
            'De',
            'Der',
            'Den',
            'Da',
            'Di',
            'Du',
            'Del',
            'Della',
            'La',
            'Le',
            'Dos',
            'Das',
            'Ter',
            'Ten',
          ].includes(w),
      );
    fc.assert(
      fc.property(word, word, (first, last) => {
        expect(splitFullName(`${first} ${last}`)).toEqual({ first, last });
        expect(splitFullName(`${last}, ${first}`)).toEqual({ first, last });
        expect(joinFullName(first, last)).toBe(`${first} ${last}`);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const r = splitFullName(raw);
        expect(typeof r.first).toBe('string');
        expect(typeof r.last).toBe('string');
      }),
    );
  });

  it('joinFullName skips empty parts', () => {
    expect(joinFullName(' John ', '')).toBe('John');
    expect(joinFullName(undefined, 'Smith')).toBe('Smith');
    expect(joinFullName('', '')).toBe('');
  });
});
