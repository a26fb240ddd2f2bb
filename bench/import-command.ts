/**
 * Command-level accuracy of `import` into an empty account: each labelled set
 * written as the file a user would have, read through the import's path
 * (loadRecords with the detected template) and planned with the matcher as
 * the CLI plans it. Per set, of the customers the plan would create:
 *   wrong folds     rows of two true entities planned as one create (pairs)
 *   duplicates      creates beyond the first for one true entity, created
 *                   with nobody shown (no conflict holds them)
 *   held            creates held as conflicts because an earlier record of
 *                   the file is alike, and how many of those are right
 *                   (the held record is the entity it was held against)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecords } from '../src/ingest/load.js';
import { assembleImportPlan } from '../src/plan/assemble.js';
import type { InFileMatcher } from '../src/plan/linker.js';
import { matcherInFile, matcherLinker } from '../src/plan/matcher-linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/plan/options.js';
import type { Operation, Plan } from '../src/plan/schema.js';
import type { CommandSet } from './matcher-command.js';
import { setCsv } from './matcher-command.js';

export interface ImportAccuracy {
  set: string;
  rows: number;
  entities: number;
  creates: number;
  /** Pairs of rows of two entities in one create or conflict. */
  wrongFoldPairs: number;
  /** Creates beyond the first of their entity, not held. */
  duplicates: number;
  held: number;
  heldRight: number;
  /** Customer conflicts of any other kind (same-name doubts). */
  otherConflicts: number;
  ms: number;
}

const EMPTY = { takenAt: '2026-01-01T00:00:00.000Z', customers: [], contacts: [] };

/**
 * The set written as the file a user would have, read (the detected
 * template, or `template`) and planned into an empty account as the CLI
 * plans it: the plan, the row number of the first data row, the ms taken.
 */
async function planSet(
  set: CommandSet,
  inFile: InFileMatcher | null,
  template?: string,
): Promise<{ plan: Plan; firstRow: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  try {
    const file = join(dir, `${set.name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, setCsv(set), 'utf8');
    const t = performance.now();
    const load = await loadRecords([file], template ? { template } : {});
    const plan = assembleImportPlan({
      records: load.customers,
      issues: load.issues,
      snapshot: EMPTY,
      inputs: [{ file, sha256: '', rows: set.rows.length }],
      target: { baseUrl: 'http://127.0.0.1', sandbox: true },
      options: DEFAULT_PLAN_OPTIONS,
      linker: matcherLinker(),
      ...(inFile ? { inFile } : {}),
    });
    return { plan, firstRow: load.files[0]!.headerRow + 1, ms: performance.now() - t };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Plan the set into an empty account and score what the plan would create.
 * `inFile` null: the plan without the in-file check (the baseline: exact evidence only within the file).
 */
export async function measureImport(set: CommandSet, inFile: InFileMatcher | null = matcherInFile()): Promise<ImportAccuracy> {
  const { plan, firstRow, ms } = await planSet(set, inFile);
  return {
    set: set.name,
    rows: set.rows.length,
    entities: new Set(set.truth).size,
    ...score(plan.operations, (row) => set.truth[row - firstRow]),
    ms,
  };
}

function score(
  operations: Operation[],
  truthOf: (row: number) => string | undefined,
): Omit<ImportAccuracy, 'set' | 'rows' | 'entities' | 'ms'> {
  const entitiesOf = (op: Operation): string[] => op.sources.map((s) => truthOf(s.row) ?? `?${s.row}`);
  const opEntity = new Map<string, string>();
  const createdPer = new Map<string, number>();
  let creates = 0;
  let wrongFoldPairs = 0;
  let held = 0;
  let heldRight = 0;
  let otherConflicts = 0;
  for (const op of operations) {
    const customerOp = op.kind === 'create-customer' || (op.kind === 'conflict' && op.entity === 'customer');
    if (!customerOp) continue;
    const entities = entitiesOf(op);
    const counts = new Map<string, number>();
    for (const e of entities) counts.set(e, (counts.get(e) ?? 0) + 1);
    let same = 0;
    for (const n of counts.values()) same += (n * (n - 1)) / 2;
    wrongFoldPairs += (entities.length * (entities.length - 1)) / 2 - same;
    const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    opEntity.set(op.id, main);
    if (op.kind === 'create-customer') {
      creates++;
      createdPer.set(main, (createdPer.get(main) ?? 0) + 1);
    } else if (op.kind === 'conflict' && op.alike) {
      held++;
      if (opEntity.get(op.alike.op) === main) heldRight++;
    } else otherConflicts++;
  }
  let duplicates = 0;
  for (const n of createdPer.values()) duplicates += n - 1;
  return { creates, wrongFoldPairs, duplicates, held, heldRight, otherConflicts };
}

export interface ContactImportAccuracy {
  set: string;
  rows: number;
  contacts: number;
  creates: number;
  /** Contact creates whose rows are two people. */
  wrongFolds: number;
  /** Contact creates beyond the first for one person, not held. */
  duplicates: number;
  held: number;
  heldRight: number;
}

/** The contacts of a contacts set (a row per contact of a company) planned into an empty account, scored per true person. */
export async function measureContactImport(set: CommandSet): Promise<ContactImportAccuracy> {
  const { plan, firstRow } = await planSet(set, matcherInFile(), 'generic');
  const truth = (row: number): string => set.truth[row - firstRow] ?? `?${row}`;
  const perPerson = new Map<string, number>();
  const personOf = new Map<string, string>();
  let creates = 0;
  let wrongFolds = 0;
  let held = 0;
  let heldRight = 0;
  for (const op of plan.operations) {
    if (op.kind === 'create-contact') {
      creates++;
      const people = new Set(op.sources.map((s) => truth(s.row)));
      if (people.size > 1) wrongFolds++;
      const person = truth(op.sources[0]!.row);
      perPerson.set(person, (perPerson.get(person) ?? 0) + 1);
      personOf.set(op.id, person);
    } else if (op.kind === 'conflict' && op.entity === 'contact' && op.alike) {
      held++;
      if (personOf.get(op.alike.op) === truth(op.sources[0]!.row)) heldRight++;
    }
  }
  let duplicates = 0;
  for (const count of perPerson.values()) duplicates += count - 1;
  return { set: set.name, rows: set.rows.length, contacts: new Set(set.truth).size, creates, wrongFolds, duplicates, held, heldRight };
}

export function printImportAccuracy(results: ImportAccuracy[]): void {
  const head = [
    'set',
    'rows',
    'entities',
    'creates',
    'wrong-fold pairs',
    'duplicates created',
    'held',
    'held right',
    'other conflicts',
    's',
  ];
  console.log(head.join('\t'));
  for (const r of results) {
    console.log(
      [
        r.set,
        r.rows,
        r.entities,
        r.creates,
        r.wrongFoldPairs,
        r.duplicates,
        r.held,
        r.heldRight,
        r.otherConflicts,
        (r.ms / 1000).toFixed(1),
      ].join('\t'),
    );
  }
}
