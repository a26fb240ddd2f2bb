/**
 * Run folders: `.syncro-etl/runs/<yyyymmdd-hhmmss>-<command>/` under the
 * current directory. Everything a run did can be read back from it: plan,
 * snapshot, reports, rejects, journal, results. This module owns the layout:
 * the file names, where the journal is, which workbook holds the decisions,
 * and the lock that lets one apply (or undo) at a time into a folder. No
 * other file spells a run file's name.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { SyncroEtlError } from './errors.js';

export const RUNS_DIR = join('.syncro-etl', 'runs');

export const RUN_FILES = {
  plan: 'plan.json',
  snapshot: 'snapshot.json',
  rejects: 'rejects.csv',
  reportXlsx: 'report.xlsx',
  reportHtml: 'report.html',
  auditXlsx: 'audit.xlsx',
  auditHtml: 'audit.html',
  results: 'results.csv',
  undoResults: 'undo-results.csv',
  journal: 'journal.db',
  lock: 'apply.lock',
  run: 'run.json',
} as const;

export type RunFileName = (typeof RUN_FILES)[keyof typeof RUN_FILES];

/** The path of one of a run's files. */
export function runFile(runDir: string, file: keyof typeof RUN_FILES): string {
  return join(runDir, RUN_FILES[file]);
}

/** The journal of every write apply and undo made in the run (SQLite, apply/journal.ts). */
export function journalPath(runDir: string): string {
  return runFile(runDir, 'journal');
}

/** results.csv after an apply, undo-results.csv after an undo. */
export function resultsPath(runDir: string, mode: 'apply' | 'undo'): string {
  return runFile(runDir, mode === 'apply' ? 'results' : 'undoResults');
}

/** The workbook a run's decisions are read from. */
export interface DecisionWorkbook {
  path: string;
  name: RunFileName;
  /** An audit run's audit.xlsx (decisions per cluster), else report.xlsx. */
  audit: boolean;
}

/** audit.xlsx for an audit run that has one, else report.xlsx. */
export function decisionWorkbook(runDir: string, plan: { command: 'import' | 'audit' }): DecisionWorkbook {
  const audit = plan.command === 'audit' && existsSync(runFile(runDir, 'auditXlsx'));
  const name = audit ? RUN_FILES.auditXlsx : RUN_FILES.reportXlsx;
  return { path: join(runDir, name), name, audit };
}

/**
 * One apply (or undo) per run folder at a time: a lock file holding the pid.
 * A lock left by a process that no longer exists (kill -9) is taken over.
 * Returns the release.
 */
export function acquireRunLock(runDir: string): () => void {
  const path = runFile(runDir, 'lock');
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

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function createRunFolder(cwd: string, command: string, now: Date = new Date()): string {
  const root = join(cwd, RUNS_DIR);
  mkdirSync(root, { recursive: true });
  const base = `${stamp(now)}-${command}`;
  let dir = join(root, base);
  for (let n = 2; existsSync(dir); n++) dir = join(root, `${base}-${n}`);
  mkdirSync(dir);
  return dir;
}

/** A run given as a path, a folder name under .syncro-etl/runs, or "latest". */
export function resolveRunFolder(arg: string, cwd: string = process.cwd()): string {
  const root = join(cwd, RUNS_DIR);
  let dir: string | undefined;
  if (arg === 'latest') {
    const names = existsSync(root)
      ? readdirSync(root)
          .filter((n) => statSync(join(root, n)).isDirectory())
          .sort()
      : [];
    dir = names.length ? join(root, names[names.length - 1]!) : undefined;
  } else if (existsSync(resolve(cwd, arg))) dir = resolve(cwd, arg);
  else if (existsSync(join(root, basename(arg)))) dir = join(root, basename(arg));
  if (!dir || !existsSync(runFile(dir, 'plan'))) {
    throw new SyncroEtlError(
      'RUN_NOT_FOUND',
      `no run folder with a plan.json at "${arg}"; runs live under ${root} (use a folder name, a path, or "latest")`,
      { file: arg },
    );
  }
  return dir;
}
