import type { Steps } from '../steps';
import { BLOCKS, blockOf, type Block, type FeatureBag } from './features';

/** Sparse vector: feature ids (unordered) and their weights. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export type BlockWeights = Record<Block, number>;

const BLOCK_INDEX: Record<Block, number> = { w: 0, b: 1, c: 2 };

/** Rows (bags, vectors, groups) read between two yields while a structure is built: well under a millisecond each. */
export const ROWS_STEP = 64;

/**
 * Vocabulary and IDF learnt from the answers' own texts (never from tickets),
 * and TF-IDF vectoriser. Blocks are normalised separately and scaled by
 * sqrt(weight), so a dot product is the weighted sum of per-block cosines.
 */
export class VectorSpace {
  readonly ids = new Map<string, number>();
  private idf: Float32Array = new Float32Array(0);
  private blockOfId: Uint8Array = new Uint8Array(0);
  private unknownIdf = 1;
  private readonly scale: Float64Array;

  private constructor(weights: BlockWeights) {
    const total = BLOCKS.reduce((s, b) => s + weights[b], 0) || 1;
    this.scale = Float64Array.from(BLOCKS, (b) => Math.sqrt(weights[b] / total));
  }

  /**
   * Built as steps (a large library's vocabulary is too much for one task). `groups[i]` is the
   * answer that bag i belongs to: document frequency counts answers, not examples, so a word every
   * example of one answer uses still counts as rare (it is what identifies that answer).
   */
  static *build(bags: readonly FeatureBag[], groups: readonly number[], weights: BlockWeights): Steps<VectorSpace> {
    const space = new VectorSpace(weights);
    const df: number[] = [];
    const lastGroup: number[] = [];
    const blocks: number[] = [];
    for (const [i, bag] of bags.entries()) {
      const g = groups[i]!;
      for (const key of bag.keys()) {
        let id = space.ids.get(key);
        if (id === undefined) {
          id = df.length;
          space.ids.set(key, id);
          df.push(0);
          lastGroup.push(-1);
          blocks.push(BLOCK_INDEX[blockOf(key)]);
        }
        if (lastGroup[id] !== g) {
          lastGroup[id] = g;
          df[id]!++;
        }
      }
      if (i % ROWS_STEP === ROWS_STEP - 1) yield;
    }
    const n = new Set(groups).size;
    space.idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
    space.blockOfId = Uint8Array.from(blocks);
    // An unseen feature is at least as rare as the rarest seen one; counting it
    // in the norm keeps unrelated tickets from looking similar to anything.
    space.unknownIdf = Math.log(1 + n) + 1;
    return space;
  }

  get size(): number {
    return this.idf.length;
  }

  vectorize(bag: FeatureBag): SparseVec {
    const norms = [0, 0, 0];
    const ids: number[] = [];
    const vals: number[] = [];
    for (const [key, tf] of bag) {
      const id = this.ids.get(key);
      // Sublinear term frequency; fractional weights (function words) stay linear.
      const w = (tf > 1 ? 1 + Math.log(tf) : tf) * (id === undefined ? this.unknownIdf : this.idf[id]!);
      const b = id === undefined ? BLOCK_INDEX[blockOf(key)] : this.blockOfId[id]!;
      norms[b]! += w * w;
      if (id !== undefined) {
        ids.push(id);
        vals.push(w);
      }
    }
    const factor = norms.map((sq, b) => (sq > 0 ? this.scale[b]! / Math.sqrt(sq) : 0));
    const idx = Int32Array.from(ids);
    const val = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) val[i] = vals[i]! * factor[this.blockOfId[ids[i]!]!]!;
    return { idx, val };
  }

  /**
   * `vectorize`'s weights by feature, the features no answer uses included (weighed as the
   * rarest): for comparing two tickets' words with each other, where those count most.
   */
  weigh(bag: FeatureBag): Map<string, number> {
    const norms = [0, 0, 0];
    const weights = new Map<string, number>();
    for (const [key, tf] of bag) {
      const id = this.ids.get(key);
      const w = (tf > 1 ? 1 + Math.log(tf) : tf) * (id === undefined ? this.unknownIdf : this.idf[id]!);
      norms[BLOCK_INDEX[blockOf(key)]]! += w * w;
      weights.set(key, w);
    }
    const factor = norms.map((sq, b) => (sq > 0 ? this.scale[b]! / Math.sqrt(sq) : 0));
    for (const [key, w] of weights) weights.set(key, w * factor[BLOCK_INDEX[blockOf(key)]]!);
    return weights;
  }
}

