/**
 * A cluster sheet of audit.xlsx (Customer clusters, Contact clusters): one
 * block per cluster. The block's first row carries the cluster number, its
 * Decision (dropdown: merge / skip / survivor #<id>), its op id and one
 * header cell per member, the proposed survivor first; then the score and
 * explanation, the survivor and why, and one row per field with the members
 * side by side, cells that differ from the survivor highlighted, and a last
 * "after merge" column with the proposal's result. `readAuditDecisions`
 * finds the decisions through the header row's "Op id" and "Decision".
 */
import type ExcelJS from 'exceljs';
import type { ClusterGrid, GridRow } from './audit-grid.js';
import { neutralizeFormula } from '../safe-cell.js';
import type { ListSheet } from './xlsx-table.js';
import { COLORS, decisionCell, DECISION_HEADER, OP_ID_HEADER, solid } from './xlsx-table.js';

/** Fills of the cluster sheets; also explained on the Summary sheet. */
export const AUDIT_COLORS = {
  band: 'FFEDE9FE',
  bandText: 'FF4C1D95',
  survivor: 'FFF5F3FF',
  differs: 'FFFED7AA',
  format: 'FFFFF1E0',
  after: COLORS.after,
  label: 'FF475569',
} as const;

const FIXED_HEADERS = ['Cluster', DECISION_HEADER, OP_ID_HEADER, 'Field'] as const;
const FIXED_WIDTHS = [11, 20, 17, 20];
const FIRST_MEMBER = FIXED_HEADERS.length + 1;
const MIN_WIDTH = 14;
const MAX_WIDTH = 40;
const LINE_HEIGHT = 15;

type Style = { fill?: string; bold?: boolean; italic?: boolean; color?: string; wrap?: boolean };

/**
 * Adds the sheet `name` holding one block per grid.
 *
 * @example writeClusterSheet(wb, 'Customer clusters', clusterGrids(plan.operations, 'merge-customers'), lists, 'FF7C3AED');
 */
export function writeClusterSheet(
  wb: ExcelJS.Workbook,
  name: string,
  grids: readonly ClusterGrid[],
  lists: ListSheet,
  tabColor: string,
): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: FIXED_HEADERS.length, ySplit: 1, activeCell: 'B2' }],
    properties: { tabColor: { argb: tabColor }, outlineProperties: { summaryBelow: false, summaryRight: false } },
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = [...FIXED_WIDTHS];
  const grow = (col: number, text: string) => {
    const longest = text.split('\n').reduce((n, line) => Math.max(n, line.length), 0);
    widths[col - 1] = Math.max(widths[col - 1] ?? MIN_WIDTH, Math.min(MAX_WIDTH, longest + 2), col >= FIRST_MEMBER ? MIN_WIDTH : 0);
  };

  const header = sheet.getRow(1);
  [
    ...FIXED_HEADERS,
    grids.length ? 'Records side by side: ★ the proposed survivor first, the merged result last' : 'No clusters of this kind were found',
  ].forEach((text, i) => {
    put(header.getCell(i + 1), text, { bold: true, color: COLORS.headerText, fill: COLORS.header });
  });
  header.height = 20;

  for (const grid of grids) {
    const last = FIRST_MEMBER + grid.members.length;
    writeBlock(sheet, grid, lists, last, grow);
    sheet.addRow([]);
  }
  const span = Math.max(FIRST_MEMBER, ...grids.map((g) => FIRST_MEMBER + g.members.length));
  for (let c = FIXED_HEADERS.length + 2; c <= span; c++) header.getCell(c).fill = solid(COLORS.header);
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  for (let c = FIRST_MEMBER; c <= span; c++) sheet.getColumn(c).width = Math.max(widths[c - 1] ?? MIN_WIDTH, MIN_WIDTH);
  return sheet;
}

