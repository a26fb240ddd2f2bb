/**
 * HTML escaping for untrusted record values: every piece of plan data goes
 * through `esc` (text and attribute values alike), so a value can never
 * become markup or script.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes `value` for HTML text and quoted attributes. */
export function esc(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/** Tagged template whose interpolations are escaped unless wrapped by `raw`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

/** Markup that is already safe (built by `html` or our own constants). */
export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(markup: string): Raw {
  return new Raw(markup);
}

function render(v: unknown): string {
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === false || v === null || v === undefined) return '';
  return esc(v);
}
