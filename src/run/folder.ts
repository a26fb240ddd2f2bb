/**
 * Run folders: `.syncro-etl/runs/<yyyymmdd-hhmmss>-<command>/` under the
 * current directory. Everything a run did can be read back from it: plan,
 * snapshot, reports, rejects, journal, results.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { SyncroEtlError } from '../errors.js';

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
  decisions: 'decisions.json',
  run: 'run.json',
} as const;

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
  if (!dir || !existsSync(join(dir, RUN_FILES.plan))) {
    throw new SyncroEtlError(
      'RUN_NOT_FOUND',
      `no run folder with a plan.json at "${arg}"; runs live under ${root} (use a folder name, a path, or "latest")`,
      { file: arg },
    );
  }
  return dir;
}
