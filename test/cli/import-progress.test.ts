/**
 * A big import never sits silent: while reading and planning, the CLI prints
 * how far it is every few seconds (issue 14: 35 s without a line at 100k rows).
 */
import { describe, expect, it } from 'vitest';
import { StageProgress } from '../../src/cli/import-flow.js';

describe('import progress lines', () => {
  it('say how far the read and the plan are, at most every 5 s per stage, and nothing for other stages', () => {
    let t = 0;
    const p = new StageProgress(5_000, () => t);
    const at = (ms: number, e: Parameters<StageProgress['line']>[0]) => ((t = ms), p.line(e));
    expect(at(0, { type: 'stage', stage: 'read', status: 'start' })).toBeUndefined();
    expect(at(1_000, { type: 'progress', stage: 'read', done: 10_000 })).toBeUndefined();
    expect(at(5_200, { type: 'progress', stage: 'read', done: 60_000 })).toBe('  read: 60,000 rows so far…');
    expect(at(6_000, { type: 'progress', stage: 'read', done: 70_000 })).toBeUndefined();
    expect(at(7_000, { type: 'stage', stage: 'plan', status: 'start' })).toBeUndefined();
    expect(at(11_000, { type: 'progress', stage: 'plan', done: 40_000 })).toBeUndefined();
    expect(at(12_500, { type: 'progress', stage: 'plan', done: 50_000 })).toBe('  plan: 50,000 operations so far…');
    expect(at(30_000, { type: 'progress', stage: 'apply', done: 5 })).toBeUndefined();
  });

  it('say how far the workbook is, of how many, with the time left at the pace so far', () => {
    let t = 0;
    const p = new StageProgress(5_000, () => t);
    const at = (ms: number, e: Parameters<StageProgress['line']>[0]) => ((t = ms), p.line(e));
    expect(at(0, { type: 'stage', stage: 'report.xlsx', status: 'start' })).toBeUndefined();
    expect(at(6_000, { type: 'progress', stage: 'report.xlsx', done: 300_000, total: 1_250_000 })).toBe(
      '  report.xlsx: 300,000 of 1,250,000 operations, about 19 s left…',
    );
    expect(at(20_000, { type: 'progress', stage: 'report.xlsx', done: 500_000, total: 1_250_000 })).toBe(
      '  report.xlsx: 500,000 of 1,250,000 operations, about 30 s left…',
    );
    expect(at(90_000, { type: 'progress', stage: 'report.xlsx', done: 1_000_000, total: 1_250_000 })).toBe(
      '  report.xlsx: 1,000,000 of 1,250,000 operations, about 23 s left…',
    );
  });
});
