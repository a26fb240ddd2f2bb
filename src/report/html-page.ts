/**
 * The shell both report pages share: doctype, a Content-Security-Policy that
 * blocks all network access and allows only the page's own script (by its
 * hash), no referrer, no favicon fetch, inline styles.
 */
import { createHash } from 'node:crypto';
import { html, raw } from './html-escape.js';
import type { Raw } from './html-escape.js';

export function htmlPage(page: { title: string; css: string; script: string; body: Raw }): string {
  const scriptHash = createHash('sha256').update(page.script).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title}</title>
<link rel="icon" href="data:,">
<style>${raw(page.css)}</style></head>
<body>
${page.body}
<script>${raw(page.script)}</script>
</body></html>
`.value;
}
