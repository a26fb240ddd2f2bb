import { describe, expect, it } from 'vitest';
import { findDuplicates, linkRecords, toMatchRecordFromContact, toMatchRecordFromCustomer } from '../../src/match/index.js';
import type { MatchRecord } from '../../src/match/types.js';
import { generateContacts } from '../../bench/contact-generator.js';

describe('linkRecords', () => {
  const g = generateContacts(1500, 11);

  it('links incoming copies to their originals and leaves new people unlinked', () => {
    const { links, stats } = linkRecords(g.incoming, g.existing, { entity: 'contacts' });
    expect(links).toHaveLength(g.incoming.length);
    let right = 0;
    let wrong = 0;
    for (const l of links) {
      if (l.outcome !== 'match') continue;
      if (g.truth.get(l.incoming) === l.best?.b) right++;
      else wrong++;
    }
    expect(right / g.truth.size).toBeGreaterThan(0.97);
    expect(wrong / (right + wrong)).toBeLessThan(0.02);
    expect(stats.comparisons).toBeLessThan(0.05 * 1500 * 1500);
  });

  it('flags a near-tie as ambiguous (two copies of one person in the master)', () => {
    const person: Omit<MatchRecord, 'key'> = { name: 'Jane Doe', email: 'jane.doe@acme.com', company: 'Acme Inc', phone: ['212 555 0199'] };
    const existing = [...g.existing.slice(0, 300), { key: 'dup:1', ...person }, { key: 'dup:2', ...person }];
    const { links } = linkRecords([{ key: 'in:1', ...person, name: 'JANE DOE' }], existing, { entity: 'contacts' });
    expect(links[0]!.outcome).toBe('match');
    expect(links[0]!.ambiguous).toBe(true);
    expect(new Set([links[0]!.best!.b, links[0]!.runnerUp!.b])).toEqual(new Set(['dup:1', 'dup:2']));
  });

  it('handles empty sides', () => {
    expect(linkRecords([], g.existing).links).toEqual([]);
    expect(linkRecords(g.incoming.slice(0, 3), []).links.map((l) => l.outcome)).toEqual(['none', 'none', 'none']);
    expect(findDuplicates([]).clusters).toEqual([]);
  });

  it('reuses a given model and then scores the same', () => {
    const a = linkRecords(g.incoming.slice(0, 400), g.existing, { entity: 'contacts' });
    const b = linkRecords(g.incoming.slice(0, 400), g.existing, { entity: 'contacts', model: a.model });
    expect(b.stats.emIterations).toBe(0);
    expect(b.links.map((l) => l.best?.b)).toEqual(a.links.map((l) => l.best?.b));
  });

  it('honours thresholds', () => {
    const strict = linkRecords(g.incoming.slice(0, 300), g.existing, { entity: 'contacts', thresholds: { match: 1000, review: 999 } });
    expect(strict.links.every((l) => l.outcome === 'none')).toBe(true);
  });
});

describe('toMatchRecord…', () => {
  it('maps customers and contacts field by field', () => {
    expect(
      toMatchRecordFromCustomer(
        { business_name: 'Acme', firstname: 'Jo', phone: '1', mobile: '2', address: 'a', address_2: 'b', zip: '' },
        'c:1',
      ),
    ).toEqual({
      key: 'c:1',
      company: 'Acme',
      firstname: 'Jo',
      phone: ['1', '2'],
      address: 'a',
      address2: 'b',
    });
    expect(toMatchRecordFromContact({ name: 'Jo Lee', email: 'jo@x.com', address1: 'a' }, 'f.csv:2', 'Acme', { dob: '1990' })).toEqual({
      key: 'f.csv:2',
      name: 'Jo Lee',
      company: 'Acme',
      email: 'jo@x.com',
      address: 'a',
      extra: { dob: '1990' },
    });
  });
});
