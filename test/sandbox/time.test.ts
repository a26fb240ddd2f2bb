import { describe, expect, test } from 'vitest';
import { SandboxStore } from '../../src/sandbox/store.js';
import { parseUtcOffset, timestampFormatter } from '../../src/sandbox/time.js';
import { fakeClock } from './helpers.js';

describe('timestamps', () => {
  test('UTC is written +00:00 with milliseconds', () => {
    expect(timestampFormatter('+00:00')(Date.UTC(2024, 2, 5, 13, 14, 24, 66))).toBe('2024-03-05T13:14:24.066+00:00');
  });

  test('a positive offset shifts the wall time', () => {
    expect(timestampFormatter('+02:00')(Date.UTC(2024, 2, 5, 13, 14, 24, 66))).toBe('2024-03-05T15:14:24.066+02:00');
  });

  test('a negative half-hour offset crosses midnight', () => {
    expect(timestampFormatter('-03:30')(Date.UTC(2024, 0, 1, 1, 0, 0, 5))).toBe('2023-12-31T21:30:00.005-03:30');
  });

  test('the written time parses back to the same instant', () => {
    const ms = Date.UTC(2024, 6, 1, 12, 0, 0, 999);
    expect(Date.parse(timestampFormatter('+05:45')(ms))).toBe(ms);
  });

  test('a malformed offset is CONFIG_INVALID', () => {
    expect(() => parseUtcOffset('UTC+2')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  test('an out-of-range offset is CONFIG_INVALID', () => {
    expect(() => parseUtcOffset('+15:00')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('write stamps', () => {
  test('two writes in the same millisecond are 1 ms apart', () => {
    const store = SandboxStore.open(undefined, { now: fakeClock(1000).now });
    const stamps = [store.stamp(), store.stamp()];
    store.close();
    expect(stamps).toEqual([1000, 1001]);
  });

  test('a clock that goes back still gives increasing stamps', () => {
    const clock = fakeClock(5000);
    const store = SandboxStore.open(undefined, { now: clock.now });
    const a = store.stamp();
    clock.set(1000);
    const b = store.stamp();
    store.close();
    expect(b).toBeGreaterThan(a);
  });

  test('a stamp follows the clock when it has moved on', () => {
    const clock = fakeClock(5000);
    const store = SandboxStore.open(undefined, { now: clock.now });
    store.stamp();
    clock.advance(250);
    const b = store.stamp();
    store.close();
    expect(b).toBe(5250);
  });
});
