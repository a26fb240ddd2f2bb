/**
 * Reads the Decision column back from an edited report.xlsx (or, through
 * `readDecisionsWith` and another layout, audit.xlsx). Every decision is
 * normalised and checked against its operation in the plan; anything that
 * cannot be used (unknown op id, a value that is not a choice, a missing or
 * doubled row, a report of another plan) becomes a problem naming the sheet,
 * row and value. Apply must refuse to run while there are problems.
 */
import ExcelJS from 'exceljs';
import { parseDecision } from '../plan/decision.js';
import { RUN_FILES } from '../run-folder.js';
import type { Decision } from '../plan/decision.js';
import type { Operation, Plan } from '../plan/schema.js';
import { decisionOptions, decisionSheetOf, isSeeRowText, normalizeDecision } from './decision-rules.js';
import type { Normalized } from './decision-rules.js';
import { isPlanFingerprint, planFingerprint } from './fingerprint.js';
import { restoreFormulaEscaped } from '../safe-cell.js';
import { FINGERPRINT_ITEM, SHEETS } from './xlsx.js';
import { continuationSheets, DECISION_HEADER, OP_ID_HEADER } from './xlsx-table.js';

export { decisionOptions, defaultDecision, normalizeDecision } from './decision-rules.js';

export interface DecisionsRead {
  /** Every decidable operation's decision (defaults included), by op id, parsed. */
  decisions: Map<string, Decision>;
  /** The decisions that differ from the defaults, in plan order, as the workbook shows them. */
  changed: Array<{ opId: string; label: string; decision: string }>;
  /** What cannot be used, each naming sheet, row and value. Empty when all is well. */
  problems: string[];
}

/**
 * Where a workbook keeps its decisions and which values they take: every
 * decision sheet has a header row naming an "Op id" and a "Decision" column,
 * and a Summary sheet with the plan fingerprint.
 */
export interface DecisionLayout {
  /** The workbook's file name, as messages name it. */
  file: string;
  /** The sheets holding decisions, in reading order. */
  sheets: readonly string[];
  /** The sheet `op` is decided on; undefined when it takes no decision. */
  sheetOf(op: Operation): string | undefined;
  /** The choices for `op`, default first. */
  options(op: Operation): string[];
  /** Normalises a typed value and checks it is one of the choices. */
  normalize(raw: string, op: Operation): Normalized;
  /** True for operations shown for information only: a missing row is no problem, they keep their default. */
  optional?(op: Operation): boolean;
}

/** report.xlsx: Creates, Updates, Merges and Conflicts. */
export const REPORT_LAYOUT: DecisionLayout = {
  file: RUN_FILES.reportXlsx,
  sheets: ['Creates', 'Updates', 'Merges', 'Conflicts'],
  sheetOf: decisionSheetOf,
  options: decisionOptions,
  normalize: normalizeDecision,
};

/**
 * Reads the decisions in `xlsxPath` (a report written for `plan`).
 *
 * @example
 * const { decisions, changed, problems } = await readDecisions('run/report.xlsx', plan);
 * if (problems.length) throw …; // never apply with problems
 */
export async function readDecisions(xlsxPath: string, plan: Plan): Promise<DecisionsRead> {
  return readDecisionsWith(xlsxPath, plan, REPORT_LAYOUT);
}

/**
 * Reads the decisions of a workbook laid out as `layout` says.
 *
 * @example const read = await readDecisionsWith('run/audit.xlsx', plan, AUDIT_LAYOUT);
 */
