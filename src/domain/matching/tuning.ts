import type { BlockWeights } from './vectors';

/**
 * Internal knobs, tuned by cross-validation; exposed for the evaluation scripts only. Apart from the
 * matcher's code, so a library's fingerprint (fingerprint.ts), which covers them, is taken without loading it.
 */
export interface Tuning {
  blocks: BlockWeights;
  knn: number;
  centroid: number;
  classifier: number;
  classifierEpochs: number;
  classifierRate: number;
  classifierL2: number;
  classifierDropout: number;
  /** Features used by more than max(classifierMinClasses, classifierShare x answers) answers are left out of the classifier. */
  classifierShare: number;
  classifierMinClasses: number;
  /** Rough multiply-add budget for training; epochs are cut to fit it (fewer than 2: no classifier). */
  classifierOps: number;
  /** Postings longer than max(minPrune, pruneShare x rows) are skipped at query time. */
  pruneShare: number;
  minPrune: number;
  /** Softmax temperature, as a share of the best fused score, for the confidence. */
  confidenceTemperature: number;
  /** Similarity at which the text evidence counts as fully on topic. */
  gateSimilarity: number;
}

export const DEFAULT_TUNING: Tuning = {
  blocks: { w: 0.5, b: 0.2, c: 0.3 },
  knn: 1,
  centroid: 1,
  classifier: 1,
  classifierEpochs: 10,
  classifierRate: 3,
  classifierL2: 1e-4,
  classifierDropout: 0.4,
  classifierShare: 0.02,
  classifierMinClasses: 100,
  classifierOps: 1_000_000_000,
  pruneShare: 0.05,
  minPrune: 2000,
  confidenceTemperature: 0.1,
  gateSimilarity: 0.3,
};

// 5-fold CV on BANKING77 put the 95%-precision cut at 0.969 with 5 examples per
// answer, 0.956 with 10 and 0.83 with all (~100); the strict value holds for
// new answers with few examples.
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.969;
