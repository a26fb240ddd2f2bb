/**
 * The mapper's fast paths change no result (differential properties on
 * random rows of every built-in template, nasty values included):
 * - validation through the predicate generated from the zod schemas gives
 *   exactly the rows, issues and messages that zod alone gives;
 * - a row read by position (`cells`, as readers give it) maps exactly as the
 *   same row read by header name (`values` only).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { MappedRow } from '../../src/ingest/map-row.js';
import type { SourceRow } from '../../src/read/types.js';
import { compileTemplate } from '../../src/templates/compile.js';
import { builtinTemplates } from '../../src/templates/registry.js';
import type { Template } from '../../src/templates/schema.js';
import { taxRateTable } from '../../src/templates/tax-rates.js';
import { headersOf } from '../helpers/template-headers.js';

const NASTY = [
  '',
  ' ',
  'Acme',
  'acme ',
  'ACME Inc.',
  'Walsh, Greg',
  "O'Hara",
  "'=SUM(A1)",
  "'00123",
  "'Tis",
  'x'.repeat(255),
  'y'.repeat(256),
  '😀'.repeat(128),
  '😀'.repeat(129),
  'ann@acme.example',
  'first1.last1@company0.example',
  'bad@',
  'a..b@x.com',
  'ünï@x.com',
  'a@b.example; c@d.example',
  'mailto:z@z.example',
  ' Ann@X.com ',
  `${'a'.repeat(250)}@x.com`,
  'Yes',
  'no',
  'maybe',
  'TRUE',
  '0',
  '12',
  '-3',
  '1.0',
  'Residential',
  'home user',
  'Client',
  'Vendor',
  'Gov',
  'Inactive',
  'active',
  'not-approved',
  '8.25%',
  '9%',
  'Contract: Gold; Tier: 2',
  '{"Customer Type":"Residential"}',
  'junk',
  '(617) 201-0001',
  '617.201.0001 x12',
  'Massachusetts',
  '2134',
  'John Q. Public Jr.',
  'Smith, John',
  'C1',
  'C2',
  'c1',
  '  C1',
];

async function mapperModule(fastValidation: boolean) {
  vi.resetModules();
  if (fastValidation) vi.doUnmock('../../src/model/fast-accept.js');
  // zod for every record (and no fast path, which needs the fast test's parts)
  else
    vi.doMock('../../src/model/fast-accept.js', () => ({
      fastAccepts: () => () => false,
      fastAcceptsText: () => () => false,
      objectTests: () => undefined,
    }));
  return import('../../src/ingest/map-row.js');
}

const rowsArb = (width: number) =>
  fc.array(fc.array(fc.constantFrom(...NASTY), { minLength: width, maxLength: width }), { minLength: 1, maxLength: 25 });

describe('fast paths of the mapper (differential, property)', () => {
  it.each(builtinTemplates().map((b) => b.name))(
    '%s: generated validation = zod, cells = values',
    async (name) => {
      const template = builtinTemplates().find((b) => b.name === name) as Template;
      const headers = headersOf(template);
      const compiled = compileTemplate(template, headers);
      const fast = await mapperModule(true);
      const zodOnly = await mapperModule(false);
      const options = { taxRates: taxRateTable([{ id: 4, rate: 8.25 }]), normalize: new Set(['phone-format', 'name-case'] as const) };
      let rejected = 0;
      fc.assert(
        fc.property(rowsArb(headers.length), (rows) => {
          const a = fast.createRowMapper(compiled, options);
          const b = zodOnly.createRowMapper(compiled, options);
          const c = fast.createRowMapper(compiled, options);
          rows.forEach((cells, i) => {
            const byName: SourceRow = {
              source: { file: 'f.csv', row: i + 2 },
              values: Object.fromEntries(headers.map((h, k) => [h, cells[k] ?? ''])),
            };
            const ra: MappedRow = a(byName);
            expect(ra).toEqual(b(byName));
            expect(ra).toEqual(c({ ...byName, cells }));
            if (!ra.valid) rejected++;
          });
        }),
        { numRuns: 60 },
      );
      expect(rejected).toBeGreaterThan(0); // zod's own rejections were compared too
    },
    120_000,
  );
});

describe('company-part reuse across many companies', () => {
  const headers = ['Company ID', 'Company Name', 'Company Type', 'Company Status', 'First Name', 'Last Name', 'Email'];
  const template = builtinTemplates().find((b) => b.name === 'connectwise-manage') as Template;
  const compiled = compileTemplate(template, headers);
  const row = (i: number, c: number, variant: number): SourceRow => {
    const cells = [
      `C${c}`,
      variant % 3 === 0 ? `Company ${c}` : `Company ${c}, Inc.`,
      variant % 2 ? 'Client' : 'home user',
      c % 7 ? 'Active' : 'Inactive',
      `First${i}`,
      `Last${i}`,
      i % 11 ? `p${i}@c${c}.example` : 'bad@',
    ];
    return { source: { file: 'f.csv', row: i + 2 }, values: Object.fromEntries(headers.map((h, k) => [h, cells[k] ?? ''])), cells };
  };

  it('scattered companies, met again or not, map as without reuse (property)', async () => {
    const { createRowMapper } = await mapperModule(true);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.nat(5)), { minLength: 1, maxLength: 200 }), (picks) => {
        const memo = createRowMapper(compiled);
        const fresh = createRowMapper(compiled, { memo: false });
        picks.forEach(([c, v], i) => expect(memo(row(i, c, v))).toEqual(fresh(row(i, c, v))));
      }),
      { numRuns: 100 },
    );
  });

  it('more companies than the memo holds, each met three times, map as without reuse', async () => {
    const { createRowMapper } = await mapperModule(true);
    const memo = createRowMapper(compiled);
    const fresh = createRowMapper(compiled, { memo: false });
    const pass = (step: number) => Array.from({ length: 8_000 }, (_, c) => (c * step) % 8_000);
    const order = [...pass(1), ...pass(7919), ...pass(4001)];
    order.forEach((c, i) => expect(memo(row(i, c, c))).toEqual(fresh(row(i, c, c))));
  }, 60_000);
});
