/**
 * The planner's view of fuzzy matching: for each incoming customer, the best
 * existing candidates with scores and explanations. The matcher (src/match)
 * supplies it; the planner only applies the rules.
 */
import type { Customer } from '../model/customer.js';
import type { SyncroCustomer } from '../syncro/types.js';
import type { Evidence } from './schema.js';

export interface FuzzyCandidate {
  id: number;
  score: number;
  evidence: Evidence;
}

export interface FuzzyLink {
  /** match: confident; review: plausible but not sure; none: nothing close. */
  outcome: 'match' | 'review' | 'none';
  /** Two or more existing records are about as likely: never guess. */
  ambiguous: boolean;
  /** Best first. */
  candidates: FuzzyCandidate[];
}

export type CustomerLinker = (incoming: Customer[], existing: SyncroCustomer[]) => FuzzyLink[];

/** A linker that never finds anything (exact rules only). */
export const noFuzzyLinker: CustomerLinker = (incoming) => incoming.map(() => ({ outcome: 'none', ambiguous: false, candidates: [] }));

/**
 * An incoming customer that may be the same as an earlier one of the same
 * input (by their places in the list the planner hands over), with the
 * matcher's evidence. Exact evidence (id, email, business name) already made
 * them one; this is what is left: alike, not proven.
 */
export interface InFileSuspect {
  later: number;
  earlier: number;
  score: number;
  evidence: Evidence;
}

/** What the in-file check found: per incoming customer at most one suspect (the earlier customer it is most like), or why it did not run. */
export interface InFileCheck {
  suspects: InFileSuspect[];
  /** Set when the check did not run (too many customers to compare in bounded memory). */
  skipped?: string;
}

export type InFileMatcher = (incoming: Customer[]) => InFileCheck;
