/**
 * The deterministic half of a matching run: records prepared, the compared
 * fields chosen, blocking keys indexed. Everything here is a pure function
 * of the records and options, so a worker thread that builds it from the
 * same input holds the very same records, fields and candidates (see
 * parallel-compare.ts) — no model is involved yet.
 */
import { SyncroEtlError } from '../errors.js';
import { LEGAL_SUFFIXES } from '../normalize/company.js';
import { BlockIndex, MAX_INDEXED, blockingKeyHashes, sortKey } from './blocking.js';
import { identityDisagrees } from './evidence.js';
import type { EntityKind } from './evidence.js';
import { MISSING, buildFields } from './fields.js';
import type { FieldSpec } from './fields.js';
import { PrepareMemo, extraNames, prepareRecord } from './prepare.js';
import type { Prepared } from './prepare.js';
import type { MatchOptions, MatchRecord } from './types.js';

const MAX_FIELDS = 17; // 3 bits per field in a float64 pattern
/** How much a legal form ("inc", "plc") counts among a company's tokens, relative to a word of the name. */
const LEGAL_FORM_WEIGHT = 0.1;

export interface RunIndex {
  dedupe: boolean;
  /** Query side (incoming records; or every record when deduplicating). */
  left: Prepared[];
  /** Indexed side (existing records; the same array when deduplicating). */
  right: Prepared[];
  fields: FieldSpec[];
  entity: EntityKind;
  /** Blocks in the index (0 when blocking is off). */
  blocks: number;
  /** Keys whose block was compared through a window (grows as candidates are visited). */
  oversizedBlocks(): number;
  /**
   * Calls `visit(j)` once per candidate of query `i` (j > i when deduplicating).
   * Not re-entrant: one caller at a time.
   */
  candidates(i: number, visit: (j: number) => void): void;
}

/** Levels of one pair into `levels`; returns the packed pattern (3 bits per field). */
export function comparePair(fields: readonly FieldSpec[], a: Prepared, b: Prepared, levels: Uint8Array): number {
  let pattern = 0;
  let mul = 1;
  for (let f = 0; f < fields.length; f++) {
    const l = (fields[f] as FieldSpec).compare(a, b);
    levels[f] = l;
    pattern += l * mul;
    mul *= 8;
  }
  return pattern;
}

