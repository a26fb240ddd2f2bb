/**
 * A merge, executed step by step through the journal. Customers: move every
 * contact, ticket, asset and invoice of the duplicates to the survivor, carry
 * fields over, and only when every move succeeded delete (or disable) each
 * duplicate — after a last look for records that appeared since the plan, so
 * nothing hanging off a duplicate is ever deleted with it. Contacts: repoint
 * tickets, carry fields over, delete the duplicates. The survivor is the
 * plan's proposal unless report.xlsx chose another member ("survivor #id").
 *
 * A record is moved only when it belongs to a duplicate of this cluster, in
 * its before-image and again right before the move (read fresh): a server
 * that ignored a list filter must never get another customer's invoices moved.
 */
import { decisionText } from '../plan/decision.js';
import type { Decision } from '../plan/decision.js';
import type { LinkedMove, OperationOf } from '../plan/schema.js';
import type { LinkedResource } from '../syncro/client.js';
import { fieldsSyncroDropped, notApplied } from './kept.js';
import { deleteRecord, putRecord, slim } from './record-steps.js';
import type { OpContext, OpExecution } from './record-steps.js';
import type { StepOutcome } from './steps.js';

const LINKED: LinkedResource[] = ['tickets', 'customer_assets', 'invoices'];
type MergeOp = OperationOf<'merge-customers'> | OperationOf<'merge-contacts'>;
type Rec = Record<string, unknown>;

/** The survivor a decision chose, or the plan's. Undefined when the decision names no member. */
export function chosenSurvivor(op: MergeOp, decision: Decision | undefined): number | undefined {
  if (decision?.kind !== 'survivor') return op.survivorId;
  return op.members.some((x) => x.id === decision.id) ? decision.id : undefined;
}

interface MoveContext {
  opId: string;
  /** customer_id for a customer merge, contact_id for a contact merge. */
  owner: 'customer_id' | 'contact_id';
  survivor: number;
  duplicates: ReadonlySet<number>;
  /** Moves not made, with why. */
  refused: string[];
  ctx: OpContext;
}

