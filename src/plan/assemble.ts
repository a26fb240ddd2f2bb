/**
 * Assembles an import plan: pure and deterministic. Reads nothing, writes
 * nothing: records, row issues and a snapshot in; a Plan out, or its
 * operations one at a time (`importOperations`) for a caller that writes them
 * out as they come and never holds the whole plan.
 */
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';
import type { ContactRecord, CustomerRecord } from '../model/records.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import type { Snapshot } from '../syncro/snapshot.js';
import { snapshotDigest } from '../syncro/snapshot.js';
import { nameKey, resolveContact } from './contact-rules.js';
import type { ContactResolution } from './contact-rules.js';
import { resolveCustomer } from './customer-rules.js';
import { diffFields } from './diff.js';
import { isBlank } from './equivalence.js';
import { OperationIds } from './ids.js';
import { dedupeContacts, groupInFileDuplicates, mergeCustomerRecords } from './in-file.js';
import type { InFileGroup } from './in-file.js';
import type { CustomerLinker, InFileMatcher, InFileSuspect } from './linker.js';
import { noFuzzyLinker } from './linker.js';
import type { PlanOptions } from './options.js';
import { recordList } from './record-list.js';
import type { ContactStore, RecordList } from './record-list.js';
import { PLAN_KIND, PLAN_VERSION } from './schema.js';
import type { CustomerRef, Evidence, Folded, ImportPlan, Operation, OperationOf, Plan, PlanWithout } from './schema.js';
import { beforeImage, contactLabel, contactView, customerLabel, emailKey, SnapshotIndex } from './snapshot-index.js';
import { summarize } from './summary.js';

export interface ImportPlanInput {
  /** In memory, or kept as text by the reader (ingest/record-shelf.ts). */
  records: CustomerRecord[] | RecordList;
  issues: RowIssue[];
  snapshot: Snapshot;
  inputs: Plan['inputs'];
  template?: Plan['template'];
  target: Plan['target'];
  options: PlanOptions;
  linker?: CustomerLinker;
  /** Customers of the input alike but not proven one (the matcher): the later of each is held as a conflict, never created on its own. */
  inFile?: InFileMatcher;
  /** Where the contacts of records whose reader kept them on disk are (CustomerRecord.spilled). */
  contactStore?: ContactStore;
}

const CUSTOMER_WRITABLE = CUSTOMER_FIELDS;
const CONTACT_WRITABLE = CONTACT_FIELDS.filter((f) => f !== 'customer_id');

/** A customer to plan: the numbers of the records it is made of, and their merge when several. */
interface Pending {
  /** Its place among the in-file groups (the customers the planner makes of the input). */
  group: number;
  members: number[];
  /** Several records merged (their values; the contacts are taken when planned). */
  record?: CustomerRecord;
}

/** Everything of the plan but its operations and their summary. */
export type PlanHead = PlanWithout<'operations' | 'summary'>;

export function assembleImportPlan(input: ImportPlanInput): Plan {
  const index = new SnapshotIndex(input.snapshot);
  let likeness: Likeness | undefined;
  const operations = [...importOperations(input, index, { onLikeness: (l) => (likeness = l) })];
  const summary = summarize(operations, input.options.rateLimit, index);
  return { ...importPlanHead(input), summary: likeness ? { ...summary, likeness } : summary, operations };
}

/** The plan's head: what it was planned from and with. */
export function importPlanHead(input: Omit<ImportPlanInput, 'records' | 'issues' | 'linker'>): Omit<ImportPlan, 'operations' | 'summary'> {
  return {
    kind: PLAN_KIND,
    version: PLAN_VERSION,
    command: 'import',
    target: input.target,
    inputs: input.inputs,
    ...(input.template ? { template: input.template } : {}),
    options: { ...input.options },
    snapshot: {
      sha256: snapshotDigest(input.snapshot),
      customers: input.snapshot.customers.length,
      contacts: input.snapshot.contacts.length,
      ...(input.snapshot.vendorContacts ? { vendorContacts: input.snapshot.vendorContacts } : {}),
    },
  };
}

export interface OperationsOptions {
  /**
   * The caller hands the records over: `input.records` is emptied (in place)
   * once they are grouped, and each record is let go once its operations are
   * out, so what planning holds shrinks as it goes.
   */
  handOver?: boolean;
  /** Called between the passes of in-file folding over the records (the import dry run collects garbage there). */
  betweenPasses?: () => void;
  /** Told, once the customers are planned, what the in-file check compared and held (for the summary). */
  onLikeness?: (likeness: Likeness) => void;
}

