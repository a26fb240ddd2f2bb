/**
 * Carries out one plan operation as journaled write steps. Returns what
 * happened; throws only for errors that must stop the whole run (401, an
 * answer that cannot be relied on, a redirect). A write Syncro answered but
 * did not keep is "not-applied-by-syncro" (kept.ts).
 */
import { isEtlError } from '../errors.js';
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';
import { diffFields } from '../plan/diff.js';
import { isSkipped } from '../plan/decision.js';
import type { Decision } from '../plan/decision.js';
import type { Operation, OperationOf } from '../plan/schema.js';
import { contactView, emailKey } from '../plan/snapshot-index.js';
import type { CountryCode } from 'libphonenumber-js';
import { findCreatedContact, findCreatedCustomer, UNKNOWN_CLOCK_TOLERANCE_MS } from '../syncro/create-recovery.js';
import type { CreateWindow, RecoveryOptions } from '../syncro/create-recovery.js';
import { SyncroApiError } from '../syncro/errors.js';
import { isCustomerContact } from '../syncro/types.js';
import { fieldsSyncroDropped, notApplied } from './kept.js';
import { RUN_STOPPING_CODES } from './outcome.js';
import type { StepOutcome } from './steps.js';
import { executeMerge } from './merge.js';
import { asResult, deleteRecord, putRecord, slim } from './record-steps.js';
import type { OpContext, OpExecution, WritableResource } from './record-steps.js';

export type { OpContext, OpExecution } from './record-steps.js';

export async function executeOperation(op: Operation, ctx: OpContext): Promise<OpExecution> {
  try {
    return await dispatch(op, ctx);
  } catch (err) {
    if (isEtlError(err, ...RUN_STOPPING_CODES)) throw err;
    const message = err instanceof SyncroApiError ? err.message : (err as Error).message;
    return { outcome: 'failed', message };
  }
}

async function dispatch(op: Operation, ctx: OpContext): Promise<OpExecution> {
  const decision = ctx.decision(op.id);
  // A conflict set to skip is left undecided (resolveConflict says so); anything else is left out.
  if (isSkipped(decision) && op.kind !== 'conflict')
    return { outcome: 'skipped:decision', message: 'skipped by the decision in the workbook' };
  switch (op.kind) {
    case 'create-customer': {
      const r = await createCustomer(op.id, 'create', op.payload, ctx);
      return kept(r, r.resultId, 'customers', op.payload, ctx);
    }
    case 'update-customer': {
      const r = await putRecord(op.id, 'update', 'customers', op.targetId, op.payload, op.before, ctx);
      return kept(r, op.targetId, 'customers', op.payload, ctx);
    }
    case 'create-contact': {
      const customerId = ctx.customerIdOf(op.customer);
      if (customerId === undefined) return { outcome: 'skipped:dependency', message: 'its customer was not created' };
      const r = await createContact(op.id, 'create', { ...op.payload, customer_id: customerId }, ctx);
      return kept(r, r.resultId, 'contacts', op.payload, ctx);
    }
    case 'update-contact': {
      const r = await putRecord(op.id, 'update', 'contacts', op.targetId, op.payload, op.before, ctx);
      return kept(r, op.targetId, 'contacts', op.payload, ctx);
    }
    case 'move-contact': {
      const customerId = ctx.customerIdOf(op.toCustomer);
      if (customerId === undefined) return { outcome: 'skipped:dependency', message: 'the customer it moves to was not created' };
      const body = { ...op.payload, customer_id: customerId };
      const r = await putRecord(op.id, 'move', 'contacts', op.targetId, body, op.before, ctx);
      return kept(r, op.targetId, 'contacts', body, ctx);
    }
    case 'delete-contact': {
      const r = await deleteRecord(op.id, 'delete', 'contacts', op.targetId, op.before, ctx);
      return done(r, op.targetId);
    }
    case 'merge-customers':
    case 'merge-contacts':
      return executeMerge(op, ctx);
    case 'conflict':
      return resolveConflict(op, decision, ctx);
    case 'skip':
    case 'invalid':
      return { outcome: 'skipped:no-write' };
  }
}

function done(r: StepOutcome, id: number | undefined): OpExecution {
  return { outcome: r.sentNow ? 'applied' : 'skipped:already-applied', ...(id === undefined ? {} : { syncroId: id }) };
}

/** `done`, unless Syncro answered the write without keeping all of it. */
export async function kept(
  r: StepOutcome,
  id: number | undefined,
  resource: WritableResource,
  payload: Record<string, unknown>,
  ctx: OpContext,
): Promise<OpExecution> {
  if (!r.sentNow || id === undefined) return done(r, id);
  const dropped = await fieldsSyncroDropped(ctx.client, resource, id, payload, r.after, country(ctx));
  return dropped.length ? notApplied(id, resource, dropped) : done(r, id);
}

function country(ctx: OpContext): CountryCode | undefined {
  return /^[A-Z]{2}$/.test(ctx.policy.country ?? '') ? (ctx.policy.country as CountryCode) : undefined;
}

