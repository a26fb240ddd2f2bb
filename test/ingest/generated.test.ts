/**
 * The mapper's generated code changes no result (differential property on
 * random rows of every built-in template, nasty values included): the rules
 * of each part as one generated function (part.ts) and the fast path for the
 * common row (fast-row.ts) give exactly the rows, issues, messages and key
 * order that the plain path gives (`generate: false`: each rule's own
 * function, called in turn, and no fast path). Rows come in runs of a
 * company's repeated cells, as PSA exports have them, with companies met
 * again later, so that both the row-to-row reuse and the stored company
 * parts are taken.
 */
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MappedRow, MapperOptions } from '../../src/ingest/map-row.js';
import type { NormalizeOption } from '../../src/ingest/normalize-options.js';
import type { SourceRow } from '../../src/read/types.js';
import { compileTemplate } from '../../src/templates/compile.js';
import { builtinTemplates, parseTemplate } from '../../src/templates/registry.js';
import type { FieldRule, Template } from '../../src/templates/schema.js';
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
  '😀'.repeat(129),
  'ann@acme.example',
  'first1.last1@company0.example',
  'bad@',
  'ünï@x.com',
  'a@b.example; c@d.example',
  'mailto:z@z.example',
  ' Ann@X.com ',
  'Ann <ann@x.example>',
  'Yes',
  'no',
  'maybe',
  '0',
  '12',
  '-3',
  '1.0',
  'Residential',
  'home user',
  'Client',
  'Vendor',
  'Inactive',
  'active',
  'false',
  '8.25%',
  'Contract: Gold; Tier: 2',
  '{"Customer Type":"Residential"}',
  '(617) 201-0001',
  '617.201.0001 x12',
  'John Q. Public Jr.',
  'Smith, John',
  'C1',
  'C2',
  'c1',
  '  C1',
  'a\nb',
  // White space trim removes, at either end (and a character just outside it)
  '\u00a0Acme',
  'Acme\u00a0',
  'Acme\u3000',
  '\ufeffAcme',
  'Acme\t',
  '\u2028',
  'x\u1680',
  '\u202fx',
  'Acme\u007f',
  '\u0085Acme',
  "' Acme",
];

/** Counts the rows the fast path maps (it answers undefined for the others). */
let fastRows = 0;
vi.mock('../../src/ingest/fast-row.js', async (original) => {
  const m = await original<typeof import('../../src/ingest/fast-row.js')>();
  return {
    ...m,
    fastRowMapper: (setup: Parameters<typeof m.fastRowMapper>[0]) => {
      const fast = m.fastRowMapper(setup);
      return (
        fast &&
        ((row: SourceRow) => {
          const r = fast(row);
          if (r) fastRows++;
          return r;
        })
      );
    },
  };
});
/** Counts the company parts the fast path maps itself (fast-company.ts). */
let fastCompanies = 0;
vi.mock('../../src/ingest/fast-company.js', async (original) => {
  const m = await original<typeof import('../../src/ingest/fast-company.js')>();
  return {
    ...m,
    companyBuilder: (setup: Parameters<typeof m.companyBuilder>[0]) => {
      const build = m.companyBuilder(setup);
      return (
        build &&
        ((...args: Parameters<NonNullable<typeof build>>) => {
          const r = build(...args);
          if (r) fastCompanies++;
          return r;
        })
      );
    },
  };
});
const { createRowMapper } = await import('../../src/ingest/map-row.js');

/** Ordinary values for a column by its header (so that most rows are the common row the fast path takes), else anything. */
function ordinary(header: string): string[] {
  if (/mail/i.test(header)) return ['ann@acme.example', 'b.c@d-e.example', ''];
  if (/tax/i.test(header)) return ['', '8.25%'];
  if (KITCHEN_HEADERS.includes(header)) return ['Acme', '', ...KITCHEN_VALUES];
  if (/type|classification/i.test(header)) return ['Client', 'customer', 'standard', ''];
  if (/status|active|inactive/i.test(header)) return ['Active', 'active', 'yes', 'false', ''];
  if (/id$|rec|number/i.test(header)) return ['C1', 'C2', '17'];
  return ['Acme', 'Ann', "O'Hara", 'Boston', '(617) 201-0001', '', ' x '];
}
const cellArb = (header: string) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...ordinary(header)), weight: 12 },
    { arbitrary: fc.constantFrom(...NASTY), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  );
/** A row; one in four sparse (each cell blank or not), so that rows whose contact names nobody, or only a phone, come up. */
const rowArb = (headers: string[]) =>
  fc
    .tuple(fc.tuple(...headers.map(cellArb)), fc.array(fc.boolean(), { minLength: headers.length, maxLength: headers.length }), fc.nat(3))
    .map(([cells, blank, mode]) => (mode === 0 ? cells.map((c, i) => (blank[i] ? '' : c)) : cells));
