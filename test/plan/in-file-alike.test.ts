/**
 * Customers of one input that are alike but not proven one (no shared id,
 * email or business name): the later is held as a conflict naming the
 * earlier and the matcher's evidence, never created beside it unseen. Files
 * are read and planned the way `syncro-etl import` does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { opsOf, planFile } from '../helpers/plan-file.js';
import { afterAll, describe, expect, it } from 'vitest';
import { numbersDiffer } from '../../src/match/fields.js';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import type { InFileMatcher } from '../../src/plan/linker.js';
import { matcherInFile } from '../../src/plan/matcher-linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { Plan } from '../../src/plan/schema.js';
import { OperationSchema } from '../../src/plan/schema.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import type { CustomerRecord } from '../../src/model/records.js';
import { existingCustomer, snap } from '../helpers/records.js';

const dir = mkdtempSync(join(tmpdir(), 'alike-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEAD = 'Business Name,Address,City,Phone,Email';
let n = 0;

/**
 * 140 other restaurants after the rows under test: the matcher learns its
 * weights from the file, and a file of three rows teaches it nothing (a
 * limit the README states: the check needs a client list, not a handful).
 */
const PADDING = ['blue', 'red', 'green', 'gold', 'silver'].flatMap((colour, c) =>
  ['fork', 'spoon', 'table', 'garden', 'kitchen', 'grill', 'cafe'].flatMap((thing, t) =>
    ['bistro', 'house', 'place', 'room'].map((kind, k) => {
      const i = c * 28 + t * 4 + k;
      const street = ['main st.', 'sunset blvd.', 'melrose ave.', 'wilshire blvd.'][i % 4];
      const city = ['pasadena', 'burbank', 'santa monica', 'glendale'][(i >> 2) % 4];
      return `${colour} ${thing} ${kind},${100 + i * 7} ${street},${city},,`;
    }),
  ),
);

async function planOf(lines: string[], snapshot: Snapshot = snap([]), inFile: InFileMatcher | null = matcherInFile()): Promise<Plan> {
  const file = join(dir, `f${++n}.csv`);
  writeFileSync(file, [HEAD, ...lines, ...PADDING].join('\n') + '\n');
  return planFile(file, { snapshot, template: 'generic', ...(inFile ? { inFile } : {}) });
}
const ops = opsOf;

// Two rows of the restaurants set that are one restaurant (unique_id 0 of its pairs), written two ways, no phone or email to prove it.
const KATSU = 'restaurant katsu,1972 n. hillhurst ave.,los angeles,,';
const KATSU_AGAIN = 'katsu,1972 hillhurst ave.,los feliz,,';
const OTHER = 'campanile,624 s. la brea ave.,los angeles,213/938-1447,';

