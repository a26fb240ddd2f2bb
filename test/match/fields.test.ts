import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/match/similarity.js';
import {
  MISSING,
  addressLevel,
  buildFields,
  closeSpelling,
  companyLevel,
  emailLevel,
  identifierLevel,
  nameLevel,
  nameLevels,
  phoneLevel,
  smallEdit,
} from '../../src/match/fields.js';
import { prepareRecord } from '../../src/match/prepare.js';
import type { MatchRecord } from '../../src/match/types.js';

const prep = (r: Omit<MatchRecord, 'key'>) => {
  const p = prepareRecord({ key: 'k', ...r }, []);
  if (p.companyTokens.length) p.companyWeights = Float64Array.from(p.companyTokens, () => 1);
  return p;
};

describe('nameLevel', () => {
  it('grades names', () => {
    expect(nameLevel('john', 'john')).toBe(0);
    expect(nameLevel('jonathan', 'jonathon')).toBe(1);
    expect(nameLevel('robert', 'bob')).toBe(2); // nickname
    expect(nameLevel('j', 'john')).toBe(2); // initial
    expect(nameLevel('john', 'mary')).toBe(3);
    expect(nameLevel('', 'mary')).toBe(MISSING);
  });

  it('is symmetric, exact only when equal, and the letter-mask shortcut changes nothing (property)', () => {
    const name = fc.stringMatching(/^[a-z]{0,10}$/);
    const mask = (s: string) => [...s].reduce((m, c) => m | (1 << (c.charCodeAt(0) - 97)), 0);
    fc.assert(
      fc.property(name, name, (a, b) => {
        const l = nameLevel(a, b);
        expect(nameLevel(b, a)).toBe(l);
        expect(nameLevel(a, b, mask(a), mask(b))).toBe(l);
        if (a && b) expect(l === 0).toBe(a === b);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('nameLevels', () => {
  it('reads swapped and single names sensibly', () => {
    expect(nameLevels(prep({ name: 'Harry Singleton' }), prep({ name: 'Singleton Harbry' }))).toMatchObject({ first: 1, last: 0 });
    expect(nameLevels(prep({ name: 'Miller' }), prep({ name: 'Kenneth Miller' }))).toMatchObject({ first: MISSING, last: 0 });
    expect(nameLevels(prep({ name: 'Smith, John' }), prep({ firstname: 'JOHN', lastname: 'smith' }))).toMatchObject({ first: 0, last: 0 });
  });
});

describe('smallEdit / identifierLevel', () => {
  it('smallEdit is 1 exactly for one edit or one adjacent swap (property)', () => {
    const s = fc.stringMatching(/^[a-c]{0,6}$/);
    fc.assert(
      fc.property(s, s, (a, b) => {
        const e = smallEdit(a, b);
        expect(smallEdit(b, a)).toBe(e);
        if (a === b) expect(e).toBe(0);
        else if (editDistance(a, b) === 1) expect(e).toBe(1);
        else if (a.length !== b.length || editDistance(a, b) > 2) expect(e).toBe(2);
      }),
      { numRuns: 3000 },
    );
  });
  it('grades identifiers', () => {
    expect(identifierLevel('19560409', '19560409')).toBe(0);
    expect(identifierLevel('19560409', '19560490')).toBe(1);
    expect(identifierLevel('19560409', '19871201')).toBe(2);
    expect(identifierLevel('', '1')).toBe(MISSING);
  });
});

describe('emailLevel', () => {
  const e = (email: string) => prep({ email });
  it('grades addresses', () => {
    expect(emailLevel(e('Jane.Doe@Acme.com'), e('jane.doe@acme.com'))).toBe(0);
    expect(emailLevel(e('jane.doe@acme.com'), e('janedoe@acme.com'))).toBe(1);
    expect(emailLevel(e('janedoe@acme.com'), e('jandoe@acme.com'))).toBe(1);
    expect(emailLevel(e('jsmith@acme.com'), e('jsmith2@acme.com'))).toBe(3); // two mailboxes
    expect(emailLevel(e('mwilliams@acme.com'), e('swilliams@acme.com'))).toBe(3);
    expect(emailLevel(e('jane.doe@acme.com'), e('jane.doe@gmail.com'))).toBe(2);
    expect(emailLevel(e('a@gmail.com'), e('b@gmail.com'))).toBe(4); // free mail is no company
    expect(emailLevel(e('a@gmail.com'), prep({}))).toBe(MISSING);
  });

  it('the same mailbox name at two companies’ domains is no agreement (issue 12: Joseph Brown)', () => {
    expect(emailLevel(e('joseph.brown@evergreenbakeryservices.com'), e('joseph.brown@oakwoodbakerypartners.biz'))).toBe(4);
  });

  it('a first-name mailbox shared by two surnames is the shared domain, not one person', () => {
    const john = (name: string) => prep({ name, email: 'john@graniteheating.com' });
    expect(emailLevel(john('John Adams'), john('John Clark'))).toBe(3);
    expect(emailLevel(john('John Adams'), john('JOHN ADAMS'))).toBe(0);
  });
});

describe('phone, address and company levels', () => {
  it('phones: any shared number, then the same last seven digits', () => {
    expect(phoneLevel(prep({ phone: ['(212) 555-0199'] }), prep({ phone: ['x', '+1 212 555 0199 x12'] }))).toBe(0);
    expect(phoneLevel(prep({ phone: ['212 555 0199'] }), prep({ phone: ['646 555 0199'] }))).toBe(1);
    expect(phoneLevel(prep({ phone: ['212 555 0199'] }), prep({ phone: ['212 555 0100'] }))).toBe(2);
  });
  it('addresses: abbreviations are equal, number and street graded', () => {
    expect(addressLevel(prep({ address: '12 Main Street' }), prep({ address: '12 main st.' }))).toBe(0);
    expect(addressLevel(prep({ address: '12 Mian Street' }), prep({ address: '12 Main St' }))).toBe(1);
    expect(addressLevel(prep({ address: '14 Main Street' }), prep({ address: '12 Main St' }))).toBe(1); // one digit off
    expect(addressLevel(prep({ address: '140 Main Street' }), prep({ address: '12 Main St' }))).toBe(2);
    expect(addressLevel(prep({ address: '14 Oak Avenue' }), prep({ address: '12 Main St' }))).toBe(3);
  });
  it('companies: legal forms, typos, containment', () => {
    expect(companyLevel(prep({ company: 'Acme Inc.' }), prep({ company: 'ACME, INC' }))).toBe(0);
    // Two stated legal forms that differ: perhaps two companies (issue 12), at most partial.
    expect(companyLevel(prep({ company: 'Acme Inc.' }), prep({ company: 'Acme LLC' }))).toBe(3);
    expect(companyLevel(prep({ company: 'Acme Inc.' }), prep({ company: 'Acme' }))).toBe(1);
    expect(companyLevel(prep({ company: 'AKZO NOBEL N.V.' }), prep({ company: 'Akzo Nobel NV' }))).toBe(0);
    expect(companyLevel(prep({ company: 'Hunter Douglas Industries B V' }), prep({ company: 'HUNTER DOUGLAS INDUSTRIES BV' }))).toBe(0);
    expect(companyLevel(prep({ company: 'Acme Svcs Intl' }), prep({ company: 'Acme Services International' }))).toBe(1);
    expect(companyLevel(prep({ company: 'Printing, Ironwood' }), prep({ company: 'Ironwood Printing' }))).toBe(1);
    expect(companyLevel(prep({ company: 'Wolff LLC' }), prep({ company: 'Womff LLC' }))).toBe(2);
    expect(companyLevel(prep({ company: 'Bradtke Ltd' }), prep({ company: 'Ratke Ltd' }))).toBeGreaterThan(2);
    expect(companyLevel(prep({ company: 'Schumm PLC' }), prep({ company: 'SchummPLC' }))).toBe(0);
    expect(companyLevel(prep({ company: 'Feeney, Aufderhar and Kirlin' }), prep({ company: 'Feeney, Aufderhar an-d Kirlin' }))).toBe(0);
    expect(companyLevel(prep({ company: 'Kozey, Armstrong and Gibson' }), prep({ company: 'Kozey, Armstrobg and Gibson' }))).toBe(2);
    expect(companyLevel(prep({ company: 'The Palm' }), prep({ company: 'Palm (Los Angeles) Steakhouse' }))).toBe(4);
    expect(companyLevel(prep({ company: 'Acme' }), prep({ company: 'Globex' }))).toBe(5);
  });

  it('companies: two neighbouring letters swapped are one slip, also with the words in another order (issue 12)', () => {
    expect(
      companyLevel(prep({ company: 'Caterign, Northstar Services Inc' }), prep({ company: 'The Northstar Catering Services Inc' })),
    ).toBe(2);
    expect(companyLevel(prep({ company: 'Northstar Catering' }), prep({ company: 'Northstar Cateirng' }))).toBe(2);
    // Two swaps, or a swap beside another edit, are not one slip.
    expect(companyLevel(prep({ company: 'Northstar Catering' }), prep({ company: 'Northstar Acteirng' }))).toBeGreaterThan(2);
  });

  it('closeSpelling: a swap of neighbours is close, symmetric (property)', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(
      fc.property(word, fc.nat(), (w, k) => {
        const i = k % (w.length - 1);
        const swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        expect(closeSpelling(w, swapped)).toBe(true);
        expect(closeSpelling(swapped, w)).toBe(true);
      }),
    );
    fc.assert(fc.property(word, word, (a, b) => closeSpelling(a, b) === closeSpelling(b, a)));
  });
});

describe('every comparator (property)', () => {
  const rec = fc.record(
    {
      name: fc.oneof(fc.constant('John Smith'), fc.constant('Smith, J.'), fc.string()),
      company: fc.oneof(fc.constant('Acme Inc'), fc.string()),
      email: fc.oneof(fc.emailAddress(), fc.string()),
      phone: fc.array(fc.oneof(fc.constant('212 555 0199'), fc.string()), { maxLength: 2 }),
      address: fc.oneof(fc.constant('12 Main St'), fc.string()),
      city: fc.string(),
      state: fc.string(),
      zip: fc.oneof(fc.stringMatching(/^\d{4,5}$/), fc.string()),
    },
    { requiredKeys: [] },
  );
  it('is symmetric, never throws, and gives a level of its own or MISSING', () => {
    const fields = buildFields([]);
    fc.assert(
      fc.property(rec, rec, (ra, rb) => {
        const a = prep(ra);
        const b = prep(rb);
        for (const f of fields) {
          const l = f.compare(a, b);
          expect(l === MISSING || (l >= 0 && l < f.levels.length)).toBe(true);
          expect(f.compare(b, a), f.name).toBe(l);
          const self = f.compare(a, a);
          expect(self === MISSING || self === 0, f.name).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
