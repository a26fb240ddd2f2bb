/**
 * One table row per plan operation for the HTML report: what it is, what it
 * changes (diffs with before struck through and after highlighted), and why
 * (match evidence with per-field weight bars). All data escaped via `html`.
 */
import type { Evidence, FieldChange, Operation, OperationOf } from '../plan/schema.js';
import { decisionOptions } from './decision-rules.js';
import {
  customerRefText,
  diffValue,
  displayValue,
  flattenPayload,
  foldedText,
  KIND_LABELS,
  recordName,
  ruleLabel,
  signed,
  sourcesText,
  targetIdOf,
} from './format.js';
import { firstOf } from './html-excerpt.js';
import { html } from './html-escape.js';
import type { Raw } from './html-escape.js';
import { afterwardsText, changesIfSurvives, countsText, membersSurvivorFirst, movesText } from './merge-facts.js';
import type { MergeOp } from './merge-facts.js';

/** Colour family of a kind's badge and filter chip. */
export function kindTone(kind: Operation['kind']): string {
  if (kind.startsWith('create')) return 'create';
  if (kind.startsWith('update')) return 'update';
  if (kind.startsWith('merge')) return 'merge';
  if (kind === 'move-contact') return 'move';
  if (kind === 'delete-contact' || kind === 'invalid') return 'danger';
  return kind;
}

export function opRow(op: Operation, labels: ReadonlyMap<string, string>): Raw {
  const target = targetIdOf(op);
  const reasons = why(op);
  return html`<tr class="op" data-kind="${op.kind}" id="op-${op.id}">
<td class="c-kind"><span class="badge t-${kindTone(op.kind)}">${KIND_LABELS[op.kind]}</span></td>
<td class="c-rec"><div class="rec">${op.label}</div><div class="sub">${target === undefined ? '' : html`<span class="sid">#${target}</span>`}<code>${op.id}</code></div>${op.sources.length ? html`<div class="src" title="${[...new Set(op.sources.map((s) => s.file))].join('\n')}">${sourcesShort(op)}</div>` : ''}</td>
${reasons ? html`<td class="c-what">${details(op, labels)}</td><td class="c-why">${reasons}</td>` : html`<td class="c-what" colspan="2">${details(op, labels)}</td>`}
</tr>`;
}

/** Source rows, the first few when an operation gathers many rows. */
function sourcesShort(op: Operation): string {
  const { shown, more } = firstOf(op.sources);
  return more ? `${sourcesText(shown)} … and ${more.toLocaleString('en-US')} more rows` : sourcesText(shown);
}

function details(op: Operation, labels: ReadonlyMap<string, string>): Raw {
  switch (op.kind) {
    case 'create-customer':
      return kv(op.payload);
    case 'create-contact':
      return html`<div class="note">Under customer <strong>${customerRefText(op.customer, labels)}</strong></div>${kv(op.payload)}`;
    case 'update-customer':
    case 'update-contact':
      return diff(op.changes, op.held);
    case 'move-contact':
      return html`<div class="flow"><span class="from">customer #${displayValue(op.before.customer_id)}</span><span class="arrow">→</span><span class="to">${customerRefText(op.toCustomer, labels)}</span></div>${op.changes.length ? diff(op.changes, []) : ''}`;
    case 'delete-contact':
      return html`<div class="flow"><span class="from del">contact #${op.targetId} ${recordName(op.before)}</span><span class="arrow">→</span><span class="to danger">deleted</span></div><div class="muted">Its before-image is kept in the plan, so undo can restore it.</div>`;
    case 'merge-customers':
    case 'merge-contacts':
      return merge(op);
    case 'conflict':
      return conflict(op, labels);
    case 'skip':
      return html`<div class="muted">${op.reason}</div>`;
    case 'invalid': {
      const { shown, more } = firstOf(op.issues);
      return html`<ul class="issues">${shown.map((i) => html`<li><span class="pill p-${i.severity}">${i.severity}</span> ${i.field ? html`<code>${i.field}</code> ` : ''}${i.message}${i.value === undefined ? '' : html` <span class="val">“${i.value}”</span>`}</li>`)}${moreItem(more)}</ul>`;
    }
  }
}

/** "… and 12 more" closing a shortened list (the full list is in report.xlsx). */
function moreItem(more: number, tag: 'li' | 'tr' = 'li', span = 1): Raw | '' {
  if (!more) return '';
  const text = `… and ${more.toLocaleString('en-US')} more (all in report.xlsx)`;
  return tag === 'li' ? html`<li class="muted">${text}</li>` : html`<tr><td class="muted" colspan="${span}">${text}</td></tr>`;
}

