/**
 * Built-in templates live in the package's /templates folder as JSON; a user
 * template is any JSON file in the same format. Both are checked against
 * {@link TemplateSchema}; problems name the file and the field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SyncroEtlError } from '../errors.js';
import { TemplateSchema } from './schema.js';
import type { Template } from './schema.js';
import { jsonSyntaxProblem } from '../json-syntax.js';

/** The folder holding the built-in templates (found upward from this module: src/, dist/ and dist-bench/ all work). */
export function builtinTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'generic.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new SyncroEtlError('INTERNAL', 'The built-in templates folder was not found next to the installed package.');
}

/** Parse and check a template's JSON text; `origin` names it in errors. */
export function parseTemplate(text: string, origin: string): Template {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SyncroEtlError('TEMPLATE_INVALID', `Template ${origin} is ${jsonSyntaxProblem(err, text)}; a template is a JSON file (see templates/README.md)`, { file: origin }, { cause: err });
  }
  const parsed = TemplateSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new SyncroEtlError('TEMPLATE_INVALID', `Template ${origin} is not a valid template: ${problems.join('; ')}. See templates/README.md for the format.`, { file: origin, problems });
  }
  return parsed.data;
}

let cache: Template[] | undefined;

/** Every built-in template, sorted by name (generic last). */
export function builtinTemplates(): Template[] {
  if (!cache) {
    const dir = builtinTemplateDir();
    cache = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => parseTemplate(readFileSync(join(dir, f), 'utf8'), join(dir, f)))
      .sort((a, b) => Number(a.fallback) - Number(b.fallback) || a.name.localeCompare(b.name));
  }
  return cache;
}

/** True when `spec` names a file rather than a built-in template. */
const looksLikePath = (spec: string): boolean => /[\\/]/.test(spec) || spec.toLowerCase().endsWith('.json');

/**
 * A built-in template by name, or a template file by path.
 * Throws TEMPLATE_NOT_FOUND (listing the names) or TEMPLATE_INVALID.
 * @example loadTemplate('autotask'); loadTemplate('./my-psa.json')
 */
export function loadTemplate(spec: string): Template {
  if (looksLikePath(spec)) {
    const path = resolve(spec);
    if (!existsSync(path)) throw new SyncroEtlError('TEMPLATE_NOT_FOUND', `Template file ${spec} does not exist.`, { file: spec });
    return parseTemplate(readFileSync(path, 'utf8'), spec);
  }
  const found = builtinTemplates().find((t) => t.name === spec.trim().toLowerCase());
  if (!found) {
    throw new SyncroEtlError('TEMPLATE_NOT_FOUND', `There is no template "${spec}". Built-in templates: ${builtinTemplates().map((t) => t.name).join(', ')}; or pass the path of a template .json file.`, { value: spec });
  }
  return found;
}
