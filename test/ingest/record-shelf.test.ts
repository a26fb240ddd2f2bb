import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordShelf } from '../../src/ingest/record-shelf.js';
import type { CustomerRecord } from '../../src/model/records.js';

const source = fc.record(
  {
    file: fc.constantFrom('a.csv', 'b.xlsx', 'c,"d".csv'),
    sheet: fc.constantFrom('Clients', 'Sheet 2'),
    row: fc.integer({ min: 2, max: 1e6 }),
  },
  { requiredKeys: ['file', 'row'] },
);

const record = (i: number) =>
  fc
    .record({
      sources: fc.array(source, { minLength: 1, maxLength: 6 }),
      customer: fc.record(
        {
          business_name: fc.string(),
          email: fc.emailAddress(),
          disabled: fc.boolean(),
          properties: fc.dictionary(fc.string(), fc.string()),
        },
        { requiredKeys: [] },
      ),
      foldKind: fc.constantFrom('none', 'rest', 'some'),
      evidence: fc.string(),
      spilled: fc.boolean(),
    })
    .map(({ sources, customer, foldKind, evidence, spilled }): CustomerRecord => {
      const r: CustomerRecord = { sources, customer, contacts: [] };
      if (foldKind === 'rest' && sources.length > 1) r.folds = [{ evidence, sources: sources.slice(1) }];
      if (foldKind === 'some')
        r.folds = [
          { evidence, sources: sources.slice(0, 1) },
          { evidence: `${evidence}!`, sources: [] },
        ];
      if (spilled) r.spilled = { owner: i, emails: [] };
      return r;
    });

describe('RecordShelf', () => {
  it('gives back every record as it was shelved and edited, whether it stayed an object or went to text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.integer(), (n, seed) => {
        const records = fc.sample(fc.tuple(...Array.from({ length: n }, (_, i) => record(i))), { numRuns: 1, seed })[0]!;
        const shelf = new RecordShelf();
        records.forEach((r) => shelf.add(structuredClone(r)));
        // Edit the first record again after hundreds of others (it went to text meanwhile): the change is kept.
        const edited = shelf.edit(0);
        edited.sources.push({ file: 'late.csv', row: 99 });
        records[0]!.sources.push({ file: 'late.csv', row: 99 });
        if (records[0]!.folds?.length === 1 && records[0]!.sources.length > 2)
          records[0]!.folds[0]!.sources.push({ file: 'late.csv', row: 99 });
        if (edited.folds?.length === 1 && edited.sources.length > 2) edited.folds[0]!.sources.push({ file: 'late.csv', row: 99 });
        const emails = new Map(records.map((r, i) => [i, r.spilled ? [`x${i}@co.example`] : []]));
        shelf.seal(emails);
        expect(shelf.length).toBe(n);
        records.forEach((r, i) => {
          const back = shelf.at(i);
          const want = r.spilled ? { ...r, spilled: { owner: i, emails: emails.get(i) } } : r;
          expect(back).toEqual(want);
          expect(shelf.customerAt(i)).toEqual(r.customer);
          expect(shelf.sourcesAt(i)).toEqual(r.sources);
        });
        shelf.release(0);
        expect(() => shelf.at(0)).toThrow(/released/);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a record that names another customer’s contacts', () => {
    const shelf = new RecordShelf();
    shelf.add({ sources: [{ file: 'a.csv', row: 2 }], customer: {}, contacts: [], spilled: { owner: 5, emails: [] } });
    expect(() => shelf.seal()).toThrow(/contacts of customer 5/);
  });
});