export type Likeness = NonNullable<Plan['summary']['likeness']>;

/**
 * The plan's operations in plan order, one at a time (the same as
 * `assembleImportPlan(input).operations`); count the summary with a
 * `SummaryCounter` on the way.
 */
export function* importOperations(
  input: ImportPlanInput,
  index = new SnapshotIndex(input.snapshot),
  how: OperationsOptions = {},
): Generator<Operation> {
  const ids = new OperationIds();
  const { options } = input;

  const list = Array.isArray(input.records) ? recordList(input.records) : input.records;
  const groups = groupInFileDuplicates(list, how.betweenPasses);
  const store = input.contactStore;
  const shared = sharedAcrossCustomers(groups, list, store ? store.sharedEmails() : contactEmailOwners(list));
  if (how.handOver && Array.isArray(input.records)) input.records.length = 0;
  // A record's contacts, taken back from disk when the reader spilled them.
  const contactsOf = (r: CustomerRecord): ContactRecord[] => (r.spilled && store ? store.take(r.spilled.owner) : r.contacts);
  const partsOf = (members: number[]): CustomerRecord[] => members.map((i) => list.at(i));
  // The customer to plan with its contacts (of every record it was made of, deduplicated); its records are let go.
  const withContacts = ({ members, record }: Pending, parts = partsOf(members)): CustomerRecord => {
    const whole = {
      ...(record ?? parts[0]!),
      contacts: dedupeContacts(parts.length === 1 ? contactsOf(parts[0]!) : parts.flatMap(contactsOf)),
    };
    for (const i of members) list.release(i);
    return whole;
  };
  // Each customer to plan: its records' numbers, and the merged record when several (contacts not yet taken).
  const merged: Array<Pending | undefined> = [];
  // splice: the groups are let go with the loop (this generator keeps `groups` to its end).
  let group = -1;
  for (const { members, folds, doubt } of groups.splice(0)) {
    group++;
    // Records the evidence does not settle (same name, mixed evidence) are a decision, whatever the option.
    if (members.length > 1 && (doubt || options.inFileDuplicates === 'conflict')) {
      const parts = partsOf(members);
      const record = withContacts({ group, members, record: mergeCustomerRecords(parts, folds) }, parts);
      const reason = doubt
        ? `${members.length} records in the input have ${doubt}; decide whether they are one customer`
        : `${members.length} records in the input look like the same customer (same id, email or business name); decide which to keep`;
      yield customerConflict(
        ids.next('conflict', record.sources, 'in-file'),
        record,
        `Customer ${customerLabel(record.customer)}`,
        reason,
        [],
      );
      continue;
    }
    merged.push(members.length > 1 ? { group, members, record: mergeCustomerRecords(partsOf(members), folds) } : { group, members });
  }

  // Fuzzy links and the in-file check need every incoming customer at once; with no customer in Syncro there is nothing to link to.
  const linking = input.snapshot.customers.length > 0;
  const incoming = linking || input.inFile ? merged.map((m) => m!.record?.customer ?? list.customerAt(m!.members[0]!)) : [];
  const fuzzy = linking ? (input.linker ?? noFuzzyLinker)(incoming, input.snapshot.customers) : [];
  const alike = new Map<number, InFileSuspect>(); // later customer -> the earlier one it is like
  const check = input.inFile?.(incoming);
  for (const s of check?.suspects ?? []) alike.set(s.later, s);
  let held = 0;
  incoming.length = 0;
  const resembled = new Set([...alike.values()].map((s) => s.earlier));
  const plannedAs = new Map<number, PlannedCustomer>(); // an earlier customer another is like -> how it was planned
  const remember = (i: number, label: string, record: CustomerRecord, op: string, targetId?: number): void => {
    if (resembled.has(i)) plannedAs.set(i, { label, sources: record.sources, op, ...(targetId === undefined ? {} : { targetId }) });
  };
  const claimed = new Map<number, string>(); // existing customer id -> op that already updates it

  for (let i = 0; i < merged.length; i++) {
    const planning = merged[i]!;
    const record = withContacts(planning);
    merged[i] = undefined; // planned below: let it go once its operations are out
    const label = `Customer ${customerLabel(record.customer)}`;
    const resolution = resolveCustomer(
      record.customer,
      index,
      fuzzy[i],
      record.contacts.map((c) => c.contact.email),
    );
    const like = alike.get(i);
    const resembles = like && plannedAs.get(like.earlier);
    if (resolution.kind === 'new' && like && resembles) {
      const id = ids.next('conflict', record.sources, 'alike');
      remember(i, label, record, id);
      held++;
      const offered =
        resembles.targetId === undefined
          ? []
          : [{ id: resembles.targetId, label: resembles.label, score: like.score, evidence: like.evidence }];
      yield customerConflict(id, record, label, alikeReason(like, resembles), offered, alikeOf(resembles, like.evidence));
      continue;
    }
    if (resolution.kind === 'conflict') {
      const id = ids.next('conflict', record.sources);
      remember(i, label, record, id);
      yield customerConflict(id, record, label, resolution.reason, resolution.candidates);
      continue;
    }
    if (resolution.kind === 'new') {
      const id = ids.next('create-customer', record.sources);
      remember(i, label, record, id);
      const evidence = resolution.evidence ? { evidence: resolution.evidence } : {};
      yield {
        kind: 'create-customer',
        id,
        sources: record.sources,
        dependsOn: [],
        label,
        payload: createPayload(record.customer, CUSTOMER_WRITABLE),
        ...evidence,
        ...foldedOf(record),
      };
      yield* planContacts(record.contacts, { op: id }, undefined, record, [id], planning.group);
      continue;
    }
    const target = resolution.target;
    const earlier = claimed.get(target.id);
    if (earlier) {
      const id = ids.next('conflict', record.sources, String(target.id));
      remember(i, label, record, id);
      const reason = `matches existing customer #${target.id}, which operation ${earlier} already updates from other rows`;
      yield customerConflict(id, record, label, reason, [{ id: target.id, label: customerLabel(target), evidence: resolution.evidence }]);
      continue;
    }
    const diff = diffFields(
      CUSTOMER_WRITABLE,
      record.customer as Record<string, unknown>,
      target as unknown as Record<string, unknown>,
      options,
    );
    const targetLabel = `Customer ${customerLabel(target)} (#${target.id})`;
    if (diff.changes.length === 0) {
      const id = ids.next('skip', record.sources, String(target.id));
      remember(i, targetLabel, record, id, target.id);
      claimed.set(target.id, id);
      yield {
        kind: 'skip',
        id,
        sources: record.sources,
        dependsOn: [],
        label: targetLabel,
        entity: 'customer',
        targetId: target.id,
        reason: reasonForNoChange(diff.held.length, resolution.evidence.text),
        ...foldedOf(record),
      };
    } else {
      const id = ids.next('update-customer', record.sources, String(target.id));
      remember(i, targetLabel, record, id, target.id);
      claimed.set(target.id, id);
      yield {
        kind: 'update-customer',
        id,
        sources: record.sources,
        dependsOn: [],
        label: targetLabel,
        targetId: target.id,
        before: beforeImage(target, CUSTOMER_WRITABLE),
        payload: diff.payload,
        changes: diff.changes,
        held: diff.held,
        evidence: resolution.evidence,
        ...foldedOf(record),
      };
    }
    yield* planContacts(record.contacts, { id: target.id }, target.id, record, [], planning.group);
  }

  if (check) how.onLikeness?.({ customers: merged.length, held, ...(check.skipped ? { skipped: check.skipped } : {}) });

  for (const [, rowIssues] of groupIssuesByRow(input.issues)) {
    const sources = [rowIssues[0]!.source];
    yield {
      kind: 'invalid',
      id: ids.next('invalid', sources),
      sources,
      dependsOn: [],
      label: `Row ${sources[0]!.row} of ${sources[0]!.file}`,
      issues: rowIssues,
    };
  }

  function* planContacts(
    contacts: ContactRecord[],
    customer: CustomerRef,
    customerId: number | undefined,
    parent: CustomerRecord,
    dependsOn: string[],
    group: number,
  ): Generator<Operation> {
    const owner = customerLabel(parent.customer);
    const touched = new Set<number>();
    // Contacts created under this customer by name: the same name with another email is held (one person, two addresses?).
    const created = new Map<string, Planned & { email: string }>();
    for (const c of contacts) {
      const label = `Contact ${contactLabel(c.contact)} (${owner})`;
      const resolution = sharedWith(shared, c.contact.email, group) ?? resolveContact(c.contact, customerId, index);
      if (resolution.kind === 'new') {
        const name = nameKey(c.contact.name);
        const namesake = name ? created.get(name) : undefined;
        const email = emailKey(c.contact.email) ?? '';
        if (namesake && email && namesake.email && email !== namesake.email) {
          const text = `same name under this customer, another email (${namesake.email} / ${email})`;
          yield {
            kind: 'conflict',
            id: ids.next('conflict', c.sources, 'namesake'),
            sources: c.sources,
            dependsOn,
            label,
            entity: 'contact',
            reason: `may be the same person as ${plannedText(namesake)}: ${text}; create it if they are two people, skip it if one (and add the address to that contact by hand)`,
            payload: createPayload(c.contact, CONTACT_WRITABLE),
            contacts: [],
            customer,
            candidates: [],
            alike: alikeOf(namesake, { rule: 'in-file-duplicate', text }),
          };
          continue;
        }
        const id = ids.next('create-contact', c.sources);
        if (name && !created.has(name)) created.set(name, { label, sources: c.sources, op: id, email });
        yield {
          kind: 'create-contact',
          id,
          sources: c.sources,
          dependsOn,
          label,
          customer,
          payload: createPayload(c.contact, CONTACT_WRITABLE),
        };
        continue;
      }
      if (resolution.kind === 'conflict' || touched.has(resolution.target.id)) {
        const reason =
          resolution.kind === 'conflict' ? resolution.reason : `another row of the input already updates contact #${resolution.target.id}`;
        const candidates =
          resolution.kind === 'conflict' ? resolution.candidates : [{ id: resolution.target.id, label: contactLabel(resolution.target) }];
        yield {
          kind: 'conflict',
          id: ids.next('conflict', c.sources, 'contact'),
          sources: c.sources,
          dependsOn,
          label,
          entity: 'contact',
          reason,
          payload: createPayload(c.contact, CONTACT_WRITABLE),
          contacts: [],
          customer,
          candidates,
        };
        continue;
      }
      const target = resolution.target;
      touched.add(target.id);
      const diff = diffFields(CONTACT_WRITABLE, c.contact as Record<string, unknown>, contactView(target), options);
      const before = { ...beforeImage(target, CONTACT_WRITABLE), title: contactView(target).title };
      if (resolution.kind === 'move') {
        yield {
          kind: 'move-contact',
          id: ids.next('move-contact', c.sources, String(target.id)),
          sources: c.sources,
          dependsOn,
          label,
          targetId: target.id,
          before,
          toCustomer: customer,
          payload: diff.payload,
          changes: diff.changes,
        };
      } else if (diff.changes.length === 0) {
        yield {
          kind: 'skip',
          id: ids.next('skip', c.sources, `k${target.id}`),
          sources: c.sources,
          dependsOn: [],
          label,
          entity: 'contact',
          targetId: target.id,
          reason: reasonForNoChange(diff.held.length, resolution.evidence.text),
        };
      } else {
        yield {
          kind: 'update-contact',
          id: ids.next('update-contact', c.sources, String(target.id)),
          sources: c.sources,
          dependsOn: [],
          label,
          targetId: target.id,
          before,
          payload: diff.payload,
          changes: diff.changes,
          held: diff.held,
          evidence: resolution.evidence,
        };
      }
    }
  }
}

