/**
 * Which existing customer an incoming one is, by the rules in order:
 * Syncro id named in the file, then exact normalized email, then the same
 * business name with nothing beside it against (company-evidence.ts), then
 * the matcher's confident match (never one the evidence rules out). Two
 * plausible candidates, or mixed evidence, are a conflict that needs a
 * decision, never a guess.
 */
import type { Customer } from '../model/customer.js';
import type { SyncroCustomer } from '../syncro/types.js';
import { compareProfiles, comparisonText, profileOf } from './company-evidence.js';
import type { CompanyProfile, FoldComparison, FoldVerdict } from './company-evidence.js';
import type { FuzzyLink } from './linker.js';
import type { Evidence } from './schema.js';
import { businessKey, customerLabel, emailKey } from './snapshot-index.js';
import type { SnapshotIndex } from './snapshot-index.js';

export type CustomerResolution =
  | { kind: 'existing'; target: SyncroCustomer; evidence: Evidence }
  | { kind: 'new'; evidence?: Evidence }
  | { kind: 'conflict'; reason: string; candidates: Array<{ id: number; label: string; score?: number; evidence?: Evidence }> };

/** `contactEmails`: the emails of the incoming customer's contacts (their company domains are evidence). */
export function resolveCustomer(
  customer: Customer,
  index: SnapshotIndex,
  fuzzy: FuzzyLink | undefined,
  contactEmails: readonly unknown[] = [],
): CustomerResolution {
  if (customer.id !== undefined) {
    const target = index.customersById.get(customer.id);
    if (target) return { kind: 'existing', target, evidence: { rule: 'syncro-id', text: `Syncro id ${customer.id} named in the file` } };
    // The id is gone (merged by an audit since the export, or mistyped): still a decision, never a guess,
    // but with the customers the other rules find offered, so the choice is not only skip or a duplicate.
    const rest: Customer = { ...customer };
    delete rest.id;
    const other = resolveCustomer(rest, index, fuzzy, contactEmails);
    const candidates =
      other.kind === 'existing'
        ? [{ id: other.target.id, label: customerLabel(other.target), evidence: other.evidence }]
        : other.kind === 'conflict'
          ? other.candidates
          : [];
    const like = candidates.length ? `; it looks like ${candidates.map((c) => `#${c.id} ${c.label}`).join(', ')}` : '';
    return {
      kind: 'conflict',
      reason: `the file names Syncro customer id ${customer.id}, which does not exist in the account${like}`,
      candidates,
    };
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
  // The same business name (legal suffix, case and punctuation aside) is the same customer only when
  // nothing beside the name says otherwise (company-evidence.ts): a branch or namesake elsewhere is not.
  // What the incoming customer says beside its name, worked out only when some existing customer is
  // weighed against it (into an account that has none of its names, most never are).
  let profile: CompanyProfile | undefined;
  const mine = (): CompanyProfile => (profile ??= profileOf(customer, contactEmails));
  let apart: Evidence | undefined;
  const business = index.customersByBusiness.size ? businessKey(customer.business_name) : undefined;
  if (business) {
    const judged = (index.customersByBusiness.get(business) ?? []).map((c) => ({
      c,
      cmp: compareProfiles(syncroProfile(c, index), mine()),
    }));
    const evidence = (cmp: FoldComparison): Evidence => ({
      rule: 'business-name',
      text: `same business name "${customer.business_name}"; ${comparisonText(cmp)}`,
    });
    const fits = judged.filter((j) => j.cmp.verdict === 'same');
    const unsure = judged.filter((j) => j.cmp.verdict === 'mixed');
    const candidates = [...fits, ...unsure].map((j) => ({ id: j.c.id, label: customerLabel(j.c), evidence: evidence(j.cmp) }));
    if (fits.length === 1 && unsure.length === 0) {
      const target = fits[0]!.c;
      const theirs = emailKey(target.email);
      if (!email || !theirs) return { kind: 'existing', target, evidence: evidence(fits[0]!.cmp) };
      return {
        kind: 'conflict',
        reason: `an existing customer has the same business name but the email ${theirs} (the file says ${email})`,
        candidates,
      };
    }
    if (fits.length > 1)
      return {
        kind: 'conflict',
        reason: `${fits.length} existing customers have the business name "${customer.business_name}"`,
        candidates,
      };
    if (unsure.length > 0)
      return {
        kind: 'conflict',
        reason: `an existing customer has the business name "${customer.business_name}", but ${comparisonText(unsure[0]!.cmp)}`,
        candidates,
      };
    if (judged.length > 0) {
      const which = judged.map((j) => `#${j.c.id} ${customerLabel(j.c)} (${comparisonText(j.cmp)})`).join('; ');
      apart = { rule: 'business-name', text: `not the existing customer of the same name: ${which}` };
    }
  }
  if (fuzzy && fuzzy.outcome !== 'none' && fuzzy.candidates.length > 0) {
    // A candidate the evidence beside the name rules out (another state, phone and address, email domain) is none.
    const verdicts = new Map(fuzzy.candidates.map((c) => [c.id, verdictFor(index.customersById.get(c.id), index, mine())]));
    const kept = fuzzy.candidates.filter((c) => verdicts.get(c.id) !== 'apart');
    if (kept.length === 0)
      return {
        kind: 'new',
        evidence: apart ?? {
          rule: 'fuzzy',
          text: `looked like #${fuzzy.candidates[0]!.id}, but ${fuzzyApartText(fuzzy.candidates[0]!.id, index, mine())}`,
        },
      };
    const best = kept[0]!;
    const target = index.customersById.get(best.id);
    const candidates = kept.map((c) => ({
      id: c.id,
      label: customerLabel(index.customersById.get(c.id) ?? { id: c.id }),
      score: c.score,
      evidence: c.evidence,
    }));
    const sure = kept[0] === fuzzy.candidates[0]; // the matcher's own best was not ruled out
    if (fuzzy.outcome === 'match' && !fuzzy.ambiguous && sure && target && verdicts.get(best.id) === 'same')
      return { kind: 'existing', target, evidence: best.evidence };
    return {
      kind: 'conflict',
      reason: fuzzy.ambiguous
        ? `${fuzzy.candidates.length} existing customers look about equally like this one`
        : verdicts.get(best.id) === 'mixed'
          ? `looks like an existing customer (score ${best.score.toFixed(1)}), but ${fuzzyApartText(best.id, index, mine())}`
          : `looks like an existing customer but not certainly (score ${best.score.toFixed(1)})`,
      candidates,
    };
  }
  return apart ? { kind: 'new', evidence: apart } : { kind: 'new' };
}

/** What a Syncro customer says beside its name: its fields and its contacts' email domains. */
function syncroProfile(c: SyncroCustomer, index: SnapshotIndex): CompanyProfile {
  return profileOf(
    c,
    (index.contactsByCustomer.get(c.id) ?? []).map((k) => k.email),
  );
}

function verdictFor(c: SyncroCustomer | undefined, index: SnapshotIndex, mine: CompanyProfile): FoldVerdict {
  return c ? compareProfiles(syncroProfile(c, index), mine).verdict : 'same';
}

function fuzzyApartText(id: number, index: SnapshotIndex, mine: CompanyProfile): string {
  const c = index.customersById.get(id);
  return c ? comparisonText(compareProfiles(syncroProfile(c, index), mine)) : 'it is gone';
}
