/**
 * The plan: the versioned document a person reviews and `apply` executes.
 * One zod schema is the truth; types come from `z.infer`. Operations are a
 * union discriminated by `kind`, each carrying only its own fields. The
 * reader refuses unknown versions. No API key, ever, and no wall-clock time:
 * the same input and snapshot give the same plan byte for byte.
 */
import { z } from 'zod';
import type { PlanOperationKind } from '../events.js';
import { RowIssueSchema, SourceRefSchema } from '../model/source.js';

export const PLAN_KIND = 'syncro-etl/plan';
export const PLAN_VERSION = 1;

const Json = z.record(z.string(), z.unknown());

/** Why an incoming record was tied to an existing one (or not). */
export const EvidenceSchema = z.object({
  rule: z.enum(['syncro-id', 'email', 'business-name', 'fuzzy', 'in-file-duplicate', 'none']),
  score: z.number().optional(),
  /** Field-level explanation: field, level, weight (weights sum to score). */
  fields: z.array(z.object({ field: z.string(), level: z.string(), weight: z.number() })).optional(),
  text: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * Source rows taken as one customer with the record's first row, and the
 * evidence that decided it ("same name; same phone 6213804953"). Optional:
 * plans written before it have none.
 */
export const FoldedSchema = z.array(z.object({ evidence: z.string(), sources: z.array(SourceRefSchema) }));
export type Folded = z.infer<typeof FoldedSchema>;

export const FieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** A customer reference: an existing Syncro id, or the op that creates it. */
export const CustomerRefSchema = z.union([z.object({ id: z.number().int() }), z.object({ op: z.string() })]);
export type CustomerRef = z.infer<typeof CustomerRefSchema>;

export const DECISIONS = ['apply', 'skip'] as const;

const base = {
  id: z.string(),
  sources: z.array(SourceRefSchema),
  dependsOn: z.array(z.string()),
  /** A short human label: "Customer Acme Ltd", "Contact Jane Doe (Acme Ltd)". */
  label: z.string(),
};

const CreateCustomer = z.object({
  ...base,
  kind: z.literal('create-customer'),
  payload: Json,
  evidence: EvidenceSchema.optional(),
  folded: FoldedSchema.optional(),
});
const UpdateCustomer = z.object({
  ...base,
  kind: z.literal('update-customer'),
  targetId: z.number().int(),
  before: Json,
  payload: Json,
  changes: z.array(FieldChangeSchema),
  /** Differences the field policy kept from being written (shown for review). */
  held: z.array(FieldChangeSchema),
  evidence: EvidenceSchema,
  folded: FoldedSchema.optional(),
});
const CreateContact = z.object({
  ...base,
  kind: z.literal('create-contact'),
  customer: CustomerRefSchema,
  payload: Json,
});
const UpdateContact = z.object({
  ...base,
  kind: z.literal('update-contact'),
  targetId: z.number().int(),
  before: Json,
  payload: Json,
  changes: z.array(FieldChangeSchema),
  held: z.array(FieldChangeSchema),
  evidence: EvidenceSchema,
});
const MoveContact = z.object({
  ...base,
  kind: z.literal('move-contact'),
  targetId: z.number().int(),
  before: Json,
  toCustomer: CustomerRefSchema,
  /** Field updates carried out in the same PUT, if any. */
  payload: Json,
  changes: z.array(FieldChangeSchema),
});
const DeleteContact = z.object({
  ...base,
  kind: z.literal('delete-contact'),
  targetId: z.number().int(),
  before: Json,
});
const LinkedMoveSchema = z.object({
  resource: z.enum(['contacts', 'tickets', 'customer_assets', 'invoices']),
  id: z.number().int(),
  /** The record as snapshotted (its customer_id / contact_id says whose it is now), so undo can move it back. */
  before: Json,
});
export type LinkedMove = z.infer<typeof LinkedMoveSchema>;

/** One record of a duplicate cluster. */
const MergeMemberSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  before: Json,
  /** Records hanging off it: what survivorship weighs and the report shows. */
  linked: z.record(z.string(), z.number().int()),
});
export type MergeMember = z.infer<typeof MergeMemberSchema>;

