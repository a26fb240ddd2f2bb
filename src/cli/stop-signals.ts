/**
 * Ctrl-C (SIGINT) and SIGTERM (a service manager, `kill`, a CI timeout) stop
 * a run the same way: the writes in flight finish, the journal is closed,
 * the resume command is printed and the exit code is 5. A second signal
 * exits at once (the journal still holds every finished write).
 */
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Aborts `controller` on the first SIGINT or SIGTERM; returns the function that removes the handlers. */
export function stopOnSignals(io: CliIO, controller: AbortController, verb = 'Stopping'): () => void {
  const force = () => process.exit(EXIT.ABORTED);
  const onSignal = (signal: NodeJS.Signals) => {
    const name = signal === 'SIGINT' ? 'Ctrl-C' : signal;
    io.err(`\n${name}: ${verb} after the writes in flight (send it again to stop at once)…`);
    controller.abort(name); // the run's summary names what stopped it
    for (const s of SIGNALS) {
      process.off(s, onSignal);
      process.once(s, force);
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    for (const s of SIGNALS) {
      process.off(s, onSignal);
      process.off(s, force);
    }
  };
}
