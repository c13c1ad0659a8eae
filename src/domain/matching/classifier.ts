import type { SparseVec } from './vectors';

export interface ClassifierOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Share of an example's features hidden at each presentation (dropout training). */
  dropout: number;
  seed: number;
}

/**
 * Multinomial logistic regression over the TF-IDF vectors, trained with SGD on
 * the answers' own examples when the index is built. Unlike nearest-neighbour
 * scores it learns which words separate otherwise similar answers.
 * Weights are feature-major (w[f * C + c]) so scoring touches only the query's features.
 */
export class LinearClassifier {
  private readonly w: Float32Array;

  constructor(
    private readonly nClasses: number,
    nFeatures: number,
  ) {
    this.w = new Float32Array(nClasses * nFeatures);
  }

  scores(x: SparseVec, out: Float32Array): void {
    const C = this.nClasses;
    out.fill(0);
    for (let i = 0; i < x.idx.length; i++) {
      const base = x.idx[i]! * C;
      const v = x.val[i]!;
      for (let c = 0; c < C; c++) out[c]! += v * this.w[base + c]!;
    }
  }

  train(xs: readonly SparseVec[], ys: readonly number[], opts: ClassifierOptions): void {
    const C = this.nClasses;
    const order = xs.map((_, i) => i);
    const s = new Float32Array(C);
    let rand = opts.seed >>> 0 || 1;
    const next = (): number => {
      // xorshift32: deterministic shuffles make index builds reproducible.
      rand ^= rand << 13;
      rand ^= rand >>> 17;
      rand ^= rand << 5;
      return (rand >>> 0) / 4294967296;
    };
    let shrink = 1;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = opts.learningRate / (1 + epoch);
      for (const n of order) {
        const x = opts.dropout > 0 ? dropFeatures(xs[n]!, opts.dropout, next) : xs[n]!;
        this.scores(x, s);
        softmaxInPlace(s);
        s[ys[n]!]! -= 1;
        // Weight decay applied to the touched features only keeps SGD sparse and cheap.
        shrink = 1 - lr * opts.l2;
        for (let i = 0; i < x.idx.length; i++) {
          const base = x.idx[i]! * C;
          const g = lr * x.val[i]!;
          for (let c = 0; c < C; c++) this.w[base + c] = this.w[base + c]! * shrink - g * s[c]!;
        }
      }
    }
  }
}

/**
 * Copy of x with a random share of features removed (and the rest scaled up), so
 * the model cannot lean on one or two words of each of its few examples.
 */
function dropFeatures(x: SparseVec, p: number, rand: () => number): SparseVec {
  const keep: number[] = [];
  for (let i = 0; i < x.idx.length; i++) if (rand() >= p) keep.push(i);
  const scale = 1 / (1 - p);
  return { idx: Int32Array.from(keep, (i) => x.idx[i]!), val: Float32Array.from(keep, (i) => x.val[i]! * scale) };
}

export function softmaxInPlace(s: Float32Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    const e = Math.exp((s[c]! - max) / temperature);
    s[c] = e;
    sum += e;
  }
  for (let c = 0; c < s.length; c++) s[c]! /= sum;
}
