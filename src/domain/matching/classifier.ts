import type { Steps } from '../steps';
import { ROWS_STEP, type SparseVec } from './vectors';
import { roundWeights } from './weights';

/** Examples trained between two yields: a few milliseconds of work on a large library. */
const TRAIN_STEP = 16;
/** Weights checked between two yields when restoring. */
const WEIGHTS_STEP = 1 << 16;

export interface ClassifierOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Share of an example's features hidden at each presentation (dropout training). */
  dropout: number;
  seed: number;
}

/**
 * x with a random share of features removed (and the rest scaled up), so the
 * model cannot lean on one or two words of each of its few examples. Writes into
 * `scratch` (at least as long as x) and returns views of it: no allocation per call.
 */
function dropFeatures(x: SparseVec, p: number, rand: () => number, scratch: SparseVec): SparseVec {
  const scale = 1 / (1 - p);
  let n = 0;
  for (let i = 0; i < x.idx.length; i++) {
    if (rand() < p) continue;
    scratch.idx[n] = x.idx[i]!;
    scratch.val[n++] = x.val[i]! * scale;
  }
  return { idx: scratch.idx.subarray(0, n), val: scratch.val.subarray(0, n) };
}

/** xorshift32: deterministic shuffles and dropout make index builds reproducible. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * Multinomial logistic regression whose weights for an answer exist only on the
 * features its own examples use ("support"). Memory is then the size of the
 * examples, not answers x features, and scoring is an inverted-index pass, so
 * it scales to thousands of answers. Features an answer never uses still count
 * against it through the softmax, because they raise the other answers' scores.
 */
export class SupportClassifier {
  /** Feature-major postings: for feature f, slots start[f]..start[f+1] give (class, weight). */
  private readonly start: Int32Array;
  private readonly cls: Int32Array;
  private readonly w: Float32Array;
  private readonly touched: Int32Array;
  private readonly acc: Float64Array;
  private readonly mark: Uint8Array;

  private constructor(
    private readonly nClasses: number,
    start: Int32Array,
    cls: Int32Array,
  ) {
    this.start = start;
    this.cls = cls;
    this.w = new Float32Array(cls.length);
    this.touched = new Int32Array(nClasses);
    this.acc = new Float64Array(nClasses);
    this.mark = new Uint8Array(nClasses);
  }

  /**
   * Built as steps. Features supported by more than `maxClasses` answers are left out: they
   * separate little, and their long postings would dominate training time.
   */
  static *build(
    nClasses: number,
    nFeatures: number,
    xs: readonly SparseVec[],
    ys: readonly number[],
    maxClasses = Infinity,
  ): Steps<SupportClassifier> {
    // Visit examples class by class so one "last class seen" per feature dedupes (feature, class) pairs.
    const order = xs.map((_, i) => i).sort((a, b) => ys[a]! - ys[b]!);
    const last = new Int32Array(nFeatures).fill(-1);
    const counts = new Int32Array(nFeatures + 1);
    for (const [k, n] of order.entries()) {
      for (const f of xs[n]!.idx) {
        if (last[f] !== ys[n]) {
          last[f] = ys[n]!;
          counts[f + 1]!++;
        }
      }
      if (k % ROWS_STEP === ROWS_STEP - 1) yield;
    }
    const dropped = new Uint8Array(nFeatures);
    for (let f = 0; f < nFeatures; f++) {
      if (counts[f + 1]! > maxClasses) {
        dropped[f] = 1;
        counts[f + 1] = 0;
      }
    }
    for (let f = 0; f < nFeatures; f++) counts[f + 1]! += counts[f]!;
    const cls = new Int32Array(counts[nFeatures]!);
    const fill = counts.slice(0, nFeatures);
    last.fill(-1);
    for (const [k, n] of order.entries()) {
      for (const f of xs[n]!.idx) {
        if (last[f] !== ys[n] && !dropped[f]) {
          last[f] = ys[n]!;
          cls[fill[f]!++] = ys[n]!;
        }
      }
      if (k % ROWS_STEP === ROWS_STEP - 1) yield;
    }
    return new SupportClassifier(nClasses, counts, cls);
  }

  /** The trained weights, one per (feature, class) slot; the slots follow from the examples alone. */
  get weights(): Float32Array {
    return this.w;
  }

