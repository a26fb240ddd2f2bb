/**
 * Deterministic operation ids: a short hash of what the operation is about
 * (its kind, source rows and target), so the same input and snapshot give the
 * same ids, and a journal keyed by id survives re-planning the same data.
 */
import { createHash } from 'node:crypto';
import type { SourceRef } from '../model/source.js';

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
  private readonly used = new Set<string>();

  next(kind: string, sources: SourceRef[], discriminator = ''): string {
    const h = createHash('sha256');
    h.update(kind);
    for (const s of sources) h.update(`|${s.file}|${s.sheet ?? ''}|${s.row}`);
    h.update(`|${discriminator}`);
    const base = `${PREFIX[kind] ?? 'op'}-${h.digest('hex').slice(0, 10)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