/** A key → value grid of a payload (custom properties flattened). */
export function kv(payload: Record<string, unknown>): Raw {
  const entries = flattenPayload(payload).filter(([, v]) => displayValue(v) !== '');
  if (!entries.length) return html`<div class="muted">no fields</div>`;
  return html`<dl class="kv">${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${displayValue(v)}</dd>`)}</dl>`;
}

/** The field diff: changes (before struck through, after highlighted), then held differences greyed. */
export function diff(changes: readonly FieldChange[], held: readonly FieldChange[]): Raw {
  if (!changes.length && !held.length) return html`<div class="muted">no field changes</div>`;
  const row = (c: FieldChange, kept: boolean) =>
    html`<tr class="${kept ? 'held' : 'chg'}"><th>${c.field}</th><td><del>${diffValue(c.before)}</del></td><td class="arrow">→</td><td>${kept ? html`<span class="kept">${diffValue(c.after)}</span><div class="why-held">kept by field policy</div>` : html`<ins>${diffValue(c.after)}</ins>`}</td></tr>`;
  return html`<table class="diff">${changes.map((c) => row(c, false))}${held.map((c) => row(c, true))}</table>`;
}

function merge(op: MergeOp): Raw {
  const changes = changesIfSurvives(op, op.survivorId) ?? [];
  const listed = firstOf(membersSurvivorFirst(op));
  const members = listed.shown.map(
    (m) =>
      html`<tr class="${m.survivor ? 'keep' : 'dup'}"><td><span class="role ${m.survivor ? 'keep' : 'dup'}">${m.survivor ? 'survives' : 'merged in'}</span></td><td><span class="sid">#${m.id}</span> ${m.label}</td><td class="linked">${countsText(Object.entries(m.linked), 'nothing linked')}</td></tr>`,
  );
  return html`<table class="members"><tbody>${members}${moreItem(listed.more, 'tr', 3)}</tbody></table>
<div class="facts"><span><b>Moves</b> ${movesText(op)}</span><span><b>Then</b> ${afterwardsText(op)}</span><span><b>Survivor</b> ${op.survivorReason}</span></div>${changes.length ? diff(changes, []) : ''}
<div class="choices">Decision in report.xlsx: ${decisionOptions(op).map((c, i) => html`${i ? ' · ' : ''}<code>${c}</code>`)}</div>`;
}

function conflict(op: OperationOf<'conflict'>, labels: ReadonlyMap<string, string>): Raw {
  const choices = decisionOptions(op);
  const cands = firstOf(op.candidates);
  const follow = firstOf(op.contacts);
  const candidates = op.candidates.length
    ? html`<table class="cands"><thead><tr><th class="cand">Candidate</th><th class="sc num">Score</th><th>Why</th></tr></thead><tbody>${cands.shown.map(
        (c) =>
          html`<tr><td><span class="sid">#${c.id}</span> ${c.label}</td><td class="num">${c.score === undefined ? '–' : c.score.toFixed(1)}</td><td>${c.evidence ? evidence(c.evidence, false) : html`<span class="muted">–</span>`}</td></tr>`,
      )}${moreItem(cands.more, 'tr', 3)}</tbody></table>`
    : html`<div class="muted">no candidate in Syncro</div>`;
  return html`<div class="reason">${op.reason}</div>${folds(op.folded)}${op.customer ? html`<div class="note">Under customer <strong>${customerRefText(op.customer, labels)}</strong></div>` : ''}${candidates}
<details><summary>Incoming record${op.contacts.length ? html` and ${op.contacts.length} contact${op.contacts.length === 1 ? '' : 's'} that follow` : ''}</summary>${kv(op.payload)}${op.contacts.length ? html`<ul class="follow">${follow.shown.map((c) => html`<li>${c.label}</li>`)}${moreItem(follow.more)}</ul>` : ''}</details>
<div class="decide">Not applied until decided in <b>report.xlsx</b>: ${choices.map((c, i) => html`${i ? ' · ' : ''}<code>${c}</code>`)}</div>`;
}

/** The evidence cell, or undefined when the operation has none (its details then span both columns). */
function why(op: Operation): Raw | undefined {
  switch (op.kind) {
    case 'create-customer':
      return html`${op.evidence ? evidence(op.evidence, true) : html`<span class="muted">new record</span>`}${folds(op.folded)}`;
    case 'update-customer':
      return html`${evidence(op.evidence, true)}${folds(op.folded)}`;
    case 'update-contact':
    case 'merge-customers':
    case 'merge-contacts':
      return evidence(op.evidence, true);
    default:
      return undefined;
  }
}

/** Why rows were taken as one customer (issue 12): each fold's rows and evidence. */
function folds(folded: OperationOf<'create-customer'>['folded']): Raw | string {
  return folded?.length ? html`<div class="ev-text folded">${foldedText(folded)}</div>` : '';
}

/** Rule and score, per-field weights as bars (green for, red against), and the planner's text. */
export function evidence(e: Evidence, withText: boolean): Raw {
  const fields = (e.fields ?? []).filter((f) => f.level !== 'missing');
  const scale = Math.max(1, ...fields.map((f) => Math.abs(f.weight)));
  const bars = fields.length
    ? html`<table class="weights">${fields.map((f) => {
        const width = Math.round((Math.abs(f.weight) / scale) * 100);
        return html`<tr><th>${f.field}</th><td class="lvl">${f.level}</td><td class="bar"><span class="${f.weight >= 0 ? 'pos' : 'neg'}" style="width:${width}%"></span></td><td class="num">${signed(f.weight)}</td></tr>`;
      })}</table>`
    : '';
  const text = withText && e.text && !fields.length ? html`<div class="ev-text">${e.text}</div>` : '';
  return html`<div class="ev"><span class="rule r-${e.rule}">${ruleLabel(e.rule)}</span>${e.score === undefined ? '' : html`<span class="score" title="log2 odds of a match">${e.score.toFixed(1)}</span>`}${bars}${text}</div>`;
}
