import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { samePersonUnderOneCustomer, twoPeopleByMailbox } from '../../src/match/customer-evidence.js';
import { buildFields } from '../../src/match/fields.js';
import { prepareRecord } from '../../src/match/prepare.js';
import { comparePair } from '../../src/match/run-index.js';
import type { MatchRecord } from '../../src/match/types.js';

const fields = buildFields([]);
const rule = (a: Omit<MatchRecord, 'key'>, b: Omit<MatchRecord, 'key'>): string | undefined => {
  const [pa, pb] = [prepareRecord({ key: 'a', ...a }, []), prepareRecord({ key: 'b', ...b }, [])];
  const levels = new Uint8Array(fields.length);
  comparePair(fields, pa, pb, levels);
  return samePersonUnderOneCustomer(fields, levels, pa, pb);
};

describe('samePersonUnderOneCustomer (issue 12, point 4)', () => {
  it('one person listed twice: "Smith, John" at jsmith@ and John Smith at john.smith@ of the same domain', () => {
    const why = rule({ name: 'Smith, John', email: 'jsmith@acme.com' }, { name: 'John Smith', email: 'john.smith@acme.com' });
    expect(why).toMatch(/same full name under one customer.*acme\.com/);
  });

  it('two free-mail boxes or a missing one do not stand against the same full name', () => {
    expect(
      rule({ name: 'Charles Carter', email: 'ccarter3@gmail.com' }, { name: 'Charles Carter', email: 'ccarter9@outlook.com' }),
    ).toBeDefined();
    expect(rule({ name: 'Charles Carter', email: 'ccarter3@gmail.com' }, { name: 'CHARLES CARTER' })).toBeDefined();
  });

  it('does not hold on a given name alone, an initial, another surname, or two company domains', () => {
    expect(rule({ name: 'John', email: 'john@acme.com' }, { name: 'John', email: 'john@acme.com' })).toBeUndefined();
    expect(rule({ name: 'J Smith', email: 'jsmith@acme.com' }, { name: 'John Smith', email: 'john.smith@acme.com' })).toBeUndefined();
    expect(rule({ name: 'John Smith' }, { name: 'John Smyth' })).toBeUndefined();
    expect(
      rule({ name: 'Joseph Brown', email: 'joseph.brown@evergreen.com' }, { name: 'Joseph Brown', email: 'joseph.brown@oakwood.biz' }),
    ).toBeUndefined();
  });

  it('property: holds exactly when both name parts agree and no two company domains differ', () => {
    const name = fc.constantFrom('john', 'mary', 'smith', 'brown', 'lee');
    const domain = fc.constantFrom('acme.com', 'globex.net', 'gmail.com', 'yahoo.com', '');
    fc.assert(
      fc.property(name, name, name, name, domain, domain, (f1, l1, f2, l2, d1, d2) => {
        const mail = (f: string, d: string): Partial<MatchRecord> => (d ? { email: `${f}@${d}` } : {});
        const why = rule({ firstname: f1, lastname: l1, ...mail(f1, d1) }, { firstname: f2, lastname: l2, ...mail(f2, d2) });
        const free = (d: string) => d === '' || d === 'gmail.com' || d === 'yahoo.com';
        const sameName = (f1 === f2 && l1 === l2) || (f1 === l2 && l1 === f2);
        if (!sameName || (!free(d1) && !free(d2) && d1 !== d2)) expect(why).toBeUndefined();
        else if (f1 === f2 && l1 === l2) expect(why).toBeDefined();
      }),
    );
  });
});

describe('twoPeopleByMailbox', () => {
  const two = (a: Omit<MatchRecord, 'key'>, b: Omit<MatchRecord, 'key'>): string | undefined => {
    const [pa, pb] = [prepareRecord({ key: 'a', ...a }, []), prepareRecord({ key: 'b', ...b }, [])];
    const levels = new Uint8Array(fields.length);
    comparePair(fields, pa, pb, levels);
    return twoPeopleByMailbox(fields, levels, pa, pb);
  };

  it('William Hill at whill@ and William Hall at william.hall@ of one domain are two people', () => {
    const why = two({ name: 'William Hill', email: 'whill@silverline.us' }, { name: 'William Hall', email: 'william.hall@silverline.us' });
    expect(why).toMatch(/two people under one customer: whill@ and william\.hall@ silverline\.us/);
  });

  it('john.smith@ and john.smith2@ of one domain are two people, whatever their names', () => {
    const why = two({ name: 'John Smith', email: 'john.smith@acme.com' }, { name: 'John Smith', email: 'John.Smith2@acme.com' });
    expect(why).toMatch(/differ only in a number/);
    expect(two({ name: 'John Smith', email: 'jsmith3@gmail.com' }, { name: 'John Smith', email: 'jsmith7@gmail.com' })).toBeUndefined();
  });

  it('says nothing of a surname misspelt in one row, of free mail, of one mailbox, or of a mailbox that spells no surname', () => {
    expect(
      two({ name: 'William Hll', email: 'whill@silverline.us' }, { name: 'William Hill', email: 'william.hill@silverline.us' }),
    ).toBeUndefined();
    expect(
      two({ name: 'William Hill', email: 'whill@gmail.com' }, { name: 'William Hall', email: 'william.hall@gmail.com' }),
    ).toBeUndefined();
    expect(
      two({ name: 'William Hill', email: 'whall@silverline.us' }, { name: 'William Hall', email: 'whall@silverline.us' }),
    ).toBeUndefined();
    expect(
      two({ name: 'William Hill', email: 'william@silverline.us' }, { name: 'William Hall', email: 'william.hall@silverline.us' }),
    ).toBeUndefined();
  });
});
