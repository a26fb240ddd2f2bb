/**
 * The import rules of docs/architecture.md, checked on the src tree as it is:
 * - which folder may import which (a new dependency between folders is a
 *   design decision: change docs/architecture.md and ALLOWED together);
 * - nothing imports src/cli but src/cli; nothing below the application layer
 *   imports src/app or src/index.ts; only the entry points import the sandbox;
 * - no file-level import cycles at all. Type-only imports count: a cycle of
 *   types still ties two modules together (issue 15 broke the last ones).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf } from './import-edges.js';
import type { Edge } from './import-edges.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Folder (or top-level module) → the folders it may import. Keep in step with docs/architecture.md. */
const ALLOWED: Record<string, readonly string[]> = {
  // the shared kernel
  errors: ['model'],
  events: [],
  'json-syntax': [],
  model: ['errors'],
  // spreadsheet cell safety, for every writer of CSV and XLSX
  'safe-cell': [],
  // the run folder's layout: file names, journal location, decisions workbook, lock
  'run-folder': ['errors'],
  // pure helpers and adapters
  normalize: ['errors', 'model'],
  read: ['errors', 'events', 'model'],
  syncro: ['errors', 'events', 'json-syntax', 'model', 'normalize'],
  templates: ['errors', 'json-syntax', 'model', 'normalize', 'read'],
  // stages
  ingest: ['errors', 'events', 'model', 'normalize', 'plan', 'read', 'templates'],
  match: ['errors', 'events', 'model', 'normalize'],
  plan: ['errors', 'events', 'match', 'model', 'normalize', 'run-folder', 'syncro'],
  audit: ['errors', 'events', 'ingest', 'match', 'model', 'normalize', 'plan', 'syncro'],
  // report -> match: the dedupe command's clusters.csv/xlsx are written here, not in the matcher
  report: ['audit', 'errors', 'events', 'match', 'model', 'plan', 'run-folder', 'safe-cell'],
  export: ['errors', 'events', 'model', 'normalize', 'safe-cell', 'syncro'],
  apply: ['errors', 'events', 'model', 'normalize', 'plan', 'run-folder', 'safe-cell', 'syncro'],
  doctor: ['errors', 'events', 'syncro'],
  sandbox: ['errors', 'syncro'],
  // run folders and the dry runs that write them
  run: ['audit', 'errors', 'events', 'ingest', 'model', 'plan', 'report', 'run-folder', 'syncro'],
  // the application layer: every rule about runs
  app: [
    'apply',
    'audit',
    'errors',
    'events',
    'export',
    'ingest',
    'match',
    'model',
    'plan',
    'report',
    'run',
    'run-folder',
    'syncro',
    'templates',
  ],
  // entry points
  index: ['app', 'apply', 'errors', 'events', 'export', 'plan', 'run-folder', 'sandbox', 'syncro', 'templates'],
  cli: [
    'app',
    'apply',
    'audit',
    'doctor',
    'errors',
    'events',
    'export',
    'ingest',
    'match',
    'model',
    'plan',
    'read',
    'report',
    'run',
    'run-folder',
    'sandbox',
    'syncro',
    'templates',
  ],
};
const ENTRY_POINTS = new Set(['cli', 'index']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path.replace(/\.ts$/, ''));

/** Per file, its relative imports (static, re-exports, dynamic import(), import types). */
const graph = new Map<string, Edge[]>(
  sourceFiles(SRC).map((f) => [relative(SRC, f).split(sep).join('/'), importsOf(f, SRC).filter((e) => !e.pkg)]),
);

/**
 * Every import cycle of a graph, each as the path that closes it ("a -> b -> a"),
 * by depth-first search: an edge back to a file still on the path closes one.
 */
export function importCycles(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const done = new Set<string>();
  const onPath = new Map<string, number>(); // file -> its index in `path`
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string): void => {
    onPath.set(file, path.length);
    path.push(file);
    for (const to of edges.get(file) ?? []) {
      if (!edges.has(to) || done.has(to)) continue;
      const at = onPath.get(to);
      if (at !== undefined) found.push([...path.slice(at), to].join(' -> '));
      else visit(to);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of [...edges.keys()].sort()) if (!done.has(file)) visit(file);
  return found;
}

describe('import rules (docs/architecture.md)', () => {
  it('reads the tree (the parser sees imports, re-exports and dynamic imports)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('index.ts')?.some((e) => e.to === 'app/index.ts')).toBe(true);
    expect(graph.get('cli/commands/apply.ts')?.some((e) => e.to === 'run-folder.ts')).toBe(true); // a dynamic import()
  });

  it('every folder imports only the folders it may (a new dependency is a design change: update docs/architecture.md and ALLOWED)', () => {
    const unexpected: string[] = [];
    for (const [file, edges] of graph) {
      const from = folderOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) {
        unexpected.push(`${file}: folder "${from}" has no import rule in docs/architecture.md / ALLOWED`);
        continue;
      }
      for (const e of edges) {
        const to = folderOf(e.to);
        if (to !== from && !allowed.includes(to)) unexpected.push(`${file} imports ${e.to} (${from} may not import ${to})`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('nothing outside src/cli imports src/cli; nothing below the application layer imports src/app or src/index.ts; only entry points import the sandbox', () => {
    const wrong: string[] = [];
    for (const [file, edges] of graph) {
      const from = folderOf(file);
      for (const e of edges) {
        const to = folderOf(e.to);
        if (to === 'cli' && from !== 'cli') wrong.push(`${file} imports ${e.to}: only the CLI imports the CLI`);
        if ((to === 'app' || to === 'index') && from !== 'app' && !ENTRY_POINTS.has(from))
          wrong.push(`${file} imports ${e.to}: the application layer sits above the stages`);
        if (to === 'sandbox' && from !== 'sandbox' && !ENTRY_POINTS.has(from))
          wrong.push(`${file} imports ${e.to}: the sandbox is a test server, not part of the core`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the CLI plans imports and audits, applies, undoes, exports, dedupes and validates through src/app only (so it cannot skip the run checks)', () => {
    const throughApp = new Set([
      'apply/executor.ts',
      'apply/undo.ts',
      'run/import.ts',
      // audit
      'run/audit.ts',
      'audit/from-export.ts',
      // export
      'export/export.ts',
      'export/index.ts',
      // dedupe
      'match/dedupe.ts',
      'report/dedupe-clusters.ts',
      // validate (and dedupe: reading)
      'ingest/load.ts',
      'ingest/rejects.ts',
    ]);
    const direct = [...graph].flatMap(([file, edges]) =>
      folderOf(file) === 'cli' ? edges.filter((e) => throughApp.has(e.to)).map((e) => `${file} imports ${e.to}`) : [],
    );
    expect(direct).toEqual([]);
  });

  it('the cycle search finds a cycle, a self-import and a cycle of three, and passes a graph without one', () => {
    const g = (o: Record<string, string[]>) => new Map(Object.entries(o));
    expect(importCycles(g({ a: ['b'], b: ['a'] }))).toEqual(['a -> b -> a']);
    expect(importCycles(g({ a: ['a'] }))).toEqual(['a -> a']);
    expect(importCycles(g({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual(['a -> b -> c -> a']);
    expect(importCycles(g({ a: ['b', 'c'], b: ['c'], c: [], d: ['a', 'outside'] }))).toEqual([]);
  });

  it('no file-level import cycles in src (type-only imports included)', () => {
    const edges = new Map([...graph].map(([file, es]) => [file, es.map((e) => e.to)]));
    expect(importCycles(edges)).toEqual([]);
  });
});
