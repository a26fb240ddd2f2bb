/**
 * The account a run was planned against. Apply and undo write only to that
 * account: a plan made on the sandbox never reaches a real Syncro, nor one
 * account's plan another.
 */
import { SyncroEtlError } from '../errors.js';
import type { EventSink } from '../events.js';
import type { Plan } from '../plan/schema.js';
import type { SyncroClient } from '../syncro/client.js';

/** As recorded in plan.json: the embedded sandbox (`sandbox: true`, any port) or a base URL. */
export type RunTarget = Plan['target'];

/** What a connection must offer to apply or undo a run. */
export interface RunConnection {
  client: SyncroClient;
  target: RunTarget;
  /** When given, the client's events go to the call's `onEvent` too while it runs. */
  listen?(sink: EventSink): () => void;
}

const describe = (t: RunTarget): string => (t.sandbox ? 'the local sandbox' : t.baseUrl);

/** Throws RUN_TARGET_MISMATCH unless `now` is the account `planned` was made against. */
export function checkSameTarget(planned: RunTarget, now: RunTarget): void {
  const same = planned.sandbox ? now.sandbox : !now.sandbox && planned.baseUrl === now.baseUrl;
  if (same) return;
  throw new SyncroEtlError(
    'RUN_TARGET_MISMATCH',
    `this plan was made against ${describe(planned)}, but the target now is ${describe(now)}; point at the same account or plan again`,
    { planned: describe(planned), target: describe(now) },
  );
}