/** The merged fields for one choice of survivor (the first entry is the proposal). */
const MergedFieldsSchema = z.object({
  survivorId: z.number().int(),
  payload: Json,
  changes: z.array(FieldChangeSchema),
});

const MergeCustomers = z.object({
  ...base,
  kind: z.literal('merge-customers'),
  /** The proposed survivor; a decision may choose another member. */
  survivorId: z.number().int(),
  members: z.array(MergeMemberSchema),
  /** Every contact, ticket, asset and invoice of every member; apply moves those not already on the survivor. */
  moves: z.array(LinkedMoveSchema),
  merged: z.array(MergedFieldsSchema),
  /** After every move: delete the duplicates, or leave them disabled. */
  finally: z.enum(['delete', 'disable']),
  /** Why the survivor was chosen. */
  survivorReason: z.string(),
  evidence: EvidenceSchema,
});
const MergeContacts = z.object({
  ...base,
  kind: z.literal('merge-contacts'),
  customerId: z.number().int(),
  survivorId: z.number().int(),
  members: z.array(MergeMemberSchema),
  /** Tickets whose contact_id is one of the members. */
  moves: z.array(LinkedMoveSchema),
  merged: z.array(MergedFieldsSchema),
  survivorReason: z.string(),
  evidence: EvidenceSchema,
});
const Skip = z.object({
  ...base,
  kind: z.literal('skip'),
  entity: z.enum(['customer', 'contact']),
  targetId: z.number().int().optional(),
  reason: z.string(),
  folded: FoldedSchema.optional(),
});
const Conflict = z.object({
  ...base,
  kind: z.literal('conflict'),
  entity: z.enum(['customer', 'contact']),
  reason: z.string(),
  /** The record as it would be written. */
  payload: Json,
  /** Contacts that follow the decision (created under the customer it resolves to). */
  contacts: z.array(z.object({ sources: z.array(SourceRefSchema), payload: Json, label: z.string() })),
  /** For a contact conflict: the customer it belongs to. */
  customer: CustomerRefSchema.optional(),
  candidates: z.array(
    z.object({ id: z.number().int(), label: z.string(), score: z.number().optional(), evidence: EvidenceSchema.optional() }),
  ),
  /**
   * A customer (or contact) held because an earlier record of the same input is like it
   * (the matcher's evidence), not proven the same: the record it resembles,
   * its first rows and the operation that plans it.
   */
  alike: z
    .object({ label: z.string(), sources: z.array(SourceRefSchema), rows: z.number().int(), op: z.string(), evidence: EvidenceSchema })
    .optional(),
  folded: FoldedSchema.optional(),
});
const Invalid = z.object({
  ...base,
  kind: z.literal('invalid'),
  issues: z.array(RowIssueSchema),
});

export const OperationSchema = z.discriminatedUnion('kind', [
  CreateCustomer,
  UpdateCustomer,
  CreateContact,
  UpdateContact,
  MoveContact,
  DeleteContact,
  MergeCustomers,
  MergeContacts,
  Skip,
  Conflict,
  Invalid,
]);
export type Operation = z.infer<typeof OperationSchema>;
export type OperationKind = Operation['kind'];

/** The events name the same kinds (src/events.ts cannot import the plan): a kind added on one side only fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _kindsMatchEvents: Same<OperationKind, PlanOperationKind> = true;
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

export const OPERATION_KINDS = [
  'create-customer',
  'update-customer',
  'create-contact',
  'update-contact',
  'move-contact',
  'delete-contact',
  'merge-customers',
  'merge-contacts',
  'skip',
  'conflict',
  'invalid',
] as const satisfies readonly OperationKind[];

/** Kinds that write to Syncro. */
export const WRITE_KINDS = [
  'create-customer',
  'update-customer',
  'create-contact',
  'update-contact',
  'move-contact',
  'delete-contact',
  'merge-customers',
  'merge-contacts',
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];
export function isWrite(op: Operation): op is OperationOf<WriteKind> {
  return (WRITE_KINDS as readonly string[]).includes(op.kind);
}