/** Runs of rows: a company's cells (from a pool of 8, so companies come back) repeated 1–5 times, each row with its own other cells. */
const runsArb = (headers: string[]) =>
  fc.array(fc.tuple(fc.nat(7), fc.array(rowArb(headers), { minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 12 });

/**
 * A template with what the built-in ones leave out: mapped values with
 * spaces or not text, join separators, custom fields, a notes field and note
 * lines, unmapped columns to the contact's custom fields, no apostrophe
 * stripping; with a default (so the company part is not plain) or without.
 */
const kitchenSink = (name: string, phone: FieldRule) =>
  parseTemplate(
    JSON.stringify({
      format: 'syncro-etl/template@1',
      name,
      label: 'test',
      description: 'test',
      entity: 'contacts',
      detect: [],
      stripApostrophe: false,
      customer: {
        key: 'Account ID',
        business_name: 'Account',
        type: { column: 'Account Type', map: { client: ' Business ', home: 'Residential' } },
        disabled: { column: 'Account Status', map: { active: false, gone: true, odd: 'x' } },
        phone,
        address: { join: ['Street', 'Suite'], separator: ', ' },
        'properties.Region': 'Region',
        'notes.Site': 'Site',
        tax_rate: 'Tax Rate',
      },
      contact: {
        name: { join: ['First', 'Last'] },
        title: { column: 'Job', map: { ceo: ' Chief  Exec ', none: null, n: 7 } },
        email: 'Mail',
        notes: 'Contact Notes',
        'notes.Extra': 'Extra',
        'properties.Tier': { column: 'Tier', map: { gold: 1, silver: true } },
        mobile: 'Cell',
      },
      unmapped: { to: 'properties', entity: 'contact' },
    }),
    `${name}.json`,
  );
const KITCHEN_SINK = kitchenSink('kitchen-sink', { column: 'Main Phone', default: '000' });
const KITCHEN_PLAIN = kitchenSink('kitchen-plain', 'Main Phone');
const KITCHEN_HEADERS = [
  'Account ID',
  'Account',
  'Account Type',
  'Account Status',
  'Main Phone',
  'Street',
  'Suite',
  'Region',
  'Site',
  'Tax Rate',
  'First',
  'Last',
  'Job',
  'Mail',
  'Contact Notes',
  'Extra',
  'Tier',
  'Cell',
  'Odd Column',
  'custom: Contract',
];
const KITCHEN_VALUES = ['client', 'home', 'active', 'gone', 'odd', 'ceo', 'none', 'n', 'gold', 'silver', 'Gold ', "'=1", ' '];

const taken = new Map<string, number>();
const companies = new Map<string, number>();

describe('generated code = the plain path (differential, property)', () => {
  beforeEach(() => {
    fastRows = 0;
    fastCompanies = 0;
  });
  afterAll(() => {
    console.log(JSON.stringify([...taken]), JSON.stringify([...companies]));
    // Templates whose contact rules are all plain get the fast path: it must have been taken.
    for (const name of ['connectwise-manage', 'autotask', 'atera', 'halopsa', 'generic', 'kitchen-sink', 'kitchen-plain'])
      expect(taken.get(name), name).toBeGreaterThan(0);
    // …and, for those whose customer rules are plain too, so must the fast company part.
    for (const name of ['connectwise-manage', 'autotask', 'atera', 'halopsa', 'kitchen-plain'])
      expect(companies.get(name), name).toBeGreaterThan(0);
  });

  const templates = [...builtinTemplates(), KITCHEN_SINK, KITCHEN_PLAIN];
  const cases = templates.flatMap((t) => [
    { name: t.name, normalize: [] as NormalizeOption[] },
    { name: t.name, normalize: ['phone-format', 'name-case'] as NormalizeOption[] },
  ]);
  it.each(cases)(
    '$name, normalize [$normalize]',
    ({ name, normalize }) => {
      const template = templates.find((t) => t.name === name) as Template;
      const headers = template === KITCHEN_SINK || template === KITCHEN_PLAIN ? KITCHEN_HEADERS : headersOf(template);
      const compiled = compileTemplate(template, headers);
      const companyCols = new Set(compiled.customer.flatMap((r) => r.columns).map((c) => headers.indexOf(c)));
      const options: MapperOptions = { taxRates: taxRateTable([{ id: 4, rate: 8.25 }]), normalize: new Set(normalize) };
      fc.assert(
        fc.property(runsArb(headers), fc.array(rowArb(headers), { minLength: 8, maxLength: 8 }), (runs, companies) => {
          const generated = createRowMapper(compiled, options);
          const plain = createRowMapper(compiled, { ...options, generate: false });
          let n = 0;
          for (const [company, rows] of runs) {
            for (const cells of rows) {
              const row = cells.map((c, i) => (companyCols.has(i) ? ((companies[company] as string[])[i] as string) : c));
              const source: SourceRow = {
                source: { file: 'f.csv', row: (n += 1) + 1 },
                values: Object.fromEntries(headers.map((h, k) => [h, row[k] ?? ''])),
                cells: row,
              };
              const a: MappedRow = generated(source);
              const b: MappedRow = plain(source);
              expect(a).toEqual(b);
              expect(JSON.stringify(a)).toBe(JSON.stringify(b)); // the same key order too
            }
          }
        }),
        { numRuns: 80 },
      );
      taken.set(name, (taken.get(name) ?? 0) + fastRows);
      companies.set(name, (companies.get(name) ?? 0) + fastCompanies);
    },
    120_000,
  );
});
