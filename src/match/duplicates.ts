/**
 * Duplicates within one set of records (an import file, an audit of
 * Syncro): every blocked pair scored, the `match`/`review` ones kept with
 * explanations, and clusters formed from them.
 */
import { clusterRecords } from './cluster.js';
import type { Edge } from './cluster.js';
import { underOneCustomer } from './customer-evidence.js';
import type { CustomerVerdict } from './customer-evidence.js';
import { twoCustomersByDomain } from './customer-domains.js';
import { buildEngine } from './engine.js';
import type { Engine } from './engine.js';
import { probability } from './scoring.js';
import type { Prepared } from './prepare.js';
import type { Cluster, DuplicatesResult, MatchOptions, MatchRecord, ScoredPair } from './types.js';

export interface DuplicatesOptions extends MatchOptions {
  /** Which pairs form clusters: only `match` pairs (default) or `review` ones too. */
  clusterOn?: 'match' | 'review';
  /**
   * Keep records whose companies disagree (company level `far`) out of one
   * cluster: contacts of two customers. Their pairs that score a match stay
   * in `pairs` as `review` findings for a person (the same mailbox under two
   * customers); weaker ones (a namesake at another customer) are dropped.
   */
  apartAcrossCompanies?: boolean;
  /**
   * The customer each record (by key) is listed under, for contacts. Two
   * customers' contacts are never clustered (a pair scoring a match stays a
   * `review` finding); under one customer, the same full name with no
   * mailbox against it is one person, and mailboxes of its domain that spell
   * two surnames are two people (customer-evidence.ts), the rule named in
   * the pair's `decidedBy`.
   */
  customerOf?: ReadonlyMap<string, string>;
}

/** A kept pair as a ScoredPair with its explanation (levels re-derived from the records). */
export function scoredPair(engine: Engine, i: number, j: number, levels: Uint8Array): ScoredPair {
  const a = engine.left[i];
  const b = engine.right[j];
  if (!a || !b) throw new RangeError(`no record at ${i} / ${j}`);
  const explanation = engine.model.explain(a, b, levels);
  return {
    a: a.key,
    b: b.key,
    score: explanation.score,
    probability: probability(explanation.score),
    outcome: engine.model.outcome(explanation.score),
    explanation,
  };
}

/**
 * Find duplicate records within `records`.
 * @example const { clusters } = findDuplicates(rows.map((r, i) => ({ key: `file.csv:${i + 2}`, name: r.name, email: r.email })));
 */
export function findDuplicates(records: readonly MatchRecord[], options: DuplicatesOptions = {}): DuplicatesResult {
  const engine = buildEngine(records, undefined, options);
  const { model, stats } = engine;
  const kept: ScoredPair[] = [];
  const edges: Edge[] = [];
  const clusterFloor = options.clusterOn === 'review' ? model.thresholds.review : model.thresholds.match;
  const company = engine.fields.findIndex((f) => f.kind === 'company');
  const farCompany = company < 0 ? -1 : (engine.fields[company]?.levels.length ?? 0) - 1;
  const customerOf = options.customerOf;
  const customer = (i: number): string | undefined => customerOf?.get(engine.left[i]?.key ?? '');
  const apart = (i: number, j: number, levels: Uint8Array): boolean =>
    (options.apartAcrossCompanies === true && farCompany >= 0 && levels[company] === farCompany) ||
    (customerOf !== undefined && customer(i) !== customer(j));
  // What the customer says of a pair of its contacts (undefined: the score decides): one person is a match from
  // the review band up; two people are never a match, nor in one cluster. Customers: their mail's domains.
  const rule = (i: number, j: number, score: number, levels: Uint8Array): CustomerVerdict | undefined => {
    if (score < model.thresholds.review || apart(i, j, levels)) return undefined;
    const [a, b] = [engine.left[i] as Prepared, engine.right[j] as Prepared];
    if (customerOf === undefined) return options.entity === 'customers' ? twoCustomersByDomain(engine.fields, levels, a, b) : undefined;
    const v = underOneCustomer(engine.fields, levels, a, b);
    return v?.verdict === 'same' && score >= clusterFloor ? undefined : v;
  };
  const decide = (pair: ScoredPair, v: CustomerVerdict | undefined): ScoredPair => {
    if (v) Object.assign(pair, { outcome: v.verdict === 'same' ? 'match' : 'review', decidedBy: v.why });
    return pair;
  };
  engine.scoreAll((i, j, score, levels) => {
    if (score < model.thresholds.review) return;
    const held = apart(i, j, levels);
    if (held && score < clusterFloor) return; // two customers' contacts alike only in name: not even a maybe
    const v = rule(i, j, score, levels);
    const pair = decide(scoredPair(engine, i, j, levels), v);
    if (held) pair.outcome = 'review';
    kept.push(pair);
    if (!held && (v ? v.verdict === 'same' : score >= clusterFloor)) edges.push({ a: i, b: j, score: Math.max(score, clusterFloor) });
  });
  const t = performance.now();
  const keyOf = (i: number): string => engine.left[i]?.key ?? '';
  const levels = new Uint8Array(engine.fields.length);
  // A pair held apart scores for clustering as if it were just below the floor; two people under one customer contradict.
  const pairScore = (i: number, j: number): number => {
    const s = engine.scorePair(i, j, levels);
    if (apart(i, j, levels)) return Math.min(s, clusterFloor - 1e-6);
    const v = rule(i, j, s, levels);
    return v === undefined ? s : v.verdict === 'same' ? clusterFloor : Math.min(s, model.thresholds.review - 1e-6);
  };
  const clusters: Cluster[] = clusterRecords(engine.left.length, edges, pairScore, model.thresholds.review, clusterFloor).map((c, n) => {
    const scores: Record<string, number> = {};
    const links: Record<string, ScoredPair> = {};
    c.members.forEach((m, k) => {
      if (k === 0) return;
      const [i, j] = m < c.centre ? [m, c.centre] : [c.centre, m];
      engine.compare(i, j, levels);
      const pair = scoredPair(engine, i, j, levels);
      decide(pair, rule(i, j, pair.score, levels));
      scores[keyOf(m)] = pair.score;
      links[keyOf(m)] = pair;
    });
    return { id: `C${n + 1}`, centre: keyOf(c.centre), members: c.members.map(keyOf), scores, links };
  });
  kept.sort((x, y) => y.score - x.score);
  stats.ms.cluster = performance.now() - t;
  stats.ms.total = stats.ms.prepare + stats.ms.train + stats.ms.score + stats.ms.cluster;
  return { pairs: kept, clusters, model: model.params, stats };
}
