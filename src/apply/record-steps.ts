/**
 * What every operation's execution shares: its context (client, journal
 * steps, field policy, decisions, the records this run created), its result,
 * and the journaled PUT and DELETE of one record. A module of its own so
 * that operations.ts and merge.ts both build on it without importing each
 * other.
 */
import type { Decision } from '../plan/decision.js';
import type { DiffPolicy } from '../plan/diff.js';
import type { CustomerRef } from '../plan/schema.js';
import type { SyncroClient } from '../syncro/client.js';
import { fieldsNotKept } from '../syncro/compare.js';
import { isEtlError } from '../errors.js';
import type { Outcome } from './outcome.js';
import type { StepOutcome, StepResult, StepRunner } from './steps.js';

export interface OpContext {
  client: SyncroClient;
  steps: StepRunner;
  policy: DiffPolicy;
  customerIdOf(ref: CustomerRef): number | undefined;
  recordCreated(opId: string, id: number): void;
  decision(opId: string): Decision | undefined;
  /** Ids known to exist before this run (the snapshot): a lost create's look-up never takes one of them. */
  knownIds?: ReadonlySet<number>;
}

export interface OpExecution {
  outcome: Outcome;
  syncroId?: number;
  message?: string;
}

/** Everything but the nested contacts list: what the journal keeps of a record. */
export function slim(record: unknown): Record<string, unknown> {
  const { contacts: _contacts, ...rest } = record as Record<string, unknown>;
  return rest;
}

export type WritableResource = 'customers' | 'contacts';

export async function putRecord(
  opId: string,
  step: string,
  resource: WritableResource,
  id: number,
  body: Record<string, unknown>,
  before: unknown,
  ctx: OpContext,
): Promise<StepOutcome> {
  const send = async () =>
    asResult(resource === 'customers' ? await ctx.client.updateCustomer(id, body) : await ctx.client.updateContact(id, body));
  return ctx.steps.run(opId, {
    step,
    method: 'PUT',
    path: `${resource}/${id}`,
    body,
    before,
    send,
    verify: async () => {
      const fresh = resource === 'customers' ? await ctx.client.getCustomer(id) : await ctx.client.getContact(id);
      return fieldsNotKept(fresh, body).length === 0 ? asResult(fresh) : undefined;
    },
  });
}

export async function deleteRecord(
  opId: string,
  step: string,
  resource: WritableResource,
  id: number,
  before: unknown,
  ctx: OpContext,
): Promise<StepOutcome> {
  const remove = () => (resource === 'customers' ? ctx.client.deleteCustomer(id) : ctx.client.deleteContact(id));
  return ctx.steps.run(opId, {
    step,
    method: 'DELETE',
    path: `${resource}/${id}`,
    before,
    send: async () => {
      await remove();
      return { resultId: id };
    },
    verify: async () => {
      try {
        await (resource === 'customers' ? ctx.client.getCustomer(id) : ctx.client.getContact(id));
        return undefined;
      } catch (err) {
        if (isEtlError(err, 'API_NOT_FOUND')) return { resultId: id };
        throw err;
      }
    },
  });
}

export function asResult(record: { id: number }): StepResult {
  return { resultId: record.id, after: slim(record) };
}
