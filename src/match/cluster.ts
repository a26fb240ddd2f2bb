/**
 * Clustering that does not chain. Matched pairs are joined into connected
 * components; a component whose members all fit together (every pair inside
 * scores at least `review`) is one cluster. Any other component is split by
 * centre clustering: edges are taken strongest first; a record seen for the
 * first time either founds a cluster (as its centre) or joins the cluster of
 * a centre it links to. A record linked only to non-centre members stays
 * out, so a chain of weak links A~B~C~D never fuses into one cluster.
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

/** Largest component checked pair by pair; bigger ones go straight to centre clustering. */
const MAX_CHECKED = 40;

/**
 * Cluster `n` records from their matched pairs (`edges`). `pairScore(i, j)`
 * scores any pair (used to check components of 3 or more).
 */
export function clusterRecords(
  n: number,
  edges: readonly Edge[],
  pairScore: (i: number, j: number) => number,
  review: number,
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
    const whole = c.nodes.length <= MAX_CHECKED ? checkedCluster(c.nodes, c.edges, pairScore, review) : undefined;
    if (whole) clusters.push(whole);
    else clusters.push(...centreClusters(n, c.edges));
  }
  return clusters;
}

/** The component as one cluster when every pair in it scores ≥ review; the centre has the highest total score. */
function checkedCluster(nodes: number[], edges: readonly Edge[], pairScore: (i: number, j: number) => number, review: number): IndexCluster | undefined {
  const known = new Map<string, number>();
  for (const e of edges) known.set(`${Math.min(e.a, e.b)}|${Math.max(e.a, e.b)}`, e.score);
  const k = nodes.length;
  const score = new Float64Array(k * k);
  const total = new Float64Array(k);
  for (let x = 0; x < k; x++) {
    for (let y = x + 1; y < k; y++) {
      const a = nodes[x] as number;
      const b = nodes[y] as number;
      const s = known.get(`${Math.min(a, b)}|${Math.max(a, b)}`) ?? pairScore(a, b);
      if (s < review) return undefined;
      score[x * k + y] = score[y * k + x] = s;
      total[x] = (total[x] ?? 0) + s;
      total[y] = (total[y] ?? 0) + s;
    }
  }
  let c = 0;
  for (let x = 1; x < k; x++) if ((total[x] ?? 0) > (total[c] ?? 0)) c = x;
  const order = [c, ...nodes.map((_, x) => x).filter((x) => x !== c)];
  return {
    centre: nodes[c] as number,
    members: order.map((x) => nodes[x] as number),
    scores: order.map((x) => (x === c ? Number.NaN : (score[c * k + x] as number))),
  };
}

function join(c: IndexCluster, node: number, score: number, clusterOf: Int32Array, id: number): void {
  c.members.push(node);
  c.scores.push(score);
  clusterOf[node] = id;
}