/**
 * Unit-length mean vector of each group. One dense scratch array (with a list of
 * touched features) is reused for all groups: far cheaper than a Map per group.
 */
export function* centroids(groups: readonly (readonly SparseVec[])[], nFeatures: number): Steps<SparseVec[]> {
  const acc = new Float64Array(nFeatures);
  const seen = new Uint8Array(nFeatures);
  const out: SparseVec[] = [];
  for (const vecs of groups) {
    const touched: number[] = [];
    for (const v of vecs) {
      for (let i = 0; i < v.idx.length; i++) {
        const f = v.idx[i]!;
        if (!seen[f]) {
          seen[f] = 1;
          touched.push(f);
        }
        acc[f]! += v.val[i]!;
      }
    }
    let sq = 0;
    for (const f of touched) sq += acc[f]! * acc[f]!;
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    const idx = Int32Array.from(touched);
    const val = new Float32Array(touched.length);
    touched.forEach((f, i) => {
      val[i] = acc[f]! * inv;
      acc[f] = 0;
      seen[f] = 0;
    });
    out.push({ idx, val });
    if (out.length % ROWS_STEP === 0) yield;
  }
  return out;
}

/**
 * Feature-major (inverted) matrix: for each feature, the rows that use it.
 * Scoring a query then only touches the postings of the query's features.
 */
export class InvertedMatrix {
  private constructor(
    private readonly start: Int32Array,
    private readonly rows: Int32Array,
    private readonly vals: Float32Array,
  ) {}

  /**
   * Built as steps. Features used by more than `maxPosting` rows are left out: they carry little
   * IDF weight yet dominate query time on large answer sets.
   */
  static *build(vecs: readonly SparseVec[], nFeatures: number, maxPosting = Infinity): Steps<InvertedMatrix> {
    const counts = new Int32Array(nFeatures + 1);
    for (const [row, v] of vecs.entries()) {
      for (const f of v.idx) counts[f + 1]!++;
      if (row % ROWS_STEP === ROWS_STEP - 1) yield;
    }
    const dropped = new Uint8Array(nFeatures);
    for (let f = 0; f < nFeatures; f++) {
      if (counts[f + 1]! > maxPosting) {
        dropped[f] = 1;
        counts[f + 1] = 0;
      }
    }
    for (let f = 0; f < nFeatures; f++) counts[f + 1]! += counts[f]!;
    const fill = counts.slice(0, nFeatures);
    const nnz = counts[nFeatures]!;
    const rows = new Int32Array(nnz);
    const vals = new Float32Array(nnz);
    for (const [row, v] of vecs.entries()) {
      for (let i = 0; i < v.idx.length; i++) {
        if (dropped[v.idx[i]!]) continue;
        const pos = fill[v.idx[i]!]!++;
        rows[pos] = row;
        vals[pos] = v.val[i]!;
      }
      if (row % ROWS_STEP === ROWS_STEP - 1) yield;
    }
    return new InvertedMatrix(counts, rows, vals);
  }

  /** out[row] += dot(query, row) for every row. */
  accumulate(q: SparseVec, out: Float32Array): void {
    for (let i = 0; i < q.idx.length; i++) {
      const f = q.idx[i]!;
      const w = q.val[i]!;
      const end = this.start[f + 1]!;
      for (let p = this.start[f]!; p < end; p++) out[this.rows[p]!]! += w * this.vals[p]!;
    }
  }
}