/** Prepare, choose fields and index: `existing` undefined means deduplicate `records`. */
export function buildRunIndex(
  records: readonly MatchRecord[],
  existing: readonly MatchRecord[] | undefined,
  options: MatchOptions = {},
  onProgress?: () => void,
): RunIndex {
  const dedupe = existing === undefined;
  const lists = dedupe ? [records] : [records, existing];
  const indexed = dedupe ? records : existing;
  if (indexed.length > MAX_INDEXED) {
    throw new SyncroEtlError('INVALID_ARGUMENT', `The matcher indexes at most ${MAX_INDEXED} records per side; split the input.`);
  }
  const extras = extraNames(lists, options.ignoreFields);
  const memo = new PrepareMemo();
  const prepare = (r: MatchRecord, n: number): Prepared => {
    if (onProgress && n % 4096 === 0) onProgress();
    return prepareRecord(r, extras, memo);
  };
  const left = records.map(prepare);
  const right = dedupe ? left : existing.map(prepare);

  // Company token rarity, for blocking keys and the company comparator.
  const tokenCount = new Map<string, number>();
  let companies = 0;
  for (const list of dedupe ? [left] : [left, right]) {
    for (const r of list) {
      if (r.companyTokens.length > 0) companies++;
      for (const t of new Set(r.companyTokens)) tokenCount.set(t, (tokenCount.get(t) ?? 0) + 1);
    }
  }
  const companyTokenCount = (t: string): number => tokenCount.get(t) ?? 1;
  // Rarer tokens weigh more; legal forms ("plc", "inc") hardly count wherever they stand.
  const tokenWeights = new Map<string, number>();
  for (const [t, c] of tokenCount) tokenWeights.set(t, Math.log(1 + companies / c) * (LEGAL_SUFFIXES.has(t) ? LEGAL_FORM_WEIGHT : 1));
  for (const list of dedupe ? [left] : [left, right]) {
    for (const r of list)
      if (r.companyTokens.length > 0) r.companyWeights = Float64Array.from(r.companyTokens, (t) => tokenWeights.get(t) ?? 1);
  }
  const all = buildFields(extras, companyTokenCount);
  const ignore = new Set(options.ignoreFields ?? []);
  const present = (f: FieldSpec, list: Prepared[]): boolean => list.some((r) => f.compare(r, r) !== MISSING);
  const fields = all.filter((f) => !ignore.has(f.name) && present(f, left) && (dedupe || present(f, right)));
  if (fields.length > MAX_FIELDS) {
    throw new SyncroEtlError(
      'INVALID_ARGUMENT',
      `Too many compared fields (${fields.length}); pass at most ${MAX_FIELDS - 10} extra fields.`,
    );
  }

  const blocking = options.blocking ?? {};
  const keyCtx = { companyTokenCount };
  const companyKeys = new Map<string, number[]>();
  const rightHashes = right.map((r) => blockingKeyHashes(r, keyCtx, companyKeys));
  onProgress?.();
  const leftHashes = dedupe ? rightHashes : left.map((r) => blockingKeyHashes(r, keyCtx, companyKeys));
  const rightSortKeys = right.map(sortKey);
  const leftSortKeys = dedupe ? rightSortKeys : left.map(sortKey);
  const index = new BlockIndex(rightSortKeys, rightHashes, blocking.maxBlockSize ?? 20, blocking.window ?? 4);
  const exhaustive = blocking.enabled === false;
  onProgress?.();

  const stamp = new Int32Array(right.length);
  let tag = 0;
  const candidates = (i: number, visit: (j: number) => void): void => {
    const self = dedupe ? i : -1;
    if (exhaustive) {
      for (let j = self + 1; j < right.length; j++) visit(j);
      return;
    }
    index.candidates(leftHashes[i] as Uint32Array, leftSortKeys[i] ?? '', self, stamp, ++tag, visit);
  };
  return {
    dedupe,
    left,
    right,
    fields,
    entity: options.entity ?? 'auto',
    blocks: exhaustive ? 0 : index.blocks,
    oversizedBlocks: () => index.oversizedBlocks,
    candidates,
  };
}

/**
 * The scoring pass's comparisons for one query record: each candidate pair
 * the identity rule leaves open (names and mailbox not all different —
 * such pairs are never matches) goes to `keep` with its packed pattern.
 * The rule's fields are compared first and not again; for contacts the
 * company never identifies (colleagues share it), so it is left to the
 * second step. Returns the number of candidates compared.
 */
export function createPairComparer(run: RunIndex): (i: number, keep: (j: number, pattern: number) => void) => number {
  const { fields, entity, left, right } = run;
  const levels = new Uint8Array(fields.length);
  const ruleFields = Uint8Array.from(fields, (f) =>
    f.identityFrom !== undefined && !(entity === 'contacts' && f.kind === 'company') ? 1 : 0,
  );
  let a = left[0] as Prepared;
  let out: (j: number, pattern: number) => void = () => {};
  let n = 0;
  const visit = (j: number): void => {
    n++;
    const b = right[j] as Prepared;
    for (let k = 0; k < fields.length; k++) if (ruleFields[k] === 1) levels[k] = (fields[k] as FieldSpec).compare(a, b);
    if (identityDisagrees(fields, levels, entity, true)) return;
    let pattern = 0;
    let mul = 1;
    for (let k = 0; k < fields.length; k++) {
      if (ruleFields[k] === 0) levels[k] = (fields[k] as FieldSpec).compare(a, b);
      pattern += (levels[k] as number) * mul;
      mul *= 8;
    }
    out(j, pattern);
  };
  return (i, keep) => {
    a = left[i] as Prepared;
    out = keep;
    n = 0;
    run.candidates(i, visit);
    return n;
  };
}