export async function readDecisionsWith(xlsxPath: string, plan: Plan, layout: DecisionLayout): Promise<DecisionsRead> {
  const problems: string[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(xlsxPath);
  } catch (err) {
    return {
      decisions: new Map(),
      changed: [],
      problems: [
        `${xlsxPath} could not be read as a workbook (${(err as Error).message}); regenerate it or delete it to apply with the default decisions`,
      ],
    };
  }
  checkFingerprint(wb, plan, layout.file, problems);

  const byId = new Map(plan.operations.map((op) => [op.id, op]));
  const found = new Map<string, { value: string; sheet: string; row: number }>();
  const present = new Set<string>();
  /** Operations a problem was already reported for. */
  const reported = new Set<string>();
  // A sheet past Excel's row limit goes on in "Name (2)", …: read those as the same sheet.
  const parts = layout.sheets.flatMap((base) => [
    { name: base, base },
    ...continuationSheets(wb, base).map((s) => ({ name: s.name, base })),
  ]);
  for (const { name, base } of parts) {
    const needed = name === base && plan.operations.some((op) => layout.sheetOf(op) === name && !layout.optional?.(op));
    const sheet = wb.getWorksheet(name);
    if (!sheet) {
      if (needed) problems.push(`sheet ${name} is missing; regenerate the report (the plan has operations decided there)`);
      continue;
    }
    const cols = headerColumns(sheet);
    if (cols.opId === undefined || cols.decision === undefined) {
      if (needed)
        problems.push(
          `${name}: the header row has no "${OP_ID_HEADER}" or "${DECISION_HEADER}" column; restore row 1 or regenerate the report`,
        );
      continue;
    }
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const opId = cellText(row.getCell(cols.opId));
      const raw = cellText(row.getCell(cols.decision));
      if (!opId.text && !raw.text) continue;
      const where = `${name} row ${r}`;
      if (!opId.text) {
        problems.push(`${where}: decision "${raw.text}" has no ${OP_ID_HEADER}; restore the op id or clear the row`);
        continue;
      }
      const op = byId.get(opId.text);
      if (!op) {
        problems.push(`${where}: unknown operation "${opId.text}" (value "${raw.text}"); this row is not part of the plan`);
        continue;
      }
      if (layout.sheetOf(op) !== base) {
        problems.push(`${where}: operation ${op.id} is not decided on ${name} (value "${raw.text}")`);
        continue;
      }
      present.add(op.id);
      if (raw.formula) {
        problems.push(`${where}: the Decision of ${op.id} (${op.label}) is a formula; type the decision as plain text`);
        reported.add(op.id);
        continue;
      }
      if (isSeeRowText(raw.text)) continue;
      if (!raw.text) {
        reported.add(op.id);
        problems.push(`${where}: the Decision of ${op.id} (${op.label}) is empty; choose one of ${layout.options(op).join(', ')}`);
        continue;
      }
      const n = layout.normalize(raw.text, op);
      if (!n.ok) {
        reported.add(op.id);
        problems.push(`${where}: ${n.message} (${op.id}, ${op.label})`);
        continue;
      }
      const before = found.get(op.id);
      if (before && before.value !== n.value) {
        reported.add(op.id);
        problems.push(
          `${where}: ${op.id} (${op.label}) is decided twice: "${before.value}" on ${before.sheet} row ${before.row} and "${n.value}" here; keep one`,
        );
        continue;
      }
      found.set(op.id, { value: n.value, sheet: name, row: r });
    }
  }
  return { ...collect(plan.operations, layout, found, present, reported, problems), problems };
}

function collect(
  ops: readonly Operation[],
  layout: DecisionLayout,
  found: ReadonlyMap<string, { value: string }>,
  present: ReadonlySet<string>,
  reported: ReadonlySet<string>,
  problems: string[],
): Omit<DecisionsRead, 'problems'> {
  const decisions = new Map<string, Decision>();
  const changed: DecisionsRead['changed'] = [];
  for (const op of ops) {
    const sheet = layout.sheetOf(op);
    if (!sheet) continue;
    const fallback = !present.has(op.id) && layout.optional?.(op) ? layout.options(op)[0] : undefined;
    const value = reported.has(op.id) ? undefined : (found.get(op.id)?.value ?? fallback);
    if (value === undefined) {
      if (reported.has(op.id)) continue;
      if (!present.has(op.id))
        problems.push(
          `${sheet}: no row for ${op.id} (${op.label}); restore it (set its Decision to skip to leave it out) or regenerate the report`,
        );
      else problems.push(`${sheet}: ${op.id} (${op.label}) has no decision on its first row`);
      continue;
    }
    const decision = parseDecision(value);
    if (!decision) {
      problems.push(`${sheet}: "${value}" is not a decision apply knows (${op.id}, ${op.label})`);
      continue;
    }
    decisions.set(op.id, decision);
    if (value !== layout.options(op)[0]) changed.push({ opId: op.id, label: op.label, decision: value });
  }
  return { decisions, changed };
}

function checkFingerprint(wb: ExcelJS.Workbook, plan: Plan, file: string, problems: string[]): void {
  const sheet = wb.getWorksheet(SHEETS.summary);
  let value = '';
  sheet?.eachRow((row) => {
    if (cellText(row.getCell(2)).text === FINGERPRINT_ITEM) value = cellText(row.getCell(3)).text;
  });
  const expected = planFingerprint(plan);
  if (!value) problems.push(`Summary: no "${FINGERPRINT_ITEM}" row; this workbook is not a report of this plan (regenerate it)`);
  else if (!isPlanFingerprint(value, plan, expected))
    problems.push(
      `Summary: ${file} was written for another plan (fingerprint ${value}, this plan ${expected}); its decisions may not fit, so regenerate the report and decide again`,
    );
}

function headerColumns(sheet: ExcelJS.Worksheet): { opId?: number; decision?: number } {
  const out: { opId?: number; decision?: number } = {};
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell).text.toLowerCase();
    if (text === OP_ID_HEADER.toLowerCase() && out.opId === undefined) out.opId = col;
    if (text === DECISION_HEADER.toLowerCase() && out.decision === undefined) out.decision = col;
  });
  return out;
}

/** A cell as trimmed text, our formula-protecting quote removed; flags formulas. */
function cellText(cell: ExcelJS.Cell): { text: string; formula: boolean } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: '', formula: false };
  if (typeof v === 'string') return { text: restoreFormulaEscaped(v.trim()).trim(), formula: false };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v), formula: false };
  if (v instanceof Date) return { text: v.toISOString(), formula: false };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { text: cell.text.trim(), formula: true };
    if ('richText' in v)
      return {
        text: v.richText
          .map((t) => t.text)
          .join('')
          .trim(),
        formula: false,
      };
    if ('text' in v && typeof v.text === 'string') return { text: v.text.trim(), formula: false };
  }
  return { text: cell.text.trim(), formula: false };
}
