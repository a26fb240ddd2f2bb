import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyLegalForm, companyMatchKey, companyTokens, legalFormsConflict } from '../../src/normalize/company.js';

describe('companyMatchKey', () => {
  it.each([
    ['The Smith & Jones Co., L.L.C.', 'smith and jones'],
    ['Acme Widgets, Inc.', 'acme widgets'],
    ['ACME WIDGETS INCORPORATED', 'acme widgets'],
    ['Widgets Pty Ltd', 'widgets'],
    ['Café Münster GmbH', 'cafe munster'],
    ['A+B Consulting LLC', 'a and b consulting'],
    ['Smith & Co.', 'smith'],
    ['Acme L. L. C.', 'acme'],
    ["O'Brien's Plumbing", 'obriens plumbing'],
    ['The Company', 'company'],
    ['LLC', 'llc'],
    ['The', 'the'],
    ['Inc. Technologies', 'inc technologies'],
    ['Company Inc', 'company'],
    ['', ''],
  ])('%j → %j', (raw, want) => expect(companyMatchKey(raw)).toBe(want));

  it('is idempotent, never empty for a name with letters, only [a-z0-9 ] for ASCII (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (raw) => {
        const key = companyMatchKey(raw);
        expect(companyMatchKey(key)).toBe(key);
        if (/[a-z0-9]/i.test(raw)) expect(key).not.toBe('');
        if (/^[\x20-\x7e]*$/.test(raw)) expect(key).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('ignores case, punctuation and a legal suffix (property)', () => {
    const word = fc.stringMatching(/^[a-z]{4,9}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', ' Inc.', ', LLC', ' Ltd', ' Pty Ltd', ' GmbH', ' Corp.'),
        (words, suffix) => {
          const plain = words.join(' ');
          fc.pre(companyMatchKey(plain) === plain);
          expect(companyMatchKey(`The ${plain.toUpperCase()}${suffix}`)).toBe(plain);
          expect(companyTokens(`${plain}${suffix}`)).toEqual(words);
        },
      ),
    );
  });
});

describe('abbreviations and legal forms (issue 12)', () => {
  it('writes common abbreviations out in the key', () => {
    expect(companyMatchKey('Acme Svcs Intl')).toBe(companyMatchKey('Acme Services International'));
    expect(companyMatchKey('Smith Mfg Grp')).toBe('smith manufacturing group');
  });

  it('names the legal forms a name ends with, one spelling each', () => {
    expect(companyLegalForm('AKZO NOBEL N.V.')).toBe('nv');
    expect(companyLegalForm('Hunter Douglas Industries B V')).toBe('bv');
    expect(companyLegalForm('Acme Widgets Company, Incorporated')).toBe('co inc');
    expect(companyLegalForm('Acme')).toBe('');
  });

  it('sees a conflict only when both state forms and neither includes the other', () => {
    expect(legalFormsConflict(companyLegalForm('Lynch LLC'), companyLegalForm('Lynch Ltd'))).toBe(true);
    expect(legalFormsConflict(companyLegalForm('Acme Co Ltd'), companyLegalForm('Acme Limited'))).toBe(false);
    expect(legalFormsConflict(companyLegalForm('Acme Inc'), companyLegalForm('Acme'))).toBe(false);
    expect(legalFormsConflict(companyLegalForm('Acme Corp.'), companyLegalForm('Acme Corporation'))).toBe(false);
  });
});
