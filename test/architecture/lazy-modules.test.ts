/**
 * Heavy libraries stay out of the commands that do not need them: exceljs
 * costs about 0.2 s to load, and the import dry run writes report.xlsx with
 * its own writer, so nothing it loads up front (static value imports and
 * re-exports; `import()` and type-only imports are not loaded up front)
 * may reach exceljs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** The modules `file` loads before it runs: relative ones as paths, packages by name. */
function staticImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const node of sf.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name && !!c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) spec = node.moduleSpecifier;
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly) spec = node.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec)) continue;
    out.push(spec.text.startsWith('.') ? resolve(dirname(file), spec.text.replace(/\.js$/, '.ts')) : spec.text);
  }
  return out;
}

/** Each package `entry` loads up front, with the chain of modules that leads to it. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const via = new Map<string, string>([[entry, relative(SRC, entry)]]);
  const packages = new Map<string, string>();
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const to of staticImports(file)) {
      if (!to.startsWith('/')) {
        if (!packages.has(to)) packages.set(to, `${via.get(file)} -> ${to}`);
      } else if (existsSync(to) && !via.has(to)) {
        via.set(to, `${via.get(file)} -> ${relative(SRC, to)}`);
        queue.push(to);
      }
    }
  }
  return packages;
}

describe('what a command loads up front', () => {
  it('sees packages through static imports and re-exports (the check can fail)', () => {
    const report = packagesLoadedBy(resolve(SRC, 'report/index.ts'));
    expect(report.get('exceljs')).toMatch(/^report\/index\.ts -> .* -> exceljs$/);
  });

  it.each(['cli/import-flow.ts', 'run/import.ts', 'app/validate-files.ts'])('%s never loads exceljs', (entry) => {
    expect(packagesLoadedBy(resolve(SRC, entry)).get('exceljs')).toBeUndefined();
  });
});