/** How a record another one of the input is like was planned: what the held one's conflict names. */
interface Planned {
  label: string;
  sources: SourceRef[];
  op: string;
}

/** A customer another is like: its plan, and the existing customer it updates or skips as. */
interface PlannedCustomer extends Planned {
  targetId?: number;
}

/** The held record's `alike`: the record it resembles (its first rows), the operation planning it, the evidence. */
function alikeOf(earlier: Planned, evidence: Evidence): NonNullable<OperationOf<'conflict'>['alike']> {
  return { label: earlier.label, sources: earlier.sources.slice(0, 3), rows: earlier.sources.length, op: earlier.op, evidence };
}

/** "Customer X (file row N and K more), planned by op": the earlier record, as a held one's reason names it. */
function plannedText(earlier: Planned): string {
  const first = earlier.sources[0];
  const where = first
    ? ` (${first.file} row ${first.row}${earlier.sources.length > 1 ? ` and ${earlier.sources.length - 1} more` : ''})`
    : '';
  return `${earlier.label}${where}, planned by ${earlier.op}`;
}

function alikeReason(like: InFileSuspect, earlier: PlannedCustomer): string {
  const then =
    earlier.targetId === undefined
      ? 'create it if they are two customers; if they are one, skip it and import the file again once the other is in Syncro'
      : `create it if they are two customers, or choose #${earlier.targetId} if they are one`;
  return `may be the same customer as ${plannedText(earlier)}: ${like.evidence.text ?? `score ${like.score.toFixed(1)}`}; ${then}`;
}

