/**
 * The imports of one source file, read with the TypeScript parser: static
 * imports, re-exports, dynamic import() and import types, each marked
 * type-only or dynamic, relative ones as src-relative paths, packages by name.
 * The architecture tests build their graphs from it.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Edge {
  /** A src-relative path ("plan/io.ts"), or a package's name when `pkg`. */
  to: string;
  typeOnly: boolean;
  /** An `import()`: loaded when that code runs, not with the module. */
  dynamic: boolean;
  pkg: boolean;
}

export function importsOf(file: string, src: string): Edge[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (spec: ts.Node | undefined, typeOnly: boolean, dynamic = false): void => {
    if (!spec || !ts.isStringLiteral(spec)) return;
    const pkg = !spec.text.startsWith('.');
    edges.push({
      to: pkg
        ? spec.text
        : relative(src, resolve(dirname(file), spec.text.replace(/\.js$/, '.ts')))
            .split(sep)
            .join('/'),
      typeOnly,
      dynamic,
      pkg,
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
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}