describe('customers of the input alike but not proven one', () => {
  it('the later of two alike rows is a conflict naming the earlier create and the evidence; the earlier is created', async () => {
    const p = await planOf([KATSU, OTHER, KATSU_AGAIN]);
    const creates = ops(p, 'create-customer');
    expect(creates.slice(0, 2).map((c) => c.sources[0]!.row)).toEqual([2, 3]);
    expect(creates).toHaveLength(2 + PADDING.length);
    const [held] = ops(p, 'conflict');
    expect(held?.sources.map((s) => s.row)).toEqual([4]);
    expect(held?.alike?.op).toBe(creates[0]!.id);
    expect(held?.alike?.sources.map((s) => s.row)).toEqual([2]);
    expect(held?.alike?.evidence.rule).toBe('fuzzy');
    expect((held?.alike?.evidence.fields ?? []).map((f) => f.field)).toEqual(expect.arrayContaining(['company', 'address']));
    expect(held?.reason).toMatch(/may be the same customer as Customer restaurant katsu \(\S*f\d+\.csv row 2\), planned by cc-/i);
    expect(held?.candidates).toEqual([]);
    expect(() => OperationSchema.parse(held)).not.toThrow();
  });

  it('without the check (the code before it) the same file creates both', async () => {
    const p = await planOf([KATSU, OTHER, KATSU_AGAIN], snap([]), null);
    expect(ops(p, 'create-customer')).toHaveLength(3 + PADDING.length);
  });

  it('alike a record that matches an existing customer: the later is not created, its conflict offers that customer', async () => {
    const existing = existingCustomer(41, { business_name: 'Restaurant Katsu', city: 'Los Angeles' });
    const p = await planOf([KATSU, KATSU_AGAIN], snap([existing]));
    const first = [...ops(p, 'update-customer'), ...ops(p, 'skip')].find((o) => o.sources[0]!.row === 2);
    expect(first?.targetId).toBe(41);
    expect(ops(p, 'create-customer').some((c) => c.sources.some((s) => s.row === 3))).toBe(false);
    const held = ops(p, 'conflict').find((c) => c.sources[0]!.row === 3);
    expect(held?.candidates.map((c) => c.id)).toEqual([41]);
  });

  it('the summary counts what the check compared and held; above its limit it says it did not run and why', async () => {
    const lines = [KATSU, OTHER, KATSU_AGAIN];
    expect((await planOf(lines)).summary.likeness).toEqual({ customers: 3 + PADDING.length, held: 1 });
    const over = await planOf(lines, snap([]), matcherInFile({ limit: 2 }));
    expect(over.summary.likeness).toMatchObject({
      customers: 3 + PADDING.length,
      held: 0,
      skipped: expect.stringMatching(/3 customers is more than the 2 .*dedupe/),
    });
    expect(ops(over, 'create-customer')).toHaveLength(3 + PADDING.length);
  });

  it('names with different numbers at one address are never one customer: at most a maybe, their names far apart', async () => {
    const p = await planOf(['Store 12 Hardware,100 Main St,Austin,512-555-0100,', 'Store 14 Hardware,100 Main St,Austin,512-555-0101,']);
    expect(p.operations.some((o) => o.sources.some((s) => s.row === 2) && o.sources.some((s) => s.row === 3))).toBe(false);
    expect(ops(p, 'create-customer').some((c) => c.sources[0]!.row === 2)).toBe(true);
    for (const held of ops(p, 'conflict')) {
      expect(held.alike?.evidence.fields?.find((f) => f.field === 'company')?.level).toBe('far');
      expect(held.alike!.evidence.score).toBeLessThan(0); // below the matcher's match threshold
    }
  });

  it('names that differ only in a number: numbersDiffer', () => {
    expect(numbersDiffer('company 0 inc', 'company 4 inc')).toBe(true);
    expect(numbersDiffer('store 12', 'store 21')).toBe(true);
    expect(numbersDiffer('route 66 diner', 'diner route 66')).toBe(false);
    expect(numbersDiffer('acme', 'acme 2')).toBe(false); // one side without a number: the score decides
  });

  it('property: whatever pairs the check reports, the later of a pair is never created and the earlier is', () => {
    const names = ['Alpha', 'Bravo', 'Cobalt', 'Delta', 'Echo', 'Foxtrot', 'Gamma', 'Helix'];
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 6 }), (count, rawPairs) => {
        const records: CustomerRecord[] = names
          .slice(0, count)
          .map((name, i) => ({ sources: [{ file: 'p.csv', row: i + 2 }], customer: { business_name: `${name} Ltd` }, contacts: [] }));
        const pairs: Array<[number, number]> = rawPairs
          .filter(([a, b]) => a !== b && a < count && b < count)
          .map(([a, b]) => (a < b ? [a, b] : [b, a]));
        const inFile: InFileMatcher = () => {
          const best = new Map<number, number>();
          for (const [earlier, later] of pairs) if (!best.has(later)) best.set(later, earlier);
          const suspects = [...best].map(([later, earlier]) => ({
            later,
            earlier,
            score: 1,
            evidence: { rule: 'fuzzy' as const, score: 1, fields: [] },
          }));
          return { suspects };
        };
        const plan = assembleImportPlan({
          records,
          issues: [],
          snapshot: snap([]),
          inputs: [{ file: 'p.csv', sha256: 'x', rows: count }],
          target: { baseUrl: 'local sandbox', sandbox: true },
          options: DEFAULT_PLAN_OPTIONS,
          inFile,
        });
        const rowOf = (o: { sources: Array<{ row: number }> }) => o.sources[0]!.row - 2;
        const created = new Set(ops(plan, 'create-customer').map(rowOf));
        const held = new Set(ops(plan, 'conflict').map(rowOf));
        for (const [, later] of pairs) expect(created.has(later)).toBe(false);
        for (let i = 0; i < count; i++) expect(created.has(i) !== held.has(i)).toBe(true);
        for (const [earlier] of pairs) if (!pairs.some(([, l]) => l === earlier)) expect(created.has(earlier)).toBe(true);
        expect(plan.summary.likeness).toEqual({ customers: count, held: held.size });
      }),
    );
  });
});
