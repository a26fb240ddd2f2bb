import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEAK_LINK, centreClusters, clusterRecords } from '../../src/match/cluster.js';

const never = (): number => -100;

describe('clustering', () => {
  it('leaves singletons out', () => {
    expect(clusterRecords(5, [], never, -7)).toEqual([]);
  });

  it('keeps a pair as a cluster, the better-connected record as centre', () => {
    const c = clusterRecords(4, [{ a: 1, b: 3, score: 12 }], never, -7);
    expect(c).toHaveLength(1);
    expect(c[0]!.members.sort()).toEqual([1, 3]);
  });

  it('does not chain A~B~C~D on weak links', () => {
    // Strong A–B and C–D, a weak B–C link; A, D and A, C do not fit together at all.
    const edges = [
      { a: 0, b: 1, score: 20 },
      { a: 2, b: 3, score: 18 },
      { a: 1, b: 2, score: 1 },
    ];
    const clusters = clusterRecords(4, edges, never, -7);
    expect(clusters.map((c) => [...c.members].sort())).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('keeps a component whole when every pair in it fits', () => {
    // A star: 0 matches 1, 2, 3; the leaves score above review with each other.
    const edges = [1, 2, 3].map((b) => ({ a: 0, b, score: 15 }));
    const clusters = clusterRecords(4, edges, () => -2, -7);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.centre).toBe(0);
    expect(clusters[0]!.members).toEqual([0, 1, 2, 3]);
    expect(clusters[0]!.scores.slice(1)).toEqual([15, 15, 15]);
  });

  it('lists no member that scores below match with its centre, however well it fits the others', () => {
    // 3 matches 1 and 2, but scores -3 with 0, the record that matches the most.
    const scores: Record<string, number> = { '0|1': 10, '0|2': 10, '0|3': -3, '1|3': 8, '2|3': 8, '1|2': -1 };
    const pairScore = (i: number, j: number): number => scores[`${Math.min(i, j)}|${Math.max(i, j)}`] ?? -100;
    const edges = Object.entries(scores)
      .filter(([, s]) => s >= 0)
      .map(([k, score]) => ({ a: Number(k[0]), b: Number(k[2]), score }));
    const clusters = clusterRecords(4, edges, pairScore, -7);
    for (const c of clusters) for (const s of c.scores.slice(1)) expect(s).toBeGreaterThanOrEqual(0);
    expect(clusters.map((c) => [...c.members].sort())).toEqual([[0, 1, 2]]);
  });

  it('lists a member weakly linked to its centre only where it matches every other member (Kehner LLC beside LLC Lehner)', () => {
    // 0 "Lehner LLC" matches 1 "LLC Lehner" surely, 2 "Kehner LLC" by one letter (1.3); 1 and 2 only in the review band.
    const scores: Record<string, number> = { '0|1': 15, '0|2': 1.3, '1|2': -1 };
    const pairScore = (i: number, j: number): number => scores[`${Math.min(i, j)}|${Math.max(i, j)}`] ?? -100;
    const edges = [
      { a: 0, b: 1, score: 15 },
      { a: 0, b: 2, score: 1.3 },
    ];
    expect(clusterRecords(3, edges, pairScore, -7).map((c) => [...c.members].sort())).toEqual([[0, 1]]);
    // A confident link only needs not to be contradicted.
    scores['0|2'] = 9;
    expect(clusterRecords(3, [edges[0]!, { a: 0, b: 2, score: 9 }], pairScore, -7).map((c) => [...c.members].sort())).toEqual([[0, 1, 2]]);
  });

  it('property: every weakly linked member matches every other member of its cluster', () => {
    const n = 7;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -12, max: 12 }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }), (raw) => {
        const score = (i: number, j: number): number => {
          const [a, b] = i < j ? [i, j] : [j, i];
          return raw[(a * (2 * n - a - 1)) / 2 + (b - a - 1)] as number;
        };
        const edges = [];
        for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (score(a, b) >= 0) edges.push({ a, b, score: score(a, b) });
        for (const c of clusterRecords(n, edges, score, -7)) {
          for (const x of c.members) {
            if (x === c.centre || score(x, c.centre) >= WEAK_LINK) continue;
            for (const y of c.members) if (y !== x && y !== c.centre) expect(score(x, y)).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });

  it('breaks ties deterministically, whatever the edge order', () => {
    const edges = [
      { a: 0, b: 1, score: 5 },
      { a: 1, b: 2, score: 5 },
      { a: 2, b: 0, score: 5 },
    ];
    const one = centreClusters(3, edges);
    const two = centreClusters(3, [...edges].reverse());
    expect(one).toEqual(two);
    expect(one).toHaveLength(1);
    expect(one[0]!.members).toHaveLength(3);
  });

  it('centre clustering never puts a member in two clusters and links each to its centre', () => {
    const edges = [];
    for (let i = 0; i < 30; i++)
      for (let j = i + 1; j < 30; j++) if ((i * 7 + j * 3) % 5 === 0) edges.push({ a: i, b: j, score: (i + j) % 9 });
    const clusters = centreClusters(30, edges);
    const seen = new Set<number>();
    const has = new Set(edges.map((e) => `${Math.min(e.a, e.b)}|${Math.max(e.a, e.b)}`));
    for (const c of clusters) {
      for (const m of c.members) {
        expect(seen.has(m)).toBe(false);
        seen.add(m);
        if (m !== c.centre) expect(has.has(`${Math.min(m, c.centre)}|${Math.max(m, c.centre)}`)).toBe(true);
      }
    }
  });
});
