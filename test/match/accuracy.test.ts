/**
 * Accuracy floors on the shared labelled data sets (../shared/datasets),
 * a little under what the bench measures (see bench/matcher.bench.ts).
 */
import { describe, expect, it } from 'vitest';
import { findDuplicates, linkRecords } from '../../src/match/index.js';
import type { MatchOptions } from '../../src/match/types.js';
import {
  accuracy,
  clusterPairs,
  loadCompanyNames,
  loadFebrl,
  loadRestaurants,
  truePairsAcross,
  truePairsWithin,
} from '../../bench/matcher-data.js';
import type { Labelled } from '../../bench/matcher-data.js';
import { companyNamesSet, mspSet, restaurantsSet, runCommandSet } from '../../bench/matcher-command.js';

function linkF1(a: Labelled, b: Labelled, options: MatchOptions): number {
  const { links } = linkRecords(a.records, b.records, options);
  const found = links.flatMap((l) => (l.outcome === 'match' && l.best ? [[l.incoming, l.best.b] as [string, string]] : []));
  return accuracy(found, (x, y) => a.entity.get(x) === b.entity.get(y), truePairsAcross(a, b)).f1;
}

function withinF1(set: Labelled, options: MatchOptions): number {
  const { clusters } = findDuplicates(set.records, options);
  return accuracy(clusterPairs(clusters), (x, y) => set.entity.get(x) === set.entity.get(y), truePairsWithin(set)).f1;
}

describe('accuracy on labelled data sets', () => {
  it('FEBRL4a ↔ 4b (link, contacts, no identifiers): F1 ≥ 0.985', () => {
    expect(linkF1(loadFebrl('febrl4a.csv', false), loadFebrl('febrl4b.csv', false), { entity: 'contacts' })).toBeGreaterThanOrEqual(0.985);
  });

  it('FEBRL3 (within, contacts, no identifiers): F1 ≥ 0.985', () => {
    expect(withinF1(loadFebrl('febrl3.csv', false), { entity: 'contacts' })).toBeGreaterThanOrEqual(0.985);
  });

  it('FEBRL1 with date of birth and id as extra fields: F1 ≥ 0.98', () => {
    expect(withinF1(loadFebrl('febrl1.csv', true), { entity: 'contacts' })).toBeGreaterThanOrEqual(0.98);
  });

  it('restaurants (within, customers): F1 ≥ 0.93', () => {
    expect(withinF1(loadRestaurants(), { entity: 'customers' })).toBeGreaterThanOrEqual(0.93);
  });

  it('company names a ↔ b (link): F1 ≥ 0.97 with country, ≥ 0.95 name only (the goal)', () => {
    expect(linkF1(loadCompanyNames('a', true), loadCompanyNames('b', true), { entity: 'customers' })).toBeGreaterThanOrEqual(0.97);
    expect(linkF1(loadCompanyNames('a', false), loadCompanyNames('b', false), { entity: 'customers' })).toBeGreaterThanOrEqual(0.95);
  });

  // What the dedupe command writes (file → read, group → cluster → rows), pairwise over input rows (issue 12).
  it('dedupe on restaurants: precision ≥ 0.97, F1 ≥ 0.93', async () => {
    const { acc } = await runCommandSet(restaurantsSet());
    expect(acc.precision).toBeGreaterThanOrEqual(0.97);
    expect(acc.f1).toBeGreaterThanOrEqual(0.93);
  });

  it('dedupe on MSP-shaped customers (a tuning seed): precision ≥ 0.99, F1 ≥ 0.97', async () => {
    const { acc } = await runCommandSet(mspSet(3, 'customers', 400));
    expect(acc.precision).toBeGreaterThanOrEqual(0.99);
    expect(acc.f1).toBeGreaterThanOrEqual(0.97);
  });

  // Issue 12 point 4: contacts carry their customer (the customers clustered first) as evidence. Each seed failed before:
  // seed 3 missed a person listed twice under one customer (R 0.967), seed 4 merged namesakes at two branches (P 0.941).
  it.each([3, 4])('dedupe on MSP-shaped contacts (tuning seed %i): precision ≥ 0.98, recall ≥ 0.99', async (seed) => {
    const { acc } = await runCommandSet(mspSet(seed, 'contacts', 600));
    expect(acc.precision).toBeGreaterThanOrEqual(0.98);
    expect(acc.recall).toBeGreaterThanOrEqual(0.99);
  });

  // Seed 9 held the one false positive of tuning seeds 1-30 after that: William Hill (whill@) and William Hall (william.hall@).
  it('dedupe on MSP-shaped contacts (tuning seed 9, 1 300 customers): no false positive', async () => {
    const { acc } = await runCommandSet(mspSet(9, 'contacts', 1300));
    expect(acc.found).toBe(acc.correct);
    expect(acc.recall).toBeGreaterThanOrEqual(0.98);
  });

  // Issue 12 point 3 (a set tuned on): a weak link no longer seats "Kehner LLC" beside "LLC Lehner" (P was 0.975).
  it('dedupe on company names a + b as one name-only file: precision ≥ 0.98, F1 ≥ 0.85', async () => {
    const { acc } = await runCommandSet(companyNamesSet());
    expect(acc.precision).toBeGreaterThanOrEqual(0.98);
    expect(acc.f1).toBeGreaterThanOrEqual(0.85);
  });
});
