/**
 * Deterministic operation ids: a short hash of what the operation is about
 * (its kind, source rows and target), so the same input and snapshot give the
 * same ids, and a journal keyed by id survives re-planning the same data.
 */
import { createHash } from 'node:crypto';
import type { SourceRef } from '../model/source.js';
import { NumberSet } from './number-set.js';

const PREFIX: Record<string, string> = {
  'create-customer': 'cc',
  'update-customer': 'uc',
  'create-contact': 'ck',
  'update-contact': 'uk',
  'move-contact': 'mk',
  'delete-contact': 'dk',
  'merge-customers': 'mc',
  'merge-contacts': 'mn',
  skip: 'sk',
  conflict: 'cf',
  invalid: 'iv',
};

export class OperationIds {
  /** Ids handed out, as the number of their hash part; a hash met again gets "-2", "-3"… (`repeats` counts them). */
  private readonly used = new NumberSet();
  private readonly repeats = new Map<number, number>();

  next(kind: string, sources: SourceRef[], discriminator = ''): string {
    const h = createHash('sha256');
    h.update(kind);
    for (const s of sources) h.update(`|${s.file}|${s.sheet ?? ''}|${s.row}`);
    h.update(`|${discriminator}`);
    const hex = h.digest('hex').slice(0, 10);
    const prefix = PREFIX[kind] ?? 'op';
    // The hash part with the kind's prefix, as one number (40 bits of hash, the prefix's number above).
    const key = PREFIX_NUMBER.get(prefix)! * 2 ** 40 + parseInt(hex, 16);
    const base = `${prefix}-${hex}`;
    if (this.used.add(key)) return base;
    const n = (this.repeats.get(key) ?? 1) + 1;
    this.repeats.set(key, n);
    return `${base}-${n}`;
  }
}

/** Each prefix's number, from 1 (an id's place above the hash in `OperationIds`' key). */
const PREFIX_NUMBER = new Map([...new Set([...Object.values(PREFIX), 'op'])].map((p, i) => [p, i + 1]));
