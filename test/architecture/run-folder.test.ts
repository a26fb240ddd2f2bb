/**
 * One module owns the run folder's layout (src/run-folder.ts): no other file
 * in src spells a run file's name as a string of its own (a path joined by
 * hand drifts from the one the module gives).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RUN_FILES } from '../../src/run-folder.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const OWNER = 'run-folder.ts';
/** Same name, another file: `validate` writes <input>.rejects.csv beside its input, not in a run folder. */
const NOT_RUN_FILES = new Set(['app/validate-files.ts: rejects.csv']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** String literals (and templates without substitutions) in `text` equal to one of `names`. */
export function literalsNamed(text: string, names: ReadonlySet<string>): string[] {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && names.has(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the run folder module owns the file names', () => {
  const names = new Set<string>(Object.values(RUN_FILES));

  it('the search sees a name in a literal and in a template, not in prose or a longer path', () => {
    const found = literalsNamed("join(dir, 'journal.db'); const p = `results.csv`; const m = 'see report.xlsx'; f('x/plan.json');", names);
    expect(found).toEqual(['journal.db', 'results.csv']);
  });

  it('no file in src but run-folder.ts spells a run file name', () => {
    const spelled = sourceFiles(SRC).flatMap((file) => {
      const path = relative(SRC, file).split(sep).join('/');
      if (path === OWNER) return [];
      return literalsNamed(readFileSync(file, 'utf8'), names)
        .map((name) => `${path}: ${name}`)
        .filter((hit) => !NOT_RUN_FILES.has(hit));
    });
    expect(spelled).toEqual([]);
  });
});
