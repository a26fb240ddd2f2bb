import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../src/cli/progress.js';

/** A tracker on a hand-driven clock. */
function trackerAt(): { tracker: ProgressTracker; at: (ms: number) => void } {
  let now = 0;
  return { tracker: new ProgressTracker(() => now), at: (ms) => void (now = ms) };
}

function request(t: ProgressTracker): void {
  t.onEvent({ type: 'request', method: 'POST', path: '/customers', status: 201, ms: 5 });
}

describe('ProgressTracker.rate', () => {
  it('never shows more than the spacing allows: 29 requests 1/3 s apart read as 180/min, not 219', () => {
    const { tracker, at } = trackerAt();
    for (let i = 0; i < 29; i++) {
      at(i * 333.4);
      request(tracker);
    }
    expect(tracker.rate()).toBe(179);
  });

  it('falls while nothing is sent', () => {
    const { tracker, at } = trackerAt();
    for (let i = 0; i < 10; i++) {
      at(i * 400);
      request(tracker);
    }
    const busy = tracker.rate();
    at(20_000);
    expect(tracker.rate()).toBeLessThan(busy);
  });

  it('shows 0 until a second request gives an interval', () => {
    const { tracker, at } = trackerAt();
    expect(tracker.rate()).toBe(0);
    request(tracker);
    at(5);
    expect(tracker.rate()).toBe(0);
  });

  it('property: requests at least 60000/L ms apart never read above L per minute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 6000 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        (limit, extraGaps) => {
          const { tracker, at } = trackerAt();
          let t = 0;
          request(tracker);
          for (const extra of extraGaps) {
            t += 60_000 / limit + extra;
            at(t);
            request(tracker);
            expect(tracker.rate()).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });
});