export async function executeMerge(op: MergeOp, ctx: OpContext): Promise<OpExecution> {
  // A merge decided skip never gets here (operations.ts leaves it out).
  const decision = ctx.decision(op.id);
  const survivor = chosenSurvivor(op, decision);
  if (survivor === undefined)
    return { outcome: 'failed', message: `decision "${decision ? decisionText(decision) : ''}" names no member of this cluster` };
  const merged = op.merged.find((m) => m.survivorId === survivor) ?? { payload: {} };
  const duplicates = op.members.filter((m) => m.id !== survivor);
  const mc: MoveContext = {
    opId: op.id,
    owner: op.kind === 'merge-customers' ? 'customer_id' : 'contact_id',
    survivor,
    duplicates: new Set(duplicates.map((d) => d.id)),
    refused: [],
    ctx,
  };
  const outcomes: StepOutcome[] = [];
  const resource = op.kind === 'merge-customers' ? 'customers' : 'contacts';
  const move = async (m: LinkedMove) => {
    const r = await moveRecord(m, mc);
    if (r) outcomes.push(r);
  };

  for (const m of op.moves) await move(m);
  if (op.kind === 'merge-customers') {
    const planned = new Set(op.moves.map((m) => `${m.resource}:${m.id}`));
    for (const dup of duplicates) {
      // Records attached to the duplicate after the plan was made move too.
      for await (const k of ctx.client.contacts(dup.id))
        if (!planned.has(`contacts:${k.id}`)) await move({ resource: 'contacts', id: k.id, before: slim(k) as never });
      for (const linked of LINKED) {
        for await (const r of ctx.client.linked(linked, dup.id))
          if (!planned.has(`${linked}:${r.id}`)) await move({ resource: linked, id: r.id, before: slim(r) as never });
      }
    }
  }
  const dropped: string[] = [];
  if (Object.keys(merged.payload).length) {
    const r = await putRecord(op.id, 'survivor', resource, survivor, merged.payload, memberBefore(op, survivor), ctx);
    outcomes.push(r);
    if (r.sentNow)
      dropped.push(
        ...(await fieldsSyncroDropped(ctx.client, resource, survivor, merged.payload, r.after)).map((f) => `${f} (survivor #${survivor})`),
      );
  }
  for (const dup of duplicates) {
    if (op.kind === 'merge-customers' && op.finally !== 'delete') {
      const r = await putRecord(op.id, `finally:${dup.id}`, 'customers', dup.id, { disabled: true }, dup.before, ctx);
      outcomes.push(r);
      if (r.sentNow)
        dropped.push(
          ...(await fieldsSyncroDropped(ctx.client, 'customers', dup.id, { disabled: true }, r.after)).map(
            (f) => `${f} (duplicate #${dup.id})`,
          ),
        );
    } else outcomes.push(await deleteRecord(op.id, `finally:${dup.id}`, resource, dup.id, dup.before, ctx));
  }
  const notes = [
    survivor === op.survivorId ? '' : `survivor #${survivor} chosen in the workbook`,
    mc.refused.length ? `not moved (not on a duplicate of this cluster): ${mc.refused.join('; ')}` : '',
  ].filter(Boolean);
  if (dropped.length) return notApplied(survivor, resource, dropped, notes.join('; ') || undefined);
  const sent = outcomes.some((o) => o.sentNow);
  return {
    outcome: sent ? 'applied' : 'skipped:already-applied',
    syncroId: survivor,
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}

function memberBefore(op: MergeOp, id: number): unknown {
  return op.members.find((m) => m.id === id)?.before;
}

/**
 * Moves one record to the survivor, or refuses: its before-image or its
 * current owner (read now) is not a duplicate of this cluster. Undefined when
 * nothing was done (refused, or already on the survivor).
 */
async function moveRecord(move: LinkedMove, mc: MoveContext): Promise<StepOutcome | undefined> {
  const { ctx, owner, survivor } = mc;
  const step = `move:${move.resource}:${move.id}`;
  const label = `${move.resource} #${move.id}`;
  const planned = Number((move.before as Rec)[owner]);
  if (planned === survivor) return undefined; // already the survivor's: nothing to move
  if (!mc.duplicates.has(planned)) {
    mc.refused.push(`${label} belonged to #${planned}`);
    return undefined;
  }
  let extra: Rec = {};
  if (ctx.steps.state(mc.opId, step)?.phase !== 'done') {
    const fresh = await current(move, mc);
    if (fresh === undefined) {
      mc.refused.push(`${label} no longer exists`);
      return undefined;
    }
    const now = Number(fresh[owner]);
    if (now === survivor && !ctx.steps.state(mc.opId, step)) return undefined; // moved by someone else meanwhile
    if (now !== survivor && !mc.duplicates.has(now)) {
      mc.refused.push(`${label} is now on #${fresh[owner] ?? 'none'}`);
      return undefined;
    }
    // Syncro's spec marks `name` required on an asset PUT: send the one it has now.
    if (move.resource === 'customer_assets') extra = { name: fresh.name ?? (move.before as Rec).name ?? '' };
  }
  const body = { [owner]: survivor, ...extra };
  if (move.resource === 'contacts') return putRecord(mc.opId, step, 'contacts', move.id, body, move.before, ctx);
  const resource = move.resource;
  return ctx.steps.run(mc.opId, {
    step,
    method: 'PUT',
    path: `${resource}/${move.id}`,
    body,
    before: move.before,
    send: async () => ({ resultId: move.id, after: slim(await ctx.client.updateLinked(resource, move.id, body)) }),
    verify: async () => {
      const record = (await ctx.client.getLinked(resource, move.id)) as Rec;
      return Number(record[owner]) === survivor ? { resultId: move.id, after: slim(record) } : undefined;
    },
  });
}

async function current(move: LinkedMove, mc: MoveContext): Promise<Rec | undefined> {
  try {
    return move.resource === 'contacts' ? await mc.ctx.client.getContact(move.id) : await mc.ctx.client.getLinked(move.resource, move.id);
  } catch (err) {
    if ((err as { code?: string }).code === 'API_NOT_FOUND') return undefined;
    throw err;
  }
}
