/**
 * Centre clustering: edges are taken strongest first; a record seen for the
 * first time either founds a cluster (as its centre) or joins the cluster of
 * a centre it links to. A record linked only to non-centre members stays
 * out, so a chain of weak links A~B~C~D never fuses into one cluster: every
 * member is directly matched to its cluster's centre.
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

function join(c: IndexCluster, node: number, score: number, clusterOf: Int32Array, id: number): void {
  c.members.push(node);
  c.scores.push(score);
  clusterOf[node] = id;
}
