/**
 * Which input records are one customer (issue 12): the same Syncro id, the
 * same email, or the same business name when nothing beside the name says
 * otherwise (company-evidence.ts); and names written differently ("Faivriew
 * Chiropractic", "Design, Copper Company") when they are near and the same
 * phone or email domain and address agree. Same-name records whose evidence
 * is mixed, or that fit two groups, become one group marked with a doubt:
 * the planner makes it a conflict for a person, never a silent fold.
 */
import { distance } from 'fastest-levenshtein';
import type { CustomerRecord, FoldNote } from '../model/records.js';
import { companyMatchKey } from '../normalize/index.js';
import { compareProfiles, comparisonText, mergeProfile, placeAmong, profileOf } from './company-evidence.js';
import type { CompanyProfile } from './company-evidence.js';
import { recordList } from './record-list.js';
import type { RecordList } from './record-list.js';
import type { SmallSet } from './small-set.js';
import { emailKey } from './snapshot-index.js';

export interface InFileGroup {
  /** The records' numbers in the list, first-seen first. */
  members: number[];
  /** Why records beyond the first joined (their rows), for the plan. */
  folds: FoldNote[];
  /** Set when the evidence does not settle it: a person decides. */
  doubt?: string;
}

/** Short forms people write for the same word. */
const WORD: Record<string, string> = {
  svcs: 'services',
  svc: 'services',
  intl: 'international',
  assoc: 'associates',
  assn: 'association',
  mfg: 'manufacturing',
  grp: 'group',
  bros: 'brothers',
  ctr: 'center',
  centre: 'center',
  co: '',
  company: '',
  corporation: '',
  corp: '',
};
const nameWords = (name: string): string[] =>
  companyMatchKey(name)
    .split(' ')
    .map((w) => WORD[w] ?? w)
    .filter(Boolean);

/**
 * How near two names are: 'words' when they have the same words (order,
 * case, punctuation, legal forms and the usual short forms aside), 'typo'
 * when they are a typo or two apart (names of 8 characters or more with the
 * same digits: up to 2 edits under 16 characters, 3 from there), else undefined.
 */
export function nameKinship(a: string, b: string): 'words' | 'typo' | undefined {
  return kinship(nameForms(a), nameForms(b));
}

/** What `nameKinship` compares of a name, worked out once per name. */
interface NameForms {
  /** The words in order, and sorted, joined by a space. */
  joined: string;
  sorted: string;
  digits: string;
}

function nameForms(name: string): NameForms | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const joined = words.join(' ');
  return { joined, sorted: [...words].sort().join(' '), digits: joined.replace(/\D/g, '') };
}

function kinship(x: NameForms | undefined, y: NameForms | undefined): 'words' | 'typo' | undefined {
  if (!x || !y) return undefined;
  if (x.sorted === y.sorted) return 'words';
  const { joined: jx, sorted: sx } = x;
  const { joined: jy, sorted: sy } = y;
  // "Old 1" / "Old 10", "Unit 4" / "Unit 5": numbers name different things, and short names are too near by chance.
  if (x.digits !== y.digits || Math.min(jx.length, jy.length) < 8) return undefined;
  const edits = Math.min(editDistance(jx, jy), editDistance(sx, sy));
  const longer = Math.max(jx.length, jy.length);
  return edits <= (longer < 8 ? 1 : longer < 16 ? 2 : 3) ? 'typo' : undefined;
}

/** Edits between two texts, a swap of two neighbouring letters counting as one (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return distance(a, b);
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = (rows[i] = [i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) row[j] = j;
      else {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
        row[j] = v;
      }
    }
  }
  return rows[a.length]![b.length]!;
}

const MAX_BLOCK = 50;

/**
 * `between`: called after each pass over the records (the import dry run
 * collects garbage there: on a million rows each pass leaves ~100 MB).
 */
