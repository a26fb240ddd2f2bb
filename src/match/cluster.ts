/**
 * Clustering that does not chain. Matched pairs are joined into connected
 * components; each component is split into stars around the records that
 * match most of it (see starClusters), so every member matches its centre
 * and a chain of weak links A~B~C~D never fuses into one cluster. Very large
 * components fall back to centre clustering over their edges: edges are
 * taken strongest first; a record seen for the first time either founds a
 * cluster (as its centre) or joins the cluster of a centre it links to.
 */
import { probability } from './scoring.js';

export interface Edge {
  a: number;
  b: number;
  score: number;
}

export interface IndexCluster {
  centre: number;
  /** Centre first, then members in the order they joined. */
  members: number[];
  /** Score of each member's edge to the centre (the centre's own entry is NaN). */
  scores: number[];
}

/**
 * Cluster `n` records from scored edges (only edges to include should be
 * passed). Deterministic for a given edge set.
 * @example centreClusters(3, [{ a: 0, b: 1, score: 9 }, { a: 1, b: 2, score: 8 }]) // one cluster centred on 1
 */
export function centreClusters(n: number, edges: readonly Edge[]): IndexCluster[] {
  const degree = new Float64Array(n);
  for (const e of edges) {
    const p = probability(e.score);
    degree[e.a] = (degree[e.a] ?? 0) + p;
    degree[e.b] = (degree[e.b] ?? 0) + p;
  }
  const sorted = [...edges].sort(
    (x, y) => y.score - x.score || Math.min(x.a, x.b) - Math.min(y.a, y.b) || Math.max(x.a, x.b) - Math.max(y.a, y.b),
  );
  const clusterOf = new Int32Array(n).fill(-1);
  const isCentre = new Uint8Array(n);
  const clusters: IndexCluster[] = [];
  for (const e of sorted) {
    const ca = clusterOf[e.a] ?? -1;
    const cb = clusterOf[e.b] ?? -1;
    if (ca < 0 && cb < 0) {
      const da = degree[e.a] ?? 0;
      const db = degree[e.b] ?? 0;
      const [centre, member] = da > db || (da === db && e.a < e.b) ? [e.a, e.b] : [e.b, e.a];
      isCentre[centre] = 1;
      clusterOf[centre] = clusterOf[member] = clusters.length;
      clusters.push({ centre, members: [centre, member], scores: [Number.NaN, e.score] });
    } else if (ca >= 0 && cb < 0 && isCentre[e.a] === 1) {
      join(clusters[ca] as IndexCluster, e.b, e.score, clusterOf, ca);
    } else if (cb >= 0 && ca < 0 && isCentre[e.b] === 1) {
      join(clusters[cb] as IndexCluster, e.a, e.score, clusterOf, cb);
    }
  }
  return clusters;
}

/**
 * Bits above `match` under which a member's link to its centre is weak: such
 * a member must itself match every member already in (a confident one only
 * must not contradict them). "Kehner LLC" one letter from "Lehner LLC" is no
 * reason to list it with "LLC Lehner" and "Lehner and co LLC".
 */
export const WEAK_LINK = 3;

/** Largest component scored pair by pair; bigger ones go straight to centre clustering on their edges. */
const MAX_CHECKED = 120;

/**
 * Cluster `n` records from their matched pairs (`edges`). `pairScore(i, j)`
 * scores any pair (used inside components of 3 or more, so records blocking
 * did not pair are still weighed). Every member of a cluster scores at least
 * `match` with its centre, and no two members contradict each other (score
 * below `review`): a member is listed only with the evidence that placed it.
 */
