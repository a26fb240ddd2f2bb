/**
 * A merge, executed step by step through the journal. Customers: move every
 * contact, ticket, asset and invoice of the duplicates to the survivor, carry
 * fields over, and only when every move succeeded delete (or disable) each
 * duplicate — after a last look for records that appeared since the plan, so
 * nothing hanging off a duplicate is ever deleted with it. Contacts: repoint
 * tickets, carry fields over, delete the duplicates. The survivor is the
 * plan's proposal unless report.xlsx chose another member ("survivor #id").
 */
import type { LinkedMove, OperationOf } from '../plan/schema.js';
import type { LinkedResource } from '../syncro/client.js';
import type { OpContext, OpExecution } from './operations.js';
import { deleteRecord, putRecord, slim } from './operations.js';
import type { StepOutcome } from './steps.js';

const LINKED: LinkedResource[] = ['tickets', 'customer_assets', 'invoices'];
type MergeOp = OperationOf<'merge-customers'> | OperationOf<'merge-contacts'>;

/** The survivor a decision chose, or the plan's. Undefined when the decision names no member. */
export function chosenSurvivor(op: MergeOp, decision: string | undefined): number | undefined {
  const m = decision ? /^survivor\s*#?(\d+)$/i.exec(decision.trim()) : null;
  if (!m) return op.survivorId;
  const id = Number(m[1]);
  return op.members.some((x) => x.id === id) ? id : undefined;
}

export async function executeMerge(op: MergeOp, ctx: OpContext): Promise<OpExecution> {
  const decision = ctx.decision(op.id);
  if (decision === 'skip') return { outcome: 'skipped:decision', message: 'skipped by the decision in the workbook' };
  const survivor = chosenSurvivor(op, decision);
  if (survivor === undefined) return { outcome: 'failed', message: `decision "${decision}" names no member of this cluster` };
  const merged = op.merged.find((m) => m.survivorId === survivor) ?? { payload: {} };
  const duplicates = op.members.filter((m) => m.id !== survivor);
  const outcomes: StepOutcome[] = [];

  if (op.kind === 'merge-customers') {
    for (const move of op.moves) if (Number(move.before.customer_id) !== survivor) outcomes.push(await moveRecord(op.id, move, { customer_id: survivor }, ctx));
    const planned = new Set(op.moves.map((m) => `${m.resource}:${m.id}`));
    for (const dup of duplicates) {
      // Records attached to the duplicate after the plan was made move too.
      for await (const k of ctx.client.contacts(dup.id)) {
        if (!planned.has(`contacts:${k.id}`)) outcomes.push(await moveRecord(op.id, { resource: 'contacts', id: k.id, before: slim(k) }, { customer_id: survivor }, ctx));
      }
      for (const resource of LINKED) {
        for await (const r of ctx.client.linked(resource, dup.id)) {
          if (!planned.has(`${resource}:${r.id}`)) outcomes.push(await moveRecord(op.id, { resource, id: r.id, before: slim(r) }, { customer_id: survivor }, ctx));
        }
      }
    }
    if (Object.keys(merged.payload).length) outcomes.push(await putRecord(op.id, 'survivor', 'customers', survivor, merged.payload, memberBefore(op, survivor), ctx));
    for (const dup of duplicates) {
      outcomes.push(
        op.finally === 'delete'
          ? await deleteRecord(op.id, `finally:${dup.id}`, 'customers', dup.id, dup.before, ctx)
          : await putRecord(op.id, `finally:${dup.id}`, 'customers', dup.id, { disabled: true }, dup.before, ctx),
      );
    }
  } else {
    for (const move of op.moves) if (Number(move.before.contact_id) !== survivor) outcomes.push(await moveRecord(op.id, move, { contact_id: survivor }, ctx));
    if (Object.keys(merged.payload).length) outcomes.push(await putRecord(op.id, 'survivor', 'contacts', survivor, merged.payload, memberBefore(op, survivor), ctx));
    for (const dup of duplicates) outcomes.push(await deleteRecord(op.id, `finally:${dup.id}`, 'contacts', dup.id, dup.before, ctx));
  }
  const sent = outcomes.some((o) => o.sentNow);
  const note = survivor === op.survivorId ? undefined : `survivor #${survivor} chosen in the workbook`;
  return { outcome: sent ? 'applied' : 'skipped:already-applied', syncroId: survivor, ...(note ? { message: note } : {}) };
}

function memberBefore(op: MergeOp, id: number): unknown {
  return op.members.find((m) => m.id === id)?.before;
}

function moveRecord(opId: string, move: LinkedMove, body: Record<string, number>, ctx: OpContext): Promise<StepOutcome> {
  const step = `move:${move.resource}:${move.id}`;
  if (move.resource === 'contacts') return putRecord(opId, step, 'contacts', move.id, body, move.before, ctx);
  const resource = move.resource;
  return ctx.steps.run(opId, {
    step,
    method: 'PUT',
    path: `${resource}/${move.id}`,
    body,
    before: move.before,
    send: async () => ({ resultId: move.id, after: slim(await ctx.client.updateLinked(resource, move.id, body)) }),
    verify: async () => {
      const { body: fresh } = await ctx.client.http.request<Record<string, Record<string, unknown>>>('GET', `${resource}/${move.id}`);
      const record = Object.values(fresh)[0] ?? {};
      return Object.entries(body).every(([k, v]) => Number(record[k]) === v) ? { resultId: move.id, after: slim(record) } : undefined;
    },
  });
}
