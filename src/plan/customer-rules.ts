/**
 * Which existing customer an incoming one is, by the rules in order:
 * Syncro id named in the file, then exact normalized email, then the
 * matcher's confident match. Two plausible candidates are a conflict that
 * needs a decision, never a guess.
 */
import type { Customer } from '../model/customer.js';
import type { SyncroCustomer } from '../syncro/types.js';
import type { FuzzyLink } from './linker.js';
import type { Evidence } from './schema.js';
import { businessKey, customerLabel, emailKey } from './snapshot-index.js';
import type { SnapshotIndex } from './snapshot-index.js';

export type CustomerResolution =
  | { kind: 'existing'; target: SyncroCustomer; evidence: Evidence }
  | { kind: 'new'; evidence?: Evidence }
  | { kind: 'conflict'; reason: string; candidates: Array<{ id: number; label: string; score?: number; evidence?: Evidence }> };

export function resolveCustomer(customer: Customer, index: SnapshotIndex, fuzzy: FuzzyLink | undefined): CustomerResolution {
  if (customer.id !== undefined) {
    const target = index.customersById.get(customer.id);
    if (target) return { kind: 'existing', target, evidence: { rule: 'syncro-id', text: `Syncro id ${customer.id} named in the file` } };
    return { kind: 'conflict', reason: `the file names Syncro customer id ${customer.id}, which does not exist in the account`, candidates: [] };
  }
  const email = emailKey(customer.email);
  if (email) {
    const same = index.customersByEmail.get(email) ?? [];
    if (same.length === 1) return { kind: 'existing', target: same[0]!, evidence: { rule: 'email', text: `same email ${email}` } };
    if (same.length > 1) {
      return {
        kind: 'conflict',
        reason: `${same.length} existing customers share the email ${email}`,
        candidates: same.map((c) => ({ id: c.id, label: customerLabel(c), evidence: { rule: 'email', text: `same email ${email}` } })),
      };
    }
  }
  // The same business name (legal suffix, case and punctuation aside) is the same customer unless
  // both sides carry different emails; several with that name, or differing emails: a person decides.
  const business = businessKey(customer.business_name);
  if (business) {
    const same = index.customersByBusiness.get(business) ?? [];
    const evidence: Evidence = { rule: 'business-name', text: `same business name "${customer.business_name}"` };
    const candidates = same.map((c) => ({ id: c.id, label: customerLabel(c), evidence }));
    if (same.length === 1) {
      const target = same[0]!;
      const theirs = emailKey(target.email);
      if (!email || !theirs) return { kind: 'existing', target, evidence };
      return { kind: 'conflict', reason: `an existing customer has the same business name but the email ${theirs} (the file says ${email})`, candidates };
    }
    if (same.length > 1) return { kind: 'conflict', reason: `${same.length} existing customers have the business name "${customer.business_name}"`, candidates };
  }
  if (fuzzy && fuzzy.outcome !== 'none' && fuzzy.candidates.length > 0) {
    const best = fuzzy.candidates[0]!;
    const target = index.customersById.get(best.id);
    const candidates = fuzzy.candidates.map((c) => ({ id: c.id, label: customerLabel(index.customersById.get(c.id) ?? { id: c.id }), score: c.score, evidence: c.evidence }));
    if (fuzzy.outcome === 'match' && !fuzzy.ambiguous && target) return { kind: 'existing', target, evidence: best.evidence };
    return {
      kind: 'conflict',
      reason: fuzzy.ambiguous
        ? `${fuzzy.candidates.length} existing customers look about equally like this one`
        : `looks like an existing customer but not certainly (score ${best.score.toFixed(1)})`,
      candidates,
    };
  }
  return { kind: 'new' };
}