function writeBlock(
  sheet: ExcelJS.Worksheet,
  grid: ClusterGrid,
  lists: ListSheet,
  last: number,
  grow: (col: number, text: string) => void,
): void {
  const cluster = `Cluster ${grid.number}`;
  const head = sheet.addRow([]);
  for (let c = 1; c <= last; c++) head.getCell(c).fill = solid(AUDIT_COLORS.band);
  put(head.getCell(1), cluster, { bold: true, color: AUDIT_COLORS.bandText, fill: AUDIT_COLORS.band });
  decisionCell(head.getCell(2), lists, grid.options, grid.options[0] ?? 'merge');
  put(head.getCell(3), grid.op.id, { color: AUDIT_COLORS.label, fill: AUDIT_COLORS.band });
  put(head.getCell(4), grid.op.kind === 'merge-customers' ? 'Customer' : 'Contact', {
    bold: true,
    color: AUDIT_COLORS.bandText,
    fill: AUDIT_COLORS.band,
  });
  grid.members.forEach((m, i) => {
    const text = `#${m.id} ${m.label}\n${m.survivor ? '★ proposed survivor' : 'duplicate'}`;
    put(head.getCell(FIRST_MEMBER + i), text, { bold: true, color: AUDIT_COLORS.bandText, fill: AUDIT_COLORS.band, wrap: true });
    grow(FIRST_MEMBER + i, text);
  });
  put(head.getCell(last), `After merge\n(if #${grid.op.survivorId} survives)`, {
    bold: true,
    color: 'FF166534',
    fill: AUDIT_COLORS.band,
    wrap: true,
  });
  head.height = 2 * LINE_HEIGHT + 2;

  const score = grid.score === undefined ? '' : `score ${grid.score.toFixed(1)}: `;
  info(sheet, cluster, 'Why a match', `${score}${grid.explanation.replace(/ \| /g, '\n')}`, last);
  const others = grid.options.slice(2).join(', ');
  info(
    sheet,
    cluster,
    'Survivor',
    `#${grid.op.survivorId} proposed: ${grid.survivorReason}. ${grid.steps}.\nDecision (column B of the first row): merge as proposed, skip${others ? `, or ${others} to keep another record` : ''}.`,
    last,
  );

  for (const row of grid.rows) fieldRow(sheet, cluster, row, last, grow);
}

/** A row of text spanning the member columns (merged cells do not auto-fit, so the height is set). */
function info(sheet: ExcelJS.Worksheet, cluster: string, label: string, text: string, last: number): void {
  const row = sheet.addRow([]);
  row.outlineLevel = 1;
  put(row.getCell(1), cluster, { color: COLORS.muted });
  put(row.getCell(4), label, { bold: true, color: AUDIT_COLORS.label });
  put(row.getCell(FIRST_MEMBER), text, { wrap: true });
  sheet.mergeCells(row.number, FIRST_MEMBER, row.number, last);
  const chars = Math.max(30, (last - FIRST_MEMBER + 1) * 26);
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / chars)), 0);
  row.height = lines * LINE_HEIGHT + 3;
}

function fieldRow(sheet: ExcelJS.Worksheet, cluster: string, r: GridRow, last: number, grow: (col: number, text: string) => void): void {
  const row = sheet.addRow([]);
  row.outlineLevel = 1;
  put(row.getCell(1), cluster, { color: COLORS.muted });
  put(row.getCell(4), r.label, { color: AUDIT_COLORS.label, italic: r.group !== 'field' });
  const numeric = r.group === 'linked';
  r.cells.forEach((c, i) => {
    const cell = row.getCell(FIRST_MEMBER + i);
    const fill =
      i === 0 ? AUDIT_COLORS.survivor : c.diff === 'differs' ? AUDIT_COLORS.differs : c.diff === 'format' ? AUDIT_COLORS.format : undefined;
    if (numeric) setNumber(cell, c.text, fill);
    else put(cell, c.text, { wrap: true, ...(fill ? { fill } : {}) });
    grow(FIRST_MEMBER + i, c.text);
  });
  const after = row.getCell(last);
  const fill = r.after.changed ? AUDIT_COLORS.after : undefined;
  if (numeric) setNumber(after, r.after.text, fill, r.after.changed);
  else put(after, r.after.text, { wrap: true, bold: r.after.changed, ...(fill ? { fill } : {}) });
  grow(last, r.after.text);
}

function setNumber(cell: ExcelJS.Cell, text: string, fill: string | undefined, bold = false): void {
  cell.value = Number(text);
  cell.alignment = { horizontal: 'left', vertical: 'top' };
  if (fill) cell.fill = solid(fill);
  if (bold) cell.font = { bold: true };
}

/** A text cell: formula-neutralised, numFmt '@', styled. Blank text leaves the value empty but keeps the style. */
function put(cell: ExcelJS.Cell, text: string, style: Style = {}): void {
  if (text !== '') cell.value = neutralizeFormula(text);
  cell.numFmt = '@';
  cell.alignment = { vertical: 'top', ...(style.wrap ? { wrapText: true } : {}) };
  if (style.fill) cell.fill = solid(style.fill);
  if (style.bold || style.italic || style.color) {
    cell.font = {
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.color ? { color: { argb: style.color } } : {}),
    };
  }
}
