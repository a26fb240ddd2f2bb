/**
 * What undo expects to find on each record it touches: the latest image this
 * run left there (Syncro's answer to apply's last write, then to undo's own
 * restores), and which fields the run wrote. "Changed by someone else" means
 * a field the run wrote now holds another value — not a new `updated_at`:
 * Syncro's background jobs (geocoding, syncs) touch that without changing
 * anything we wrote (issue 13.5). A record the run created counts every
 * writable field as written, since deleting it loses all of them.
 */
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';
import type { JournalEntry } from './journal.js';

type Rec = Record<string, unknown>;

const WHOLE_RECORD: Record<string, readonly string[]> = { customers: CUSTOMER_FIELDS, contacts: CONTACT_FIELDS };

export class RecordImages {
  private readonly images = new Map<string, Rec>();
  private readonly written = new Map<string, Set<string>>();

  /** From the apply journal's finished writes, oldest first. */
  static fromApply(appliedAscending: JournalEntry[]): RecordImages {
    const out = new RecordImages();
    for (const e of appliedAscending) {
      if (!e.path) continue;
      const [resource, idText] = e.path.split('/');
      const id = idText ?? (e.resultId === undefined ? undefined : String(e.resultId));
      if (!resource || id === undefined) continue;
      const key = `${resource}/${id}`;
      if (e.method === 'POST') out.wrote(key, WHOLE_RECORD[resource] ?? Object.keys((e.body ?? {}) as Rec));
      else if (e.method === 'PUT') out.wrote(key, Object.keys((e.body ?? {}) as Rec));
      if (e.after && typeof e.after === 'object') out.images.set(key, e.after as Rec);
    }
    return out;
  }

  private wrote(key: string, fields: Iterable<string>): void {
    let set = this.written.get(key);
    if (!set) this.written.set(key, (set = new Set()));
    for (const f of fields) set.add(f);
  }

  /** Undo's own write left this on the record (its answer, or what a resumed attempt found). */
  leftBehind(key: string, image: unknown): void {
    if (image && typeof image === 'object') this.images.set(key, image as Rec);
  }

  /** The fields the run wrote whose value in `fresh` differs from what the run left; [] when none (or nothing is known). */
  changedFields(key: string, fresh: Rec): string[] {
    const image = this.images.get(key);
    if (!image) return [];
    return [...(this.written.get(key) ?? [])].filter((f) => f !== 'id' && !sameField(f, fresh, image));
  }
}

/** Does `record` hold `values` on every one of their fields (what a restore sent)? */
export function holdsValues(record: Rec, values: Rec): boolean {
  return Object.keys(values).every((f) => sameField(f, record, values));
}

function sameField(field: string, a: Rec, b: Rec): boolean {
  return canonical(read(a, field)) === canonical(read(b, field));
}

/** A contact's title lives in properties.title once written. */
function read(r: Rec, field: string): unknown {
  if (field !== 'title') return r[field];
  const props = r.properties;
  return (props && typeof props === 'object' ? (props as Rec).title : undefined) ?? r.title;
}

/** Null, missing and blank are one value; objects compare key by key, blank keys ignored, order ignored. */
function canonical(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return '';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) return JSON.stringify(v.map(canonical));
  if (typeof v === 'object') {
    const entries = Object.entries(v as Rec)
      .map(([k, x]) => [k, canonical(x)] as const)
      .filter(([, x]) => x !== '')
      .sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify(entries);
  }
  return String(v);
}