/** A per-field policy: fill only an empty field, overwrite a differing one, or never write it. */
export const FieldModeSchema = z.enum(['fill', 'overwrite', 'never']);

/**
 * What an import was planned with; apply re-diffs with exactly these (a
 * conflict decided "#id" in the workbook), so none may be dropped or guessed.
 * Strict: an option this version does not know is refused, not ignored.
 */
export const ImportOptionsSchema = z.strictObject({
  /** Blank cells: leave Syncro's value (skip) or erase it (clear). */
  blank: z.enum(['skip', 'clear']),
  /** Existing records: fill only empty fields, or overwrite differing ones. */
  update: z.enum(['fill', 'overwrite']),
  /** Per-field modes (template's, then the command line's), e.g. { notes: 'never' }; win over `update`. */
  fields: z.record(z.string(), FieldModeSchema).optional(),
  /** Country for phones, states and zips without one. */
  country: z.string().optional(),
  /** Duplicates inside the input: one merged create/update, or a conflict to decide. */
  inFileDuplicates: z.enum(['merge', 'conflict']),
  /** Requests per minute, for the time estimate. */
  rateLimit: z.number(),
});
export type ImportPlanOptions = z.infer<typeof ImportOptionsSchema>;

/** The survivor rules in the order tried, and how each field is merged (audit/survivorship.ts). */
export const SurvivorRuleSchema = z.enum(['linked', 'oldest', 'complete']);
export const FieldRuleSchema = z.enum(['survivor', 'newest', 'fill']);

/** What an audit was planned with: survivorship, and what becomes of a merged duplicate. */
export const AuditOptionsSchema = z.strictObject({
  survivor: z.array(SurvivorRuleSchema),
  fieldRules: z.record(z.string(), FieldRuleSchema),
  /** Merged duplicate customers: deleted, or disabled (kept, hidden). */
  finally: z.enum(['delete', 'disable']),
  rateLimit: z.number(),
});
export type AuditPlanOptions = z.infer<typeof AuditOptionsSchema>;

const planFields = {
  kind: z.literal(PLAN_KIND),
  version: z.literal(PLAN_VERSION),
  target: z.object({ baseUrl: z.string(), sandbox: z.boolean() }),
  inputs: z.array(z.object({ file: z.string(), sha256: z.string(), rows: z.number().int() })),
  template: z.object({ name: z.string(), confidence: z.number() }).optional(),
  snapshot: z.object({
    sha256: z.string(),
    customers: z.number().int(),
    contacts: z.number().int(),
    /** Contacts with no customer (vendor contacts): read, left out of every customer rule, counted here for the reports. */
    vendorContacts: z.number().int().optional(),
  }),
  summary: z.object({
    counts: z.record(z.string(), z.number().int()),
    /** Write requests apply will send (stale checks and lookups come on top). */
    writeCalls: z.number().int(),
    /** Read requests apply needs for the stale-plan check. */
    checkCalls: z.number().int(),
    rateLimit: z.number(),
    estimatedSeconds: z.number(),
    /** The import's in-file check: customers compared for likeness, how many were held as conflicts, or why it did not run. */
    likeness: z.object({ customers: z.number().int(), held: z.number().int(), skipped: z.string().optional() }).optional(),
  }),
  operations: z.array(OperationSchema),
};

/** The plan of an import or of an audit; `options` is typed by `command`. */
export const ImportPlanSchema = z.object({ ...planFields, command: z.literal('import'), options: ImportOptionsSchema });
export const AuditPlanSchema = z.object({ ...planFields, command: z.literal('audit'), options: AuditOptionsSchema });
export const PlanSchema = z.discriminatedUnion('command', [ImportPlanSchema, AuditPlanSchema]);
export type Plan = z.infer<typeof PlanSchema>;
export type ImportPlan = z.infer<typeof ImportPlanSchema>;
export type AuditPlan = z.infer<typeof AuditPlanSchema>;
/** A plan without some fields, still discriminated by `command` (Omit over the union would lose it). */
export type PlanWithout<K extends keyof Plan> = Plan extends infer P ? (P extends Plan ? Omit<P, K> : never) : never;
