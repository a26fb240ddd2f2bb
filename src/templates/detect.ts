/**
 * Template auto-detection by header fingerprint. Each template's confidence
 * (0..1) is 70% the share of its fingerprint headers the file has and 30%
 * the share of the file's columns it reads. The catch-all `generic`
 * template scores 85% of the share of columns it reads, and ranks below any
 * specific template that finds at least half of its fingerprint.
 */
import { SyncroEtlError } from '../errors.js';
import { headerKey } from '../read/header.js';
import { compileTemplate } from './compile.js';
import type { Template } from './schema.js';

export interface TemplateScore {
  name: string;
  confidence: number;
  /** Fingerprint headers found, of those the template lists. */
  fingerprint: { found: string[]; missing: string[] };
  mappedColumns: number;
  template: Template;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Score one template against a header. */
export function scoreTemplate(template: Template, headers: string[]): TemplateScore {
  const keys = new Set(headers.map(headerKey));
  const found = template.detect.filter((h) => keys.has(headerKey(h)));
  const missing = template.detect.filter((h) => !keys.has(headerKey(h)));
  const compiled = compileTemplate(template, headers);
  const reads = compiled.mapped.length + compiled.ignored.length;
  const coverage = headers.length === 0 ? 0 : reads / headers.length;
  const fp = template.detect.length === 0 ? 0 : found.length / template.detect.length;
  const confidence = template.fallback ? 0.85 * coverage : 0.7 * fp + 0.3 * coverage;
  return { name: template.name, confidence: round(confidence), fingerprint: { found, missing }, mappedColumns: compiled.mapped.length, template };
}

/**
 * Every template scored against `headers`, best first.
 * @example rankTemplates(builtinTemplates(), headers)[0].name // "autotask"
 */
export function rankTemplates(templates: Template[], headers: string[]): TemplateScore[] {
  const strong = (s: TemplateScore): boolean => !s.template.fallback && s.fingerprint.found.length * 2 >= s.template.detect.length;
  return templates
    .map((t) => scoreTemplate(t, headers))
    .sort((a, b) => Number(strong(b)) - Number(strong(a)) || b.confidence - a.confidence || Number(a.template.fallback) - Number(b.template.fallback) || a.name.localeCompare(b.name));
}

/**
 * The best template for `headers`. Throws TEMPLATE_UNDETECTED when no
 * template reads any column that names a customer or contact.
 */
export function detectTemplate(templates: Template[], headers: string[], file: string, otherSheets: readonly string[] = []): TemplateScore {
  const ranked = rankTemplates(templates, headers);
  const best = ranked[0];
  if (!best || best.confidence < 0.15 || best.mappedColumns === 0) {
    throw new SyncroEtlError(
      'TEMPLATE_UNDETECTED',
      `${file}: no template recognises its columns (${headers.slice(0, 12).join(', ')}${headers.length > 12 ? ', …' : ''}). ${otherSheets.length ? `The workbook also has the sheet(s) ${otherSheets.map((n) => `"${n}"`).join(', ')}: pass --sheet NAME if the data is there, or pass` : 'Pass'} --template NAME (see 'syncro-etl templates') or --template path/to/your-template.json.`,
      { file, headers },
    );
  }
  return best;
}
