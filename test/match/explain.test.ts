import { describe, expect, it } from 'vitest';
import { findDuplicates, linkRecords } from '../../src/match/index.js';
import { explanationText } from '../../src/match/scoring.js';
import type { Explanation, ScoredPair } from '../../src/match/types.js';
import { generateContacts } from '../../bench/contact-generator.js';
import { loadRestaurants } from '../../bench/matcher-data.js';

/** The same left-to-right sum the explanation promises. */
const sum = (e: Explanation): number => e.fields.reduce((s, f) => s + f.weight, e.prior) + e.correlation;

function expectExact(pairs: readonly ScoredPair[]): void {
  expect(pairs.length).toBeGreaterThan(0);
  for (const p of pairs) {
    expect(sum(p.explanation)).toBe(p.explanation.score);
    expect(p.explanation.score).toBe(p.score);
    for (const f of p.explanation.fields) if (f.level === 'missing') expect(f.weight).toBe(0);
    expect(p.explanation.correlation).toBeLessThanOrEqual(0);
  }
}

describe('explanations', () => {
  const g = generateContacts(800, 3);

  it('sum exactly to the score for every linked pair (best and runner-up)', () => {
    const { links } = linkRecords(g.incoming, g.existing, { entity: 'contacts' });
    expectExact(links.flatMap((l) => [l.best, l.runnerUp].filter((p): p is ScoredPair => p !== undefined)));
  });

  it('sum exactly to the score for duplicate pairs and cluster links', () => {
    const { pairs, clusters } = findDuplicates([...g.existing, ...g.incoming.slice(0, 300)], { entity: 'contacts' });
    expectExact(pairs);
    expectExact(clusters.flatMap((c) => Object.values(c.links)));
    const restaurants = findDuplicates(loadRestaurants().records, { entity: 'customers' });
    expectExact(restaurants.pairs);
  });

  it('name every compared field with a level and its m and u, in plain data', () => {
    const { links } = linkRecords(g.incoming.slice(0, 50), g.existing, { entity: 'contacts' });
    const e = links.find((l) => l.best)!.best!.explanation;
    expect(e.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['firstname', 'lastname', 'email', 'phone', 'company']));
    for (const f of e.fields) {
      expect(typeof f.level).toBe('string');
      expect(f.m).toBeGreaterThan(0);
      expect(f.u).toBeGreaterThan(0);
    }
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(explanationText(e)).toMatch(/\(prior -?\d+\.\d\) = -?\d+\.\d$/);
  });
});