  /**
   * Takes weights trained earlier on the same examples (persist.ts) in place of training. False,
   * and nothing taken, when they cannot be those: another count of slots, or a value not finite.
   */
  *restoreSteps(weights: Float32Array): Steps<boolean> {
    if (weights.length !== this.w.length) return false;
    // A plain loop: a callback per weight (`every`) takes a long task on a large library.
    for (let i = 0; i < weights.length; i++) {
      if (!Number.isFinite(weights[i])) return false;
      if (i % WEIGHTS_STEP === WEIGHTS_STEP - 1) yield;
    }
    this.w.set(weights);
    return true;
  }

  /** Multiply-adds of one training epoch, to fit training into a time budget. */
  epochCost(xs: readonly SparseVec[]): number {
    let cost = 0;
    for (const x of xs) for (const f of x.idx) cost += this.start[f + 1]! - this.start[f]!;
    return 2 * cost;
  }

  /** Scores the classes sharing a feature with x (into acc/touched); all others score 0. */
  private forward(x: SparseVec): { n: number; max: number; z: number } {
    let n = 0;
    for (let i = 0; i < x.idx.length; i++) {
      const f = x.idx[i]!;
      const v = x.val[i]!;
      for (let s = this.start[f]!; s < this.start[f + 1]!; s++) {
        const c = this.cls[s]!;
        if (!this.mark[c]) {
          this.mark[c] = 1;
          this.touched[n++] = c;
        }
        this.acc[c]! += v * this.w[s]!;
      }
    }
    let max = n < this.nClasses ? 0 : -Infinity;
    for (let t = 0; t < n; t++) max = Math.max(max, this.acc[this.touched[t]!]!);
    let z = (this.nClasses - n) * Math.exp(-max);
    for (let t = 0; t < n; t++) z += Math.exp(this.acc[this.touched[t]!]! - max);
    return { n, max, z };
  }

  private reset(n: number): void {
    for (let t = 0; t < n; t++) {
      const c = this.touched[t]!;
      this.acc[c] = 0;
      this.mark[c] = 0;
    }
  }

  /** Writes the softmax probability of every class into out. */
  probs(x: SparseVec, out: Float32Array): void {
    const { n, max, z } = this.forward(x);
    out.fill(Math.exp(-max) / z);
    for (let t = 0; t < n; t++) {
      const c = this.touched[t]!;
      out[c] = Math.exp(this.acc[c]! - max) / z;
    }
    this.reset(n);
  }

  /**
   * Training as steps: yields every TRAIN_STEP examples, so a caller can spread it over many short
   * tasks. The weights end at 16-bit precision (weights.ts), as the session keeps them.
   */
  *trainSteps(xs: readonly SparseVec[], ys: readonly number[], opts: ClassifierOptions): Steps<void> {
    const rand = xorshift(opts.seed);
    const order = xs.map((_, i) => i);
    const p = new Float64Array(this.nClasses);
    const longest = xs.reduce((m, x) => Math.max(m, x.idx.length), 0);
    const scratch: SparseVec = { idx: new Int32Array(longest), val: new Float32Array(longest) };
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = opts.learningRate / (1 + epoch);
      const shrink = 1 - lr * opts.l2;
      for (let k = 0; k < order.length; k++) {
        if (k % TRAIN_STEP === TRAIN_STEP - 1) yield;
        const n = order[k]!;
        const x = opts.dropout > 0 ? dropFeatures(xs[n]!, opts.dropout, rand, scratch) : xs[n]!;
        const y = ys[n]!;
        const { n: touched, max, z } = this.forward(x);
        for (let t = 0; t < touched; t++) {
          const c = this.touched[t]!;
          p[c] = Math.exp(this.acc[c]! - max) / z;
        }
        for (let i = 0; i < x.idx.length; i++) {
          const f = x.idx[i]!;
          const g = lr * x.val[i]!;
          for (let s = this.start[f]!; s < this.start[f + 1]!; s++) {
            const c = this.cls[s]!;
            this.w[s] = this.w[s]! * shrink - g * (p[c]! - (c === y ? 1 : 0));
          }
        }
        this.reset(touched);
      }
    }
    yield* roundWeights(this.w);
  }
}
