import type { FieldRule, Template } from '../../src/templates/schema.js';

/** The first header name of every column a template rule can read, plus an unmapped and a custom-field column. */
export function headersOf(t: Template): string[] {
  const cols = new Set<string>();
  const add = (rule: FieldRule): void => {
    if (typeof rule === 'string') cols.add(rule);
    else if (Array.isArray(rule)) for (const r of rule) add(r);
    else {
      if (rule.column !== undefined) add(rule.column);
      for (const j of rule.join ?? []) add(j);
    }
  };
  for (const r of [...Object.values(t.customer), ...Object.values(t.contact)]) add(r);
  return [...cols, 'Odd Column', 'custom: Contract'];
}
