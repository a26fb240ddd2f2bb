/**
 * Floors on what `import` plans into an empty account from a labelled file
 * nobody tuned the planner on (restaurants as a customer list), a little
 * under what bench/planning-accuracy.bench.ts measures: nothing of two
 * restaurants folded into one, few duplicates created unseen (57 before the
 * in-file check), and most holds right.
 */
import { describe, expect, it } from 'vitest';
import { measureContactImport, measureImport } from '../../bench/import-command.js';
import { mspSet, restaurantsSet } from '../../bench/matcher-command.js';

describe('import accuracy at the command level (restaurants, 864 rows, 752 restaurants)', () => {
  it('folds no two restaurants, creates at most 8 duplicates unseen, and at least 80 % of its holds are right', async () => {
    const r = await measureImport(restaurantsSet());
    expect(r.wrongFoldPairs).toBe(0);
    expect(r.duplicates).toBeLessThanOrEqual(8);
    expect(r.heldRight / r.held).toBeGreaterThanOrEqual(0.8);
    expect(r.creates + r.held).toBeGreaterThanOrEqual(r.entities); // no row lost: every restaurant is created or held
  });

  it('the planner without the check (exact evidence only) is the baseline it beats: ≥ 50 duplicates', async () => {
    expect((await measureImport(restaurantsSet(), null)).duplicates).toBeGreaterThanOrEqual(50);
  });
});

describe('import accuracy at the command level (MSP-shaped contacts, tuning seed 9, 1 300 customers)', () => {
  it('creates no contact of two people, holds the same person written with two emails, and every hold is right', async () => {
    const r = await measureContactImport(mspSet(9, 'contacts', 1300));
    expect(r.wrongFolds).toBe(0);
    expect(r.held).toBeGreaterThan(0);
    expect(r.heldRight).toBe(r.held);
    expect(r.duplicates).toBeLessThanOrEqual(r.held); // more caught than left
  });
});
