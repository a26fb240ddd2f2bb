/**
 * A merge, executed step by step through the journal. Customers: move every
 * contact, ticket, asset and invoice to the survivor, carry fields over, and
 * only when every move succeeded delete (or disable) the duplicate — after a
 * last look for records that appeared since the plan, so nothing hanging off
 * the duplicate is ever deleted with it. Contacts: repoint tickets, carry
 * fields over, delete the duplicate.
 */
import type { OperationOf } from '../plan/schema.js';
import type { LinkedResource } from '../syncro/client.js';
import type { OpContext, OpExecution } from './operations.js';
import { deleteRecord, putRecord, slim } from './operations.js';
import type { StepOutcome } from './steps.js';

const LINKED: LinkedResource[] = ['tickets', 'customer_assets', 'invoices'];

export async function executeMerge(op: OperationOf<'merge-customers'> | OperationOf<'merge-contacts'>, ctx: OpContext): Promise<OpExecution> {
  const outcomes: StepOutcome[] = [];
  if (op.kind === 'merge-customers') {
    for (const move of op.moves) outcomes.push(await moveToCustomer(op.id, move.resource, move.id, op.survivorId, move.before, ctx));
    // Records attached to the duplicate after the plan was made move too.
    const planned = new Set(op.moves.map((m) => `${m.resource}:${m.id}`));
    for await (const k of ctx.client.contacts(op.duplicateId)) {
      if (!planned.has(`contacts:${k.id}`)) outcomes.push(await moveToCustomer(op.id, 'contacts', k.id, op.survivorId, slim(k), ctx));
    }
    for (const resource of LINKED) {
      for await (const r of ctx.client.linked(resource, op.duplicateId)) {
        if (!planned.has(`${resource}:${r.id}`)) outcomes.push(await moveToCustomer(op.id, resource, r.id, op.survivorId, slim(r), ctx));
      }
    }
    if (Object.keys(op.survivorPayload).length) outcomes.push(await putRecord(op.id, 'survivor', 'customers', op.survivorId, op.survivorPayload, op.survivorBefore, ctx));
    outcomes.push(
      op.finally === 'delete'
        ? await deleteRecord(op.id, 'finally', 'customers', op.duplicateId, op.duplicateBefore, ctx)
        : await putRecord(op.id, 'finally', 'customers', op.duplicateId, { disabled: true }, op.duplicateBefore, ctx),
    );
  } else {
    for (const move of op.moves) {
      outcomes.push(
        await ctx.steps.run(op.id, {
          step: `move:tickets:${move.id}`,
          method: 'PUT',
          path: `tickets/${move.id}`,
          body: { contact_id: op.survivorId },
          before: move.before,
          send: async () => ({ resultId: move.id, after: slim(await ctx.client.updateLinked('tickets', move.id, { contact_id: op.survivorId })) }),
        }),
      );
    }
    if (Object.keys(op.survivorPayload).length) outcomes.push(await putRecord(op.id, 'survivor', 'contacts', op.survivorId, op.survivorPayload, op.survivorBefore, ctx));
    outcomes.push(await deleteRecord(op.id, 'finally', 'contacts', op.duplicateId, op.duplicateBefore, ctx));
  }
  const sent = outcomes.some((o) => o.sentNow);
  return { outcome: sent ? 'applied' : 'skipped:already-applied', syncroId: op.survivorId };
}

function moveToCustomer(opId: string, resource: 'contacts' | LinkedResource, id: number, survivorId: number, before: unknown, ctx: OpContext): Promise<StepOutcome> {
  if (resource === 'contacts') return putRecord(opId, `move:contacts:${id}`, 'contacts', id, { customer_id: survivorId }, before, ctx);
  return ctx.steps.run(opId, {
    step: `move:${resource}:${id}`,
    method: 'PUT',
    path: `${resource}/${id}`,
    body: { customer_id: survivorId },
    before,
    send: async () => ({ resultId: id, after: slim(await ctx.client.updateLinked(resource, id, { customer_id: survivorId })) }),
  });
}