type Candidate = OperationOf<'conflict'>['candidates'][number];

/** A customer for a person to decide: the record as it would be written, its contacts, the candidates, the evidence of its folds. */
function customerConflict(
  id: string,
  record: CustomerRecord,
  label: string,
  reason: string,
  candidates: Candidate[],
  alike?: OperationOf<'conflict'>['alike'],
): OperationOf<'conflict'> {
  return {
    kind: 'conflict',
    id,
    sources: record.sources,
    dependsOn: [],
    label,
    entity: 'customer',
    reason,
    payload: createPayload(record.customer, CUSTOMER_WRITABLE),
    contacts: record.contacts.map(contactForConflict),
    candidates,
    ...(alike ? { alike } : {}),
    ...foldedOf(record),
  };
}

/** The plan's record of why the record's rows are one customer (nothing when it is one row). */
function foldedOf(record: CustomerRecord): { folded?: Folded } {
  return record.folds?.length ? { folded: record.folds } : {};
}

function reasonForNoChange(held: number, matchedBy: string | undefined): string {
  const base = `already in Syncro${matchedBy ? ` (${matchedBy})` : ''}; nothing to change`;
  return held > 0 ? `${base} (${held} differing field${held === 1 ? '' : 's'} kept by the field policy)` : base;
}

