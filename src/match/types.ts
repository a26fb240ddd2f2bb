/**
 * Types of the fuzzy matcher: the flat record it compares, the options, and
 * the plain-data results (scored pairs with explanations, clusters, links).
 */

/**
 * A flat view of a customer or contact for matching. Values are raw cell
 * text; the matcher normalizes them itself. `extra` holds other identifying
 * fields (date of birth, an external id, a custom field): each key becomes a
 * compared field and a blocking key.
 */
export interface MatchRecord {
  /** Stable id, e.g. "file.csv:12" or "syncro:123". Must be unique within one call. */
  key: string;
  /** Full person name, used when firstname/lastname are absent. */
  name?: string;
  firstname?: string;
  lastname?: string;
  /** Business name (customers) or the employer (contacts). */
  company?: string;
  email?: string;
  phone?: string[];
  address?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  /**
   * Emails of the people listed under a customer (its contacts). Their
   * company domains, free mail aside, are the customer's too: two customers
   * whose domains have none in common are never a match (customer-domains.ts).
   */
  contactEmails?: string[];
  extra?: Record<string, string>;
}

export const OUTCOMES = ['match', 'review', 'none'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How one field compared in one pair, and what it added to the score. */
export interface FieldContribution {
  field: string;
  /** Agreement level label, best first: e.g. exact, close, partial, far; or missing (weight 0). */
  level: string;
  /** log2(m/u) for this level (term-frequency adjusted for exact values when `tf` is set). */
  weight: number;
  m: number;
  u: number;
  /** True when the weight was adjusted for how common the shared value is. */
  tf?: boolean;
}

/**
 * Why a pair scored what it did. `prior + Σ fields[i].weight + correlation
 * === score` exactly (summed in this order).
 */
export interface Explanation {
  /** log2 of the prior odds that two records match (estimated by EM over all pairs). */
  prior: number;
  fields: FieldContribution[];
  /**
   * Correction (≤ 0) for context fields (employer, domain, phone, address,
   * city, state, zip) that agree together: colleagues share them all, so
   * their agreement is one piece of evidence, not seven.
   */
  correlation: number;
  score: number;
}

/** A compared pair. `score` is log2 posterior odds; `probability` = 2^score / (1 + 2^score). */
export interface ScoredPair {
  a: string;
  b: string;
  score: number;
  probability: number;
  outcome: Outcome;
  explanation: Explanation;
  /** Evidence beyond the fields that decided the outcome (the score stays what the fields say): e.g. one person listed twice under one customer. */
  decidedBy?: string;
}

/** A group of records judged to be one entity; `centre` is its best-connected record. */
export interface Cluster {
  id: string;
  centre: string;
  /** Every member (centre first). */
  members: string[];
  /** Score of each non-centre member to the centre. */
  scores: Record<string, number>;
  /** Each non-centre member's pair with the centre, explanation included. */
  links: Record<string, ScoredPair>;
}

/** Per field and level: probability of that level among matches (m) and non-matches (u). */
export interface FieldParameters {
  levels: string[];
  m: number[];
  u: number[];
}

/** The scoring model: estimated by EM or given by the caller (e.g. from an earlier run). */
export interface ModelParameters {
  /** Share of compared (blocked) pairs that are matches. */
  lambda: number;
  fields: Record<string, FieldParameters>;
}

export interface Thresholds {
  /** Score (log2 odds) at or above which a pair is a match. */
  match: number;
  /** Score at or above which a pair needs review (below `match`). */
  review: number;
}

export interface BlockingOptions {
  /** Blocks larger than this are not compared all-to-all but by a sorted window (or skipped). Default 20. */
  maxBlockSize?: number;
  /** Neighbours on each side compared inside an oversized block. Default 4. */
  window?: number;
  /** `false` compares every pair (the naive baseline; only for small sets). */
  enabled?: boolean;
}

export interface MatchOptions {
  thresholds?: Partial<Thresholds>;
  /** Use these parameters instead of estimating them. Fields absent here are estimated. */
  model?: ModelParameters;
  blocking?: BlockingOptions;
  /** Adjust exact-agreement weights by how common the value is (rare names count more). Default true. */
  termFrequency?: boolean;
  /** Records whose candidates train EM; the rest are scored with the trained model. Default 20000. */
  trainingRecords?: number;
  /** Random pairs sampled to estimate u. Default 30000. */
  randomPairs?: number;
  /** Seed of every random choice, so runs are repeatable. Default 1. */
  seed?: number;
  /** Linking: runner-up within this many points of the best makes the link ambiguous. Default 2. */
  ambiguityMargin?: number;
  /** Fields to leave out of the comparison (e.g. ['extra.dob']). */
  ignoreFields?: string[];
  /**
   * What the records are. `contacts`: people, identified by names and
   * mailbox (the employer is context). `customers`: organisations, identified
   * by business name and mailbox where both records have one, else by the
   * person's names. `auto` (default): people when both records carry a name.
   */
  entity?: 'auto' | 'contacts' | 'customers';
  /**
   * Threads comparing pairs: 2 (the default, where the machine has two
   * cores) starts a worker thread that compares the records training does
   * not cover while the main thread trains; 1 keeps to one thread. Results
   * are the same either way. Runs of more than a million records (both
   * sides) stay on one thread: the worker holds a copy of the run.
   */
  threads?: number;
  /** Query records beyond the training sample from which a worker is started. Default 10 000. */
  parallelFrom?: number;
}

export interface MatchStats {
  records: number;
  existing?: number;
  /** Pairs compared while scoring (after blocking). */
  comparisons: number;
  /** Pairs compared to train EM (0 when the scoring pass was reused). */
  trainingComparisons: number;
  /** Distinct blocking keys in the index. */
  blocks: number;
  /** Keys whose block is too big to compare all-to-all and is compared through a sorted window. */
  oversizedBlocks: number;
  emIterations: number;
  /** Threads that compared pairs (2 when a worker took part). */
  threads: number;
  /** Why a worker started for the run was given up (its share was then compared on the main thread). */
  workerFailure?: string;
  ms: { prepare: number; train: number; score: number; cluster: number; total: number };
}

export interface DuplicatesResult {
  /** Pairs scored `match` or `review`, best first. */
  pairs: ScoredPair[];
  clusters: Cluster[];
  model: ModelParameters;
  stats: MatchStats;
}

export interface Link {
  incoming: string;
  best?: ScoredPair;
  runnerUp?: ScoredPair;
  /** The best pair's outcome ('none' when there is no candidate). */
  outcome: Outcome;
  /** True when a runner-up (at least `review`) is within `ambiguityMargin` of the best. */
  ambiguous: boolean;
}

export interface LinkResult {
  links: Link[];
  model: ModelParameters;
  stats: MatchStats;
}