export function groupInFileDuplicates(list: RecordList | readonly CustomerRecord[], between: () => void = () => {}): InFileGroup[] {
  const records = 'customerAt' in list ? list : recordList(list);
  const n = records.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // A record's profile is worked out when first needed and kept from then on (a group's grows as records
  // join it); a million-row file holds few of them at once instead of one per record.
  const ownProfile = (i: number): CompanyProfile => profileOf(records.customerAt(i), records.contactEmailsAt(i));
  const groupProfile = new Map<number, CompanyProfile>();
  const profileAt = (i: number): CompanyProfile => {
    let p = groupProfile.get(i);
    if (!p) groupProfile.set(i, (p = ownProfile(i)));
    return p;
  };
  const evidence = new Map<number, string>(); // record -> why it joined
  const doubts = new Map<number, string>(); // root -> why a person should decide
  const union = (i: number, j: number, why: string): void => {
    const [ri, rj] = [find(i), find(j)];
    if (ri === rj) return;
    const [keep, gone] = ri < rj ? [ri, rj] : [rj, ri];
    parent[gone] = keep;
    const p = profileAt(keep);
    mergeProfile(p, profileAt(gone));
    const d = doubts.get(gone);
    if (d !== undefined) doubts.set(keep, doubts.get(keep) ?? d);
    if (!evidence.has(Math.max(i, j))) evidence.set(Math.max(i, j), why);
  };

  // Exact keys: the same Syncro id, the same email.
  const firstByKey = new Map<string, number>();
  const names: string[] = []; // per record, its business name ('' for none), read once
  for (let i = 0; i < n; i++) {
    const customer = records.customerAt(i);
    names.push(customer.business_name ?? '');
    const keys: Array<[string, string]> = [];
    if (customer.id) keys.push([`id:${customer.id}`, `same Syncro id ${customer.id}`]);
    const email = emailKey(customer.email);
    if (email) keys.push([`email:${email}`, `same email ${email}`]);
    for (const [key, why] of keys) {
      const j = firstByKey.get(key);
      if (j === undefined) firstByKey.set(key, i);
      else union(j, i, why);
    }
  }

  between();

  // The same business name: placed among that name's groups by the evidence beside it.
  const byName = new Map<string, number | number[]>(); // name key -> its records (one as a number: most names are met once)
  for (let i = 0; i < n; i++) {
    const name = names[i]!;
    const key = name.trim() ? companyMatchKey(name) : '';
    if (!key) continue;
    const seen = byName.get(key);
    const roots = seen === undefined ? [] : [...new Set((typeof seen === 'number' ? [seen] : seen).map(find))].filter((x) => x !== find(i));
    if (roots.length === 0) {
      byName.set(key, i); // what was seen of the name (if anything) is in i's group now
      continue;
    }
    const at = placeAmong(
      roots.map((x) => profileAt(x)),
      profileAt(find(i)),
    );
    if (at.join >= 0) union(roots[at.join]!, i, `same name; ${at.text}`);
    else if ('doubt' in at && at.doubt) {
      for (const k of at.doubt.with) union(roots[k]!, i, `same name, but ${at.text}`);
      doubts.set(find(i), `the same name, but ${at.text}`);
    }
    if (typeof seen === 'number') byName.set(key, [seen, i]);
    else seen!.push(i);
  }

  between();

  // The same company written another way: near names, the same phone, street address or company email domain, nothing against.
  // A block's one member as a number, an array from the second on: most keys (a customer's own domain) stay alone.
  const blocks = new Map<string, number | number[]>();
  const addTo = (key: string, i: number): void => {
    const b = blocks.get(key);
    if (b === undefined) blocks.set(key, i);
    else if (typeof b === 'number') blocks.set(key, [b, i]);
    else b.push(i);
  };
  for (let i = 0; i < n; i++) {
    if (!names[i]!.trim()) continue;
    // The profile held for the record when it has one (a group's, grown by what joined it), else its own for a moment.
    const p = groupProfile.get(i) ?? ownProfile(i);
    for (const ph of p.phones) addTo(`p:${ph}`, i);
    for (const d of p.domains) addTo(`d:${d}`, i);
    for (const a of p.addresses) addTo(`a:${a}`, i);
  }
  for (const members of blocks.values()) {
    if (typeof members === 'number' || members.length > MAX_BLOCK) continue;
    // A name's forms, once per member of the block (a block of n records compares n(n-1)/2 pairs; kept per block
    // only: a record is in a block or three, and a million-row file held a quarter of a million forms at once).
    const forms = members.map((m) => nameForms(names[m]!));
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const [i, j] = [members[a]!, members[b]!];
        if (find(i) === find(j) || doubts.has(find(i)) || doubts.has(find(j))) continue;
        const [ni, nj] = [names[i]!, names[j]!];
        const kin = kinship(forms[a], forms[b]);
        if (!kin) continue;
        const gi = profileAt(find(i));
        const gj = profileAt(find(j));
        const c = compareProfiles(gi, gj);
        if (c.verdict !== 'same') continue;
        // Nothing against, and ties: the same words need one of phone, street address, company email domain;
        // a typo needs two, or one and the same city.
        const ties = [
          c.agree.some((x) => x.startsWith('same phone')),
          c.agree.some((x) => x.startsWith('same address')),
          shares(gi.domains, gj.domains),
        ].filter(Boolean).length;
        if (ties >= 2 || (ties === 1 && (kin === 'words' || shares(gi.cities, gj.cities))))
          union(i, j, `"${nj}" is "${ni}" written another way; ${comparisonText(c)}`);
      }
    }
  }

  between();

  const groups = new Map<number, InFileGroup>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (!g) {
      const doubt = doubts.get(root);
      groups.set(root, { members: [i], folds: [], ...(doubt ? { doubt } : {}) });
      continue;
    }
    g.members.push(i);
    g.folds.push({ evidence: evidence.get(i) ?? g.doubt ?? 'same customer', sources: records.sourcesAt(i) });
  }
  return [...groups.values()];
}

const shares = (a: SmallSet, b: SmallSet): boolean => [...a].some((v) => b.has(v));