function contactForConflict(c: ContactRecord): { sources: SourceRef[]; payload: Record<string, unknown>; label: string } {
  return { sources: c.sources, payload: createPayload(c.contact, CONTACT_WRITABLE), label: contactLabel(c.contact) };
}

/** The create body: every non-blank writable field, in the model's field order. */
function createPayload(record: object, fields: readonly string[]): Record<string, unknown> {
  const r = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = r[f];
    if (f === 'properties') {
      if (v && typeof v === 'object' && Object.keys(v).length) out[f] = v;
    } else if (!isBlank(v)) out[f] = v;
  }
  return out;
}

function groupIssuesByRow(issues: RowIssue[]): Map<string, RowIssue[]> {
  const byRow = new Map<string, RowIssue[]>();
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const key = `${issue.source.file}|${issue.source.sheet ?? ''}|${issue.source.row}`;
    const list = byRow.get(key);
    if (list) list.push(issue);
    else byRow.set(key, [issue]);
  }
  return byRow;
}

/** An email under contacts of two or more customers the input makes (after folding): where else it is, by customer label. */
type SharedEmails = Map<string, Array<{ group: number; label: string }>>;

/** The emails of `owners` (emailKey → records) that land in more than one in-file group. */
function sharedAcrossCustomers(groups: InFileGroup[], list: RecordList, owners: Map<string, number[]>): SharedEmails {
  const out: SharedEmails = new Map();
  if (owners.size === 0) return out;
  const groupOf = new Int32Array(list.length);
  groups.forEach((g, k) => {
    for (const m of g.members) groupOf[m] = k;
  });
  for (const [email, records] of owners) {
    const inGroups = [...new Set(records.map((r) => groupOf[r]!))];
    if (inGroups.length < 2) continue;
    out.set(
      email,
      inGroups.map((g) => ({ group: g, label: customerLabel(list.customerAt(groups[g]!.members[0]!)) })),
    );
  }
  return out;
}

/** Contact emails under two or more records, from the records' own contacts (with no contact store). */
function contactEmailOwners(list: RecordList): Map<string, number[]> {
  const first = new Map<string, number>();
  const out = new Map<string, number[]>();
  for (let i = 0; i < list.length; i++) {
    for (const raw of list.contactEmailsAt(i)) {
      const email = emailKey(raw);
      if (!email) continue;
      const j = first.get(email);
      if (j === undefined) first.set(email, i);
      else if (j !== i) {
        const owners = out.get(email) ?? [j];
        if (!owners.includes(i)) owners.push(i);
        out.set(email, owners);
      }
    }
  }
  return out;
}

/**
 * A conflict for a contact whose email is also a contact of another customer
 * this input makes: two customers would each get a contact with one mailbox
 * (a branch and its head office, or one company read as two). Never decided
 * here: a person creates both, or skips one.
 */
function sharedWith(shared: SharedEmails, raw: unknown, group: number): Extract<ContactResolution, { kind: 'conflict' }> | undefined {
  if (shared.size === 0) return undefined; // the usual case: no email to normalise for it
  const email = emailKey(raw);
  const where = email ? shared.get(email) : undefined;
  const others = where?.filter((w) => w.group !== group);
  if (!others?.length) return undefined;
  return {
    kind: 'conflict',
    reason: `the email ${email!} is also a contact of ${others.map((o) => o.label).join(', ')} in this input: two customers would each get a contact with this mailbox; create both, or skip one (or fold the customers in the file)`,
    candidates: [],
  };
}
