/**
 * One apply (or undo) per run folder at a time: a lock file holding the pid.
 * A lock left by a process that no longer exists (kill -9) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyncroEtlError } from '../errors.js';

export function acquireRunLock(runDir: string): () => void {
  const path = join(runDir, 'apply.lock');
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(path, 'utf8'));
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new SyncroEtlError(
        'RUN_LOCKED',
        `another syncro-etl process (pid ${holder}) is applying this run; wait for it or stop it first`,
        { file: runDir },
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
