/**
 * Heavy libraries stay out of the commands that do not need them: exceljs
 * costs about 0.2 s to load, and the import dry run writes report.xlsx with
 * its own writer, so nothing it loads up front (static value imports and
 * re-exports; `import()` and type-only imports are not loaded up front)
 * may reach exceljs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf } from './import-edges.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Each package `entry` (src-relative) loads up front, with the chain of modules that leads to it. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const via = new Map<string, string>([[entry, entry]]);
  const packages = new Map<string, string>();
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const e of importsOf(resolve(SRC, file), SRC)) {
      if (e.typeOnly || e.dynamic) continue; // not loaded with the module
      if (e.pkg) {
        if (!packages.has(e.to)) packages.set(e.to, `${via.get(file)} -> ${e.to}`);
      } else if (existsSync(resolve(SRC, e.to)) && !via.has(e.to)) {
        via.set(e.to, `${via.get(file)} -> ${e.to}`);
        queue.push(e.to);
      }
    }
  }
  return packages;
}

describe('what a command loads up front', () => {
  it('sees packages through static imports and re-exports (the check can fail)', () => {
    const report = packagesLoadedBy('report/index.ts');
    expect(report.get('exceljs')).toMatch(/^report\/index\.ts -> .* -> exceljs$/);
  });

  it.each(['cli/import-flow.ts', 'run/import.ts', 'app/validate-files.ts'])('%s never loads exceljs', (entry) => {
    expect(packagesLoadedBy(entry).get('exceljs')).toBeUndefined();
  });
});
