/**
 * The import rules of docs/architecture.md, checked on the src tree as it is:
 * - which folder may import which (a new dependency between folders is a
 *   design decision: change docs/architecture.md and ALLOWED together);
 * - nothing imports src/cli but src/cli; nothing below the application layer
 *   imports src/app or src/index.ts; only the entry points import the sandbox;
 * - no file-level import cycles, except the ones known today (issue 15), each
 *   named below: a new cycle fails. Type-only imports count (a cycle of types
 *   still ties two modules together), except that the src/cli cycle is allowed
 *   only while it is made of type imports alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Folder (or top-level module) → the folders it may import. Keep in step with docs/architecture.md. */
const ALLOWED: Record<string, readonly string[]> = {
  // the shared kernel
  errors: ['model'],
  events: [],
  'json-syntax': [],
  model: ['errors'],
  // pure helpers and adapters
  normalize: ['errors', 'model'],
  read: ['errors', 'events', 'model'],
  syncro: ['errors', 'events', 'json-syntax', 'model', 'normalize'],
  templates: ['errors', 'json-syntax', 'model', 'normalize', 'read'],
  // stages
  ingest: ['errors', 'events', 'model', 'normalize', 'plan', 'read', 'templates'],
  // match -> report: safe-cell, to move where every spreadsheet writer can reach it (issue 15)
  match: ['errors', 'events', 'model', 'normalize', 'report'],
  plan: ['errors', 'events', 'match', 'model', 'normalize', 'syncro'],
  audit: ['errors', 'events', 'ingest', 'match', 'model', 'normalize', 'plan', 'syncro'],
  report: ['audit', 'errors', 'events', 'model', 'plan'],
  export: ['errors', 'events', 'model', 'normalize', 'report', 'syncro'],
  apply: ['errors', 'events', 'model', 'normalize', 'plan', 'report', 'syncro'],
  doctor: ['errors', 'events', 'syncro'],
  sandbox: ['errors', 'syncro'],
  // run folders and the dry runs that write them
  run: ['audit', 'errors', 'events', 'ingest', 'model', 'plan', 'report', 'syncro'],
  // the application layer: every rule about runs
  app: ['apply', 'audit', 'errors', 'events', 'export', 'ingest', 'match', 'model', 'plan', 'report', 'run', 'syncro', 'templates'],
  // entry points
  index: ['app', 'apply', 'errors', 'events', 'export', 'plan', 'sandbox', 'syncro', 'templates'],
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
    'sandbox',
    'syncro',
    'templates',
  ],
};
const ENTRY_POINTS = new Set(['cli', 'index']);

/** File-level cycles that exist today, named in issue 15; each is allowed only within these files. */
const KNOWN_CYCLES: ReadonlyArray<{ name: string; files: readonly string[]; typeOnly?: boolean }> = [
  { name: 'apply: operations <-> merge (issue 15)', files: ['apply/operations.ts', 'apply/merge.ts', 'apply/kept.ts'] },
  { name: 'syncro: client <-> create-recovery (issue 15)', files: ['syncro/client.ts', 'syncro/create-recovery.ts'] },
  {
    name: 'ingest: map-row <-> fast-row <-> fast-company (issue 15)',
    files: ['ingest/map-row.ts', 'ingest/fast-row.ts', 'ingest/fast-company.ts'],
  },
];

interface Edge {
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports of one file (static, re-exports, dynamic import()), as src-relative paths. */
function importsOf(file: string): Edge[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (spec: ts.Node | undefined, typeOnly: boolean): void => {
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
    edges.push({
      to: relative(SRC, resolve(dirname(file), spec.text.replace(/\.js$/, '.ts')))
        .split(sep)
        .join('/'),
      typeOnly,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path.replace(/\.ts$/, ''));

const graph = new Map<string, Edge[]>(sourceFiles(SRC).map((f) => [relative(SRC, f).split(sep).join('/'), importsOf(f)]));

/** Strongly connected components of more than one file (Tarjan). */
function cycles(withTypes: boolean): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const e of graph.get(v) ?? []) {
      if (!graph.has(e.to) || (e.typeOnly && !withTypes)) continue;
      if (!index.has(e.to)) {
        connect(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) low.set(v, Math.min(low.get(v)!, index.get(e.to)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) found.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

const inGroup = (file: string, files: readonly string[]): boolean => files.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f));

describe('import rules (docs/architecture.md)', () => {
  it('reads the tree (the parser sees imports, re-exports and dynamic imports)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('index.ts')?.some((e) => e.to === 'app/index.ts')).toBe(true);
    expect(graph.get('cli/commands/apply.ts')?.some((e) => e.to.startsWith('run/'))).toBe(true); // a dynamic import()
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

  it('the CLI applies and undoes through src/app only (so it cannot skip the run checks)', () => {
    const direct = [...graph].flatMap(([file, edges]) =>
      folderOf(file) === 'cli'
        ? edges.filter((e) => e.to === 'apply/executor.ts' || e.to === 'apply/undo.ts').map((e) => `${file} imports ${e.to}`)
        : [],
    );
    expect(direct).toEqual([]);
  });

  it('no file-level import cycles beyond the known, named ones', () => {
    const runtime = cycles(false);
    const unknown: string[] = [];
    for (const scc of cycles(true)) {
      const known = KNOWN_CYCLES.find((k) => scc.every((f) => inGroup(f, k.files)));
      if (!known) unknown.push(`new cycle: ${scc.join(' <-> ')}`);
      else if (known.typeOnly && runtime.some((r) => r.some((f) => scc.includes(f))))
        unknown.push(`"${known.name}" is allowed as type imports only, but now cycles at run time: ${scc.join(' <-> ')}`);
    }
    expect(unknown).toEqual([]);
  });
});
