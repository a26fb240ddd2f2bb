/** The row mapper: reusing a company part mapped before must change nothing (differential property). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowMapper } from '../../src/ingest/map-row.js';
import type { SourceRow } from '../../src/read/types.js';
import { compileTemplate } from '../../src/templates/compile.js';
import { loadTemplate } from '../../src/templates/registry.js';
import { taxRateTable } from '../../src/templates/tax-rates.js';

const HEADER = [
  'Company ID',
  'Company Name',
  'Company Type',
  'Company Status',
  'Zip',
  'Tax Code',
  'First Name',
  'Last Name',
  'Email',
  'Direct',
  'Territory',
  'Odd Column',
];
const company = fc.record({
  id: fc.constantFrom('', 'C1', 'C2'),
  name: fc.constantFrom('', 'Acme', 'Walsh, Greg', 'x'.repeat(260)),
  type: fc.constantFrom('', 'Client', 'Residential', 'Vendor', 'Gov'),
  status: fc.constantFrom('', 'Active', 'Inactive', 'Pending'),
  zip: fc.constantFrom('', '02134', "'00501"),
  tax: fc.constantFrom('', '8.25%', '9%'),
  territory: fc.constantFrom('', 'East'),
});
const contact = fc.record({
  first: fc.constantFrom('', 'Ann', 'BOB'),
  last: fc.constantFrom('', 'Lee', "O'Hara"),
  email: fc.constantFrom('', 'ann@acme.example', 'bad@', 'a@b.example; c@d.example'),
  phone: fc.constantFrom('', '(617) 201-0001', '12'),
  odd: fc.constantFrom('', 'odd value'),
});

describe('company-part reuse', () => {
  it.each(['connectwise-manage', 'generic'])(
    'gives exactly what mapping every row afresh gives (%s, property)',
    (name) => {
      const compiled = compileTemplate(loadTemplate(name), HEADER);
      const options = { taxRates: taxRateTable([{ id: 4, rate: 8.25 }]), normalize: new Set(['phone-format', 'name-case'] as const) };
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(3), contact), { minLength: 1, maxLength: 30 }),
          fc.array(company, { minLength: 4, maxLength: 4 }),
          (rows, companies) => {
            const memo = createRowMapper(compiled, options);
            const fresh = createRowMapper(compiled, { ...options, memo: false });
            rows.forEach(([ci, p], i) => {
              const c = companies[ci % companies.length] as (typeof companies)[number];
              const cells = [c.id, c.name, c.type, c.status, c.zip, c.tax, p.first, p.last, p.email, p.phone, c.territory, p.odd];
              const row: SourceRow = {
                source: { file: 'f.csv', row: i + 2 },
                values: Object.fromEntries(HEADER.map((h, k) => [h, cells[k] ?? ''])),
              };
              const a = memo(row);
              const b = fresh(row);
              expect(a.customer).toEqual(b.customer);
              expect(a.contact).toEqual(b.contact);
              expect([a.key, a.valid, a.customerIsReference]).toEqual([b.key, b.valid, b.customerIsReference]);
              const sortIssues = (x: typeof a.issues) => [...x].sort((p1, p2) => JSON.stringify(p1).localeCompare(JSON.stringify(p2)));
              expect(sortIssues(a.issues)).toEqual(sortIssues(b.issues));
            });
          },
        ),
        { numRuns: 200 },
      );
    },
    120_000,
  );

  it('gives exactly what mapping every row afresh gives (syncro customers, property)', () => {
    const header = ['id', 'business_name', 'firstname', 'lastname', 'email', 'disabled', 'custom_fields', 'tax_free', 'mystery'];
    const compiled = compileTemplate(loadTemplate('syncro'), header);
    const cells = fc.tuple(
      fc.constantFrom('', '12', 'x'),
      fc.constantFrom('', 'Acme'),
      fc.constantFrom('', 'Ann'),
      fc.constantFrom('', 'Lee'),
      fc.constantFrom('', 'ann@acme.example', 'bad'),
      fc.constantFrom('', 'True', 'maybe'),
      fc.constantFrom('', '{"Customer Type":"Residential"}', 'junk'),
      fc.constantFrom('', 'False', 'True'),
      fc.constantFrom('', 'm'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.nat(3), { minLength: 1, maxLength: 20 }),
        fc.array(cells, { minLength: 4, maxLength: 4 }),
        (picks, variants) => {
          const memo = createRowMapper(compiled);
          const fresh = createRowMapper(compiled, { memo: false });
          picks.forEach((p, i) => {
            const v = variants[p % variants.length] as string[];
            const row: SourceRow = {
              source: { file: 'c.csv', row: i + 2 },
              values: Object.fromEntries(header.map((h, k) => [h, v[k] ?? ''])),
            };
            const a = memo(row);
            const b = fresh(row);
            expect([a.customer, a.contact, a.key, a.valid]).toEqual([b.customer, b.contact, b.key, b.valid]);
            expect(a.issues.length).toBe(b.issues.length);
          });
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
