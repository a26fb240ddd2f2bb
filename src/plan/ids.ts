/**
 * Deterministic operation ids: a short hash of what the operation is about
 * (its kind, source rows and target), so the same input and snapshot give the
 * same ids, and a journal keyed by id survives re-planning the same data.
 */
import * as crypto from 'node:crypto';
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
    let text = kind;
    for (const s of sources) text += `|${s.file}|${s.sheet ?? ''}|${s.row}`;
    const hex = sha256Hex(`${text}|${discriminator}`).slice(0, 10);
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

/**
 * The sha256 of `text` in hex. One-shot `crypto.hash` (Node 20.12+) where
 * there is one: a plan hashes one short text per operation, and a hash object
 * each cost about three times the hashing itself (1M rows: ~3 s).
 */
const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;
const sha256Hex: (text: string) => string = oneShot
  ? (text) => oneShot('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Each prefix's number, from 1 (an id's place above the hash in `OperationIds`' key). */
const PREFIX_NUMBER = new Map([...new Set([...Object.values(PREFIX), 'op'])].map((p, i) => [p, i + 1]));
