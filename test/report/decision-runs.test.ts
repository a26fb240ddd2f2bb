import { describe, expect, it } from 'vitest';
import { DecisionRuns, rangeText } from '../../src/report/decision-runs.js';

describe('DecisionRuns', () => {
  it('states consecutive rows with the same dropdown as one range, a gap or another dropdown starting a new one', () => {
    const stated: Array<[string, string]> = [];
    const runs = new DecisionRuns<string>((first, last, v) => stated.push([rangeText('F', first, last), v]));
    for (const [row, v] of [
      [2, 'a'],
      [3, 'a'],
      [4, 'a'],
      [6, 'a'],
      [7, 'b'],
      [8, 'a'],
    ] as const)
      runs.add(row, v);
    runs.end();
    runs.end();
    expect(stated).toEqual([
      ['F2:F4', 'a'],
      ['F6', 'a'],
      ['F7', 'b'],
      ['F8', 'a'],
    ]);
  });
});
