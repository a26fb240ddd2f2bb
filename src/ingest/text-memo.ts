/**
 * A pure function of a cell's text, remembered. A mapped column (a status,
 * a type) holds a few values over and over: the text of the row before is
 * checked first (a compare), then a map of the texts met (hashing a fresh
 * string costs more than the compare). The map is cleared when it holds
 * `max` texts, so memory stays bounded; its keys are copies of their own
 * (see `ownCopy`).
 */
import { ownCopy } from './strings.js';

/** @example const type = textMemo(canonicalCustomerType); type('Client') // same as canonicalCustomerType('Client') */
export function textMemo<T>(compute: (text: string) => T, max = 1_000): (text: string) => T {
  const memo = new Map<string, T>();
  let lastText: string | undefined;
  let lastValue: T | undefined;
  return (text) => {
    if (text === lastText) return lastValue as T;
    let value = memo.get(text);
    if (value === undefined && !memo.has(text)) {
      value = compute(text);
      if (memo.size >= max) memo.clear();
      memo.set(ownCopy(text), value);
    }
    lastText = ownCopy(text);
    lastValue = value;
    return value as T;
  };
}