/** The look-up window of a create: its journaled intent (an earlier attempt, maybe another process), known ids, country. */
function recovery(opId: string, step: string, ctx: OpContext): RecoveryOptions & CreateWindow {
  const last = ctx.steps.state(opId, step);
  // An intent's time is just before its POST; a failure's is after it (by up to the timeout and retries): widen.
  const started = last ? Date.parse(last.at) - (last.phase === 'intent' ? 0 : UNKNOWN_CLOCK_TOLERANCE_MS) : NaN;
  const c = country(ctx);
  // A journal time later than now (an injected clock) cannot bound anything: no time bound then.
  const usable = !Number.isNaN(started) && started <= Date.now();
  return { ...(ctx.knownIds ? { knownIds: ctx.knownIds } : {}), ...(c ? { country: c } : {}), ...(usable ? { startedAt: started } : {}) };
}

export async function createCustomer(opId: string, step: string, payload: Record<string, unknown>, ctx: OpContext): Promise<StepOutcome> {
  const r = await ctx.steps.run(opId, {
    step,
    method: 'POST',
    path: 'customers',
    body: payload,
    send: async () => asResult((await ctx.client.createCustomer(payload, recovery(opId, step, ctx))).record),
    verify: async () => {
      const found = await findCreatedCustomer(ctx.client, payload, recovery(opId, step, ctx));
      return found ? asResult(found) : undefined;
    },
  });
  if (r.resultId !== undefined) ctx.recordCreated(opId, r.resultId);
  return r;
}

export async function createContact(opId: string, step: string, body: Record<string, unknown>, ctx: OpContext): Promise<StepOutcome> {
  return ctx.steps.run(opId, {
    step,
    method: 'POST',
    path: 'contacts',
    body,
    send: async () => asResult((await ctx.client.createContact(body, recovery(opId, step, ctx))).record),
    verify: async () => {
      const found = await findCreatedContact(ctx.client, body, recovery(opId, step, ctx));
      return found ? asResult(found) : undefined;
    },
  });
}

/** A conflict runs only when report.xlsx decided it: "create", or "#<id>" of the existing record it is. */
async function resolveConflict(op: OperationOf<'conflict'>, decision: Decision | undefined, ctx: OpContext): Promise<OpExecution> {
  if (decision?.kind !== 'create' && decision?.kind !== 'existing')
    return { outcome: 'conflict', message: `${op.reason} — decide it in the run's workbook (Decision column), then apply again` };
  const chosen = decision.kind === 'existing' ? decision.id : undefined;
  if (op.entity === 'contact') {
    const customerId = op.customer ? ctx.customerIdOf(op.customer) : undefined;
    if (chosen !== undefined) {
      const id = chosen;
      const listed = await ctx.client.getContact(id);
      if (!isCustomerContact(listed))
        return { outcome: 'failed', message: `decided: contact #${id}, but it is a vendor contact (no customer); not changed` };
      const fresh = contactView(listed);
      const diff = diffFields(
        CONTACT_FIELDS.filter((f) => f !== 'customer_id'),
        op.payload,
        fresh,
        ctx.policy,
      );
      if (diff.changes.length === 0) return { outcome: 'applied', syncroId: id, message: `decided: contact #${id}; nothing to change` };
      const r = await putRecord(op.id, `update:${id}`, 'contacts', id, diff.payload, fresh, ctx);
      return { ...done(r, id), message: `decided: update contact #${id}` };
    }
    if (customerId === undefined) return { outcome: 'skipped:dependency', message: 'its customer was not created' };
    const r = await createContact(op.id, 'create', { ...op.payload, customer_id: customerId }, ctx);
    return { ...done(r, r.resultId), message: 'decided: create' };
  }
  let customerId: number;
  let first: StepOutcome;
  if (chosen !== undefined) {
    customerId = chosen;
    const fresh = await ctx.client.getCustomer(customerId);
    const diff = diffFields(CUSTOMER_FIELDS, op.payload, fresh, ctx.policy);
    first = diff.changes.length
      ? await putRecord(op.id, `update:${customerId}`, 'customers', customerId, diff.payload, slim(fresh), ctx)
      : { sentNow: true, resultId: customerId };
  } else {
    first = await createCustomer(op.id, 'create', op.payload, ctx);
    customerId = first.resultId!;
  }
  ctx.recordCreated(op.id, customerId);
  // Under an existing customer, a contact it already has (same email or name) is not created again.
  const existing = chosen !== undefined ? await collect(ctx.client.contacts(customerId)) : [];
  const known = new Set(existing.flatMap((k) => [emailKey(k.email), k.name?.trim().toLowerCase()]).filter(Boolean));
  for (const [i, contact] of op.contacts.entries()) {
    const email = emailKey(contact.payload.email);
    const name = typeof contact.payload.name === 'string' ? contact.payload.name.trim().toLowerCase() : undefined;
    if ((email && known.has(email)) || (!email && name && known.has(name))) continue;
    await createContact(op.id, `contact:${i}`, { ...contact.payload, customer_id: customerId }, ctx);
  }
  return { ...done(first, customerId), message: chosen !== undefined ? `decided: customer #${customerId}` : 'decided: create' };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