export function clusterRecords(
  n: number,
  edges: readonly Edge[],
  pairScore: (i: number, j: number) => number,
  review: number,
  match = 0,
): IndexCluster[] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while ((parent[r] as number) !== r) r = parent[r] as number;
    while ((parent[x] as number) !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (const e of edges) parent[find(e.a)] = find(e.b);
  const components = new Map<number, { nodes: number[]; edges: Edge[] }>();
  for (const e of edges) {
    const root = find(e.a);
    let c = components.get(root);
    if (!c) components.set(root, (c = { nodes: [], edges: [] }));
    c.edges.push(e);
  }
  for (let i = 0; i < n; i++) components.get(find(i))?.nodes.push(i);
  const clusters: IndexCluster[] = [];
  for (const c of [...components.values()].sort((x, y) => (x.nodes[0] ?? 0) - (y.nodes[0] ?? 0))) {
    if (c.nodes.length <= MAX_CHECKED) clusters.push(...starClusters(c.nodes, c.edges, pairScore, review, match));
    else clusters.push(...centreClusters(n, c.edges));
  }
  return clusters;
}

/**
 * Split one component into stars: the record that matches the most others
 * (then the surest) is a centre; its matches join it, strongest first, unless
 * one contradicts a member already in (scores below `review` with it, or
 * below `match` when its own link to the centre is weak, see WEAK_LINK) —
 * branch offices that each match a sparse record stay apart. Repeated on the
 * records left. A large group written many ways ends as one cluster when
 * one of its records matches the others, however blocking paired them.
 */
function starClusters(
  nodes: number[],
  edges: readonly Edge[],
  pairScore: (i: number, j: number) => number,
  review: number,
  match: number,
): IndexCluster[] {
  const k = nodes.length;
  const score = new Float64Array(k * k);
  const at = new Map<number, number>(nodes.map((node, x) => [node, x]));
  const known = new Set<number>();
  for (const e of edges) {
    const x = at.get(e.a) as number;
    const y = at.get(e.b) as number;
    score[x * k + y] = score[y * k + x] = e.score;
    known.add(Math.min(x, y) * k + Math.max(x, y));
  }
  for (let x = 0; x < k; x++) {
    for (let y = x + 1; y < k; y++) {
      if (known.has(x * k + y)) continue;
      score[x * k + y] = score[y * k + x] = pairScore(nodes[x] as number, nodes[y] as number);
    }
  }
  const open = new Uint8Array(k).fill(1);
  const clusters: IndexCluster[] = [];
  for (;;) {
    let centre = -1;
    let bestCount = 0;
    let bestMass = 0;
    for (let c = 0; c < k; c++) {
      if (open[c] === 0) continue;
      let count = 0;
      let mass = 0;
      for (let x = 0; x < k; x++) {
        const s = score[c * k + x] as number;
        if (x === c || open[x] === 0 || s < match) continue;
        count++;
        mass += probability(s);
      }
      if (count > bestCount || (count === bestCount && count > 0 && mass > bestMass)) [centre, bestCount, bestMass] = [c, count, mass];
    }
    if (centre < 0) break;
    const candidates = [];
    for (let x = 0; x < k; x++) if (x !== centre && open[x] === 1 && (score[centre * k + x] as number) >= match) candidates.push(x);
    candidates.sort((x, y) => (score[centre * k + y] as number) - (score[centre * k + x] as number) || x - y);
    const members = [centre];
    for (const x of candidates) {
      // A weak link to the centre is no licence to sit beside members it does not match itself.
      const floor = (score[centre * k + x] as number) >= match + WEAK_LINK ? review : match;
      if (members.every((m) => m === centre || (score[m * k + x] as number) >= floor)) members.push(x);
    }
    for (const m of members) open[m] = 0;
    clusters.push({
      centre: nodes[centre] as number,
      members: members.map((x) => nodes[x] as number),
      scores: members.map((x) => (x === centre ? Number.NaN : (score[centre * k + x] as number))),
    });
  }
  return clusters;
}

function join(c: IndexCluster, node: number, score: number, clusterOf: Int32Array, id: number): void {
  c.members.push(node);
  c.scores.push(score);
  clusterOf[node] = id;
}
