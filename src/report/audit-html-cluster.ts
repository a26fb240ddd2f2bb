/**
 * One card per cluster for audit.html: the members side by side (proposed
 * survivor first, with its badge), cells that differ from the survivor
 * highlighted, the merged result last, linked counts, and beside it the
 * score with per-field weight bars, the survivor's reason, what merging does
 * and the choices in audit.xlsx. A person under several customers gets a
 * card of its own. Every value is escaped via `html`.
 */
import type { AcrossRow, ClusterGrid, GridRow } from './audit-grid.js';
import { html } from './html-escape.js';
import type { Raw } from './html-escape.js';
import { evidence } from './html-ops.js';

const DIFF_TITLES = {
  differs: 'differs from the survivor',
  format: 'the same value as the survivor, written differently',
  same: '',
} as const;

/** The card of one merge cluster. */
export function clusterCard(grid: ClusterGrid): Raw {
  const kind = grid.op.kind === 'merge-customers' ? 'customers' : 'contacts';
  const names = grid.members.map((m) => m.label).join(' + ');
  return html`<article class="cluster k-${kind}" data-kind="${kind}" id="cl-${grid.op.id}">
<header class="cl-head"><span class="badge t-merge">${grid.title}</span><h3>${names}</h3>${grid.score === undefined ? '' : html`<span class="sc" title="match score: log2 odds that these are one ${kind === 'customers' ? 'customer' : 'contact'}">score<b>${grid.score.toFixed(1)}</b></span>`}<code>${grid.op.id}</code></header>
<div class="cl-body"><div class="cl-grid">${table(grid)}</div>
<aside class="cl-side">
<h4>Why a match</h4>${evidence(grid.op.evidence, !grid.op.evidence.fields?.length)}${pairs(grid.op.evidence.text)}
<h4>Survivor</h4><p class="surv"><span class="role keep">#${grid.op.survivorId}</span> ${grid.survivorReason}</p><p class="steps">${grid.steps}.</p>
<div class="decide choices">Decide in <b>audit.xlsx</b>: ${grid.options.map((c, i) => html`${i ? ' · ' : ''}<code>${c}</code>`)}</div>
</aside></div></article>`;
}

/** A cluster of three or more explains every pair ("#1~#2: … | #1~#3: …"): listed, folded. */
function pairs(text: string | undefined): Raw | string {
  const parts = (text ?? '').split(' | ').filter(Boolean);
  if (parts.length < 2) return '';
  return html`<details class="pairs"><summary>Each pair (${parts.length})</summary><ul>${parts.map((p) => html`<li>${p}</li>`)}</ul></details>`;
}

function table(grid: ClusterGrid): Raw {
  const head = grid.members.map(
    (m) =>
      html`<th class="m${m.survivor ? ' keep' : ''}">${m.survivor ? html`<span class="role keep">Survivor</span> ` : html`<span class="role dup">Duplicate</span> `}<span class="sid">#${m.id}</span><div class="mname">${m.label}</div></th>`,
  );
  return html`<table class="grid"><thead><tr><th class="f">Field</th>${head}<th class="after">After merge<div class="mname muted">if #${grid.op.survivorId} survives</div></th></tr></thead>
<tbody>${grid.rows.map((r, i) => row(r, i > 0 && grid.rows[i - 1]!.group !== r.group && r.group !== 'custom'))}</tbody></table>`;
}

/** One field's row; `starts` marks the first row of the dates and of the linked counts. */
function row(r: GridRow, starts: boolean): Raw {
  const cells = r.cells.map((c, i) => {
    const cls = [i === 0 ? 'keep' : '', c.diff !== 'same' ? `d-${c.diff}` : ''].filter(Boolean).join(' ');
    return html`<td${cls ? html` class="${cls}"` : ''}${c.diff !== 'same' ? html` title="${DIFF_TITLES[c.diff]}"` : ''}>${c.text === '' ? html`<span class="blank">–</span>` : c.text}</td>`;
  });
  const after = html`<td class="after${r.after.changed ? ' chg' : ''}"${r.after.changed ? html` title="changed by the merge"` : ''}>${r.after.text === '' ? html`<span class="blank">–</span>` : r.after.text}</td>`;
  return html`<tr class="g-${r.group}${starts ? ' starts' : ''}" data-key="${r.key}"><th>${r.label}</th>${cells}${after}</tr>`;
}

/** The card of a person found under several customers (never merged by the audit). */
export function acrossCard(r: AcrossRow): Raw {
  return html`<article class="cluster k-across" data-kind="across" id="cl-${r.op.id}">
<header class="cl-head"><span class="badge t-conflict">Across customers</span><h3>${r.person}</h3>${r.score === undefined ? '' : html`<span class="sc">score<b>${r.score.toFixed(1)}</b></span>`}<code>${r.op.id}</code></header>
<div class="across-body"><div><div class="reason">Under ${r.customers.length} customers</div><ul>${r.customers.map((c) => html`<li>${c}</li>`)}</ul><p class="muted">${r.reason}</p></div>
<aside>${r.op.candidates[0]?.evidence ? evidence(r.op.candidates[0].evidence, true) : ''}<div class="decide">Not merged by the audit (Decision: <code>skip</code>). Merge their customers first, then audit again.</div></aside></div>
</article>`;
}
