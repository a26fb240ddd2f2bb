/**
 * The planner's fuzzy rule, backed by the matcher: links incoming customers
 * to the snapshot's customers and turns each link into candidates with
 * evidence whose weights sum to the score (prior and shared-context
 * correction included), so reports can show why.
 */
import type { Customer } from '../model/customer.js';
import { explanationText, findDuplicates, linkRecords, toMatchRecordFromCustomer } from '../match/index.js';
import type { Explanation, MatchOptions, ScoredPair } from '../match/index.js';
import type { SyncroCustomer } from '../syncro/types.js';
import type { CustomerLinker, FuzzyCandidate, InFileMatcher, InFileSuspect } from './linker.js';
import type { Evidence } from './schema.js';

export function evidenceOf(e: Explanation): Evidence {
  const fields = e.fields.filter((f) => f.level !== 'missing').map((f) => ({ field: f.field, level: f.level, weight: f.weight }));
  fields.unshift({ field: '(prior)', level: 'base rate', weight: e.prior });
  if (e.correlation !== 0) fields.push({ field: '(shared context)', level: 'correction', weight: e.correlation });
  return { rule: 'fuzzy', score: e.score, fields, text: explanationText(e) };
}

/** A Syncro record (nulls) as a canonical Customer (absent fields). */
export function customerFromSyncro(c: SyncroCustomer): Customer {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = v;
  return out as Customer;
}

/**
 * Acting on a fuzzy match must be safer than finding one: an import updates
 * an existing customer only at ≥ 5 (log2 odds, P ≈ 0.97); from 0 up it is a
 * conflict for a person to decide; below, a new customer.
 */
export const ACTION_THRESHOLDS = { match: 5, review: 0 } as const;

export function matcherLinker(options: MatchOptions = {}): CustomerLinker {
  return (incoming, existing) => {
    if (incoming.length === 0 || existing.length === 0) return incoming.map(() => ({ outcome: 'none', ambiguous: false, candidates: [] }));
    const inRecords = incoming.map((c, i) => toMatchRecordFromCustomer(c, `in:${i}`));
    const exRecords = existing.map((c) => toMatchRecordFromCustomer(customerFromSyncro(c), `syncro:${c.id}`));
    const { links } = linkRecords(inRecords, exRecords, { entity: 'customers', thresholds: ACTION_THRESHOLDS, ...options });
    const byKey = new Map(links.map((l) => [l.incoming, l]));
    return incoming.map((_, i) => {
      const link = byKey.get(`in:${i}`);
      if (!link || !link.best) return { outcome: 'none' as const, ambiguous: false, candidates: [] };
      const candidates = [link.best, link.runnerUp].filter((p): p is ScoredPair => Boolean(p) && p!.outcome !== 'none').map(candidateOf);
      return { outcome: link.outcome, ambiguous: link.ambiguous, candidates };
    });
  };
}

function candidateOf(pair: ScoredPair): FuzzyCandidate {
  const existingKey = pair.a.startsWith('syncro:') ? pair.a : pair.b;
  return { id: Number(existingKey.slice('syncro:'.length)), score: pair.score, evidence: evidenceOf(pair.explanation) };
}

/**
 * Customers the in-file check compares at most: its memory grows with them
 * (about 5 KB each on one thread), and an MSP's client list is far smaller.
 * Above, the check does not run and the plan says so (summary.likeness).
 */
export const IN_FILE_LIMIT = 25_000;

/**
 * The in-file check behind import: the records `dedupe` would list together
 * (its matcher and thresholds, customers' own fields) that exact evidence did
 * not make one. The planner holds the later of each such pair as a conflict:
 * created on a likeness alone, it could be a duplicate nobody was shown.
 * `floor`: the lowest score held (default the matcher's review threshold,
 * every pair `dedupe` lists, maybes included). One thread: two would hold a
 * copy of the records each and be no faster at this size.
 */
export function matcherInFile(options: MatchOptions & { floor?: number; limit?: number } = {}): InFileMatcher {
  const { floor, limit = IN_FILE_LIMIT, ...match } = options;
  return (incoming) => {
    if (incoming.length > limit) {
      return {
        suspects: [],
        skipped: `${incoming.length} customers is more than the ${limit} the in-file check compares; run syncro-etl dedupe on the file to find the alike ones`,
      };
    }
    if (incoming.length < 2) return { suspects: [] };
    const records = incoming.map((c, i) => toMatchRecordFromCustomer(c, String(i)));
    const { pairs } = findDuplicates(records, { entity: 'customers', threads: 1, ...match });
    const best = new Map<number, InFileSuspect>();
    for (const pair of pairs) {
      if (floor !== undefined && pair.score < floor) continue;
      const [x, y] = [Number(pair.a), Number(pair.b)];
      const [earlier, later] = x < y ? [x, y] : [y, x];
      const known = best.get(later);
      if (!known || pair.score > known.score)
        best.set(later, { later, earlier, score: pair.score, evidence: evidenceOf(pair.explanation) });
    }
    return { suspects: [...best.values()].sort((p, q) => p.later - q.later) };
  };
}
