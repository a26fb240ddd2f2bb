/**
 * The rows of clusters.csv from a clustering run: every input row that
 * belongs with another, with the evidence that put it there — the matcher's
 * scored pair with the cluster's best record (`match`), the reader's reason
 * for reading several rows as one record (`grouped`), or a review-band pair
 * (`review`: a maybe, listed for a person to decide, never a decision).
 */
import type { SourceRef } from '../model/source.js';
import { explanationText } from './scoring.js';
import type { DuplicatesResult, MatchRecord, ScoredPair } from './types.js';

export type DedupeRole = 'best' | 'match' | 'grouped' | 'review';

/** One line of clusters.csv / clusters.xlsx. */
export interface DedupeRow {
  /** `C0001`…: decided clusters; `R0001`…: a record alone with the maybes that scored in the review band with it. */
  cluster_id: string;
  source_file: string;
  source_sheet: string;
  source_row: number;
  name: string;
  email: string;
  phone: string;
  /** Score (log2 odds) to the cluster's best record; undefined on the best record and on grouped rows. */
  score: number | undefined;
  /** `best` record of the cluster; `match` (scored with it); `grouped` (read as one record with a row above); `review` (a maybe). */
  role: DedupeRole;
  explanation: string;
}

/** Rows compared = rows in clusters + rows alone (review rows are among the alone: maybes, not decisions). */
export interface DedupeCounts {
  rowsCompared: number;
  rowsInClusters: number;
  rowsAlone: number;
  clusters: number;
  reviewRows: number;
}

/** What clusters.csv shows of one input row: the row's own values, not the record it was read into. */
export interface ShownValues {
  name: string;
  email: string;
  phone: string;
}

/** One compared record and every input row it was read from. */
export interface DedupeItem {
  sources: SourceRef[];
  record: MatchRecord;
  /** The values source row `source` itself gave (a reviewer sees each row as it is in the file). */
  shownAt: (source: SourceRef) => ShownValues;
  /** Why the reader read a source row as one record with the first. */
  groupedReason: (source: SourceRef) => string;
}

interface Group {
  /** Item indices: the best record first. */
  items: number[];
  links: Map<number, ScoredPair>;
  maybes: Array<{ item: number; pair: ScoredPair }>;
  decided: boolean;
}

/** The evidence of a pair: the rule that decided it, if any, then its fields. */
const pairWhy = (pair: ScoredPair): string =>
  pair.decidedBy ? `${pair.decidedBy}; fields: ${explanationText(pair.explanation)}` : explanationText(pair.explanation);

/** The rows of clusters.csv and the counts that add up, for `items` clustered into `result`. */
export function listClusterRows(items: readonly DedupeItem[], result: DuplicatesResult): { rows: DedupeRow[]; counts: DedupeCounts } {
  const index = new Map(items.map((it, i) => [it.record.key, i]));
  const at = (key: string): number => index.get(key) ?? -1;
  const groupOf = new Int32Array(items.length).fill(-1);
  const groups: Group[] = [];
  const open = (members: number[], decided: boolean): Group => {
    const g: Group = { items: members, links: new Map(), maybes: [], decided };
    for (const m of members) groupOf[m] = groups.length;
    groups.push(g);
    return g;
  };
  for (const c of result.clusters) {
    const g = open([at(c.centre), ...c.members.filter((m) => m !== c.centre).map(at)], true);
    for (const [key, pair] of Object.entries(c.links)) g.links.set(at(key), pair);
  }
  items.forEach((it, i) => {
    if (groupOf[i] === -1 && it.sources.length > 1) open([i], true);
  });
  // Each record is a maybe once at most: with its surest review-band partner in another group.
  const maybe = new Uint8Array(items.length);
  for (const pair of result.pairs) {
    if (pair.outcome !== 'review') continue;
    const a = at(pair.a);
    const b = at(pair.b);
    if (a < 0 || b < 0 || (groupOf[a] !== -1 && groupOf[a] === groupOf[b])) continue;
    // The record outside a cluster is the maybe; else the later one.
    const inA = groupOf[a] !== -1;
    const inB = groupOf[b] !== -1;
    const [x, y] = inA && !inB ? [a, b] : inB && !inA ? [b, a] : [Math.min(a, b), Math.max(a, b)];
    if (maybe[y] === 1) continue;
    maybe[y] = 1;
    const g = groupOf[x] !== -1 ? (groups[groupOf[x] as number] as Group) : open([x], false);
    g.maybes.push({ item: y, pair });
  }
  groups.sort((p, q) => Math.min(...p.items) - Math.min(...q.items));
  const rows: DedupeRow[] = [];
  const counts: DedupeCounts = { rowsCompared: 0, rowsInClusters: 0, rowsAlone: 0, clusters: 0, reviewRows: 0 };
  for (const it of items) counts.rowsCompared += it.sources.length;
  let decided = 0;
  let review = 0;
  for (const g of groups) {
    const id = g.decided ? `C${String(++decided).padStart(4, '0')}` : `R${String(++review).padStart(4, '0')}`;
    const row = (item: number, source: SourceRef, role: DedupeRole, pair: ScoredPair | undefined, explanation: string): void => {
      const it = items[item] as DedupeItem;
      rows.push({
        cluster_id: id,
        source_file: source.file,
        source_sheet: source.sheet ?? '',
        source_row: source.row,
        ...it.shownAt(source),
        score: pair?.score,
        role,
        explanation,
      });
    };
    g.items.forEach((item, k) => {
      const it = items[item] as DedupeItem;
      const [first, ...rest] = it.sources;
      if (!first) return;
      const pair = g.links.get(item);
      if (k === 0) row(item, first, 'best', undefined, 'best record of the cluster');
      else row(item, first, 'match', pair, pair ? pairWhy(pair) : 'matched the best record');
      for (const s of rest)
        row(
          item,
          s,
          'grouped',
          undefined,
          `${it.groupedReason(s)}, with row ${first.row}${first.file === s.file ? '' : ` of ${first.file}`}`,
        );
      if (g.decided) counts.rowsInClusters += it.sources.length;
    });
    for (const { item, pair } of g.maybes) {
      const first = (items[item] as DedupeItem).sources[0];
      if (first)
        row(
          item,
          first,
          'review',
          pair,
          pair.decidedBy
            ? pairWhy(pair)
            : `${pair.probability >= 0.5 ? 'under another customer' : 'maybe'}: ${explanationText(pair.explanation)}`,
        );
      counts.reviewRows++;
    }
    if (g.decided) counts.clusters++;
  }
  counts.rowsAlone = counts.rowsCompared - counts.rowsInClusters;
  return { rows, counts };
}
