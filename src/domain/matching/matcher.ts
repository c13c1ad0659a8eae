import { LinearClassifier, softmaxInPlace } from './classifier';
import { extractFeatures } from './features';
import { tokenize } from './text';
import { InvertedMatrix, VectorSpace, centroid, type BlockWeights, type SparseVec } from './vectors';

export interface AnswerDoc {
  id: string;
  title: string;
  summary?: string;
  examples: string[];
  tags?: string[];
  locale?: string;
}

export interface TicketQuery {
  subject: string;
  text?: string;
  tags?: string[];
  locale?: string;
}

export interface ScoredAnswer {
  id: string;
  score: number;
}

export interface MatchResult {
  best: ScoredAnswer | null;
  /** Up to two runners-up; still listed when abstaining so the UI can offer them as "maybe". */
  alternates: ScoredAnswer[];
  /** 0..1 */
  confidence: number;
  abstained: boolean;
}

export interface MatcherOptions {
  threshold?: number;
}

export interface Matcher {
  match(q: TicketQuery): MatchResult;
  rank(q: TicketQuery, k?: number): ScoredAnswer[];
}

/** Internal knobs, tuned by cross-validation; exposed for the evaluation scripts only. */
export interface Tuning {
  blocks: BlockWeights;
  knn: number;
  centroid: number;
  classifier: number;
  classifierEpochs: number;
  classifierRate: number;
  classifierL2: number;
  /** Largest classes x features product for which the classifier is trained. */
  classifierBudget: number;
}

export const DEFAULT_TUNING: Tuning = {
  blocks: { w: 0.5, b: 0.2, c: 0.3 },
  knn: 1,
  centroid: 1,
  classifier: 1,
  classifierEpochs: 8,
  classifierRate: 1,
  classifierL2: 1e-4,
  classifierBudget: 40_000_000,
};

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

const TAG_BOOST = 0.5;
const LOCALE_PENALTY = 0.9;

const normTag = (t: string): string => t.trim().toLowerCase();
const language = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0] ?? '';

function featuresOf(text: string): Map<string, number> {
  return extractFeatures(tokenize(text));
}

function queryText(q: TicketQuery): string {
  return q.text ? `${q.subject}\n${q.text}` : q.subject;
}

export function createMatcher(answers: AnswerDoc[], options: MatcherOptions = {}, tuning: Tuning = DEFAULT_TUNING): Matcher {
  const threshold = options.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const nAnswers = answers.length;

  // Every example is a document; title + summary form one more, so an answer
  // with no examples yet is still findable.
  const docAnswer: number[] = [];
  const bags: Map<string, number>[] = [];
  answers.forEach((a, ai) => {
    const texts = [[a.title, a.summary ?? ''].join('\n'), ...a.examples];
    for (const t of texts) {
      const bag = featuresOf(t);
      if (bag.size === 0) continue;
      bags.push(bag);
      docAnswer.push(ai);
    }
  });

  const space = new VectorSpace(bags, tuning.blocks);
  const docVecs = bags.map((b) => space.vectorize(b));
  const docIndex = new InvertedMatrix(docVecs, space.size);
  const perAnswer: SparseVec[][] = answers.map(() => []);
  docVecs.forEach((v, d) => perAnswer[docAnswer[d]!]!.push(v));
  const centroidIndex = new InvertedMatrix(
    perAnswer.map((vs) => centroid(vs)),
    space.size,
  );

  let classifier: LinearClassifier | null = null;
  if (tuning.classifier > 0 && nAnswers > 1 && nAnswers * space.size <= tuning.classifierBudget) {
    classifier = new LinearClassifier(nAnswers, space.size);
    classifier.train(docVecs, docAnswer, {
      epochs: tuning.classifierEpochs,
      learningRate: tuning.classifierRate,
      l2: tuning.classifierL2,
      seed: 7,
    });
  }

  const answerTags = answers.map((a) => new Set((a.tags ?? []).map(normTag)));
  const answerLang = answers.map((a) => (a.locale ? language(a.locale) : null));

  const docScores = new Float32Array(docVecs.length);
  const centScores = new Float32Array(nAnswers);
  const clfScores = new Float32Array(nAnswers);

  function score(q: TicketQuery): Float64Array {
    const fused = new Float64Array(nAnswers);
    if (nAnswers === 0) return fused;
    const qv = space.vectorize(featuresOf(queryText(q)));
    docScores.fill(0);
    centScores.fill(0);
    docIndex.accumulate(qv, docScores);
    centroidIndex.accumulate(qv, centScores);
    const knn = new Float64Array(nAnswers);
    for (let d = 0; d < docScores.length; d++) {
      const a = docAnswer[d]!;
      if (docScores[d]! > knn[a]!) knn[a] = docScores[d]!;
    }
    if (classifier) {
      classifier.scores(qv, clfScores);
      softmaxInPlace(clfScores);
    }
    const tags = new Set((q.tags ?? []).map(normTag));
    const lang = q.locale ? language(q.locale) : null;
    for (let a = 0; a < nAnswers; a++) {
      let s = tuning.knn * knn[a]! + tuning.centroid * centScores[a]! + (classifier ? tuning.classifier * clfScores[a]! : 0);
      for (const t of answerTags[a]!) if (tags.has(t)) s += TAG_BOOST;
      const al = answerLang[a];
      if (lang && al && al !== lang) s *= LOCALE_PENALTY;
      fused[a] = s;
    }
    return fused;
  }

  function topK(scores: Float64Array, k: number): ScoredAnswer[] {
    const order: number[] = [];
    if (k <= 0) return [];
    for (let a = 0; a < scores.length; a++) {
      if (scores[a]! <= 0) continue;
      // Insertion into a short sorted list: k is tiny, answers may be many.
      if (order.length === k && scores[a]! <= scores[order[k - 1]!]!) continue;
      let i = Math.min(order.length, k - 1);
      order[i] = a;
      while (i > 0 && scores[order[i - 1]!]! < scores[a]!) {
        order[i] = order[i - 1]!;
        order[i - 1] = a;
        i--;
      }
    }
    return order.map((a) => ({ id: answers[a]!.id, score: scores[a]! }));
  }

  return {
    rank(q, k = 3) {
      return topK(score(q), Math.max(0, k));
    },
    match(q) {
      const ranked = topK(score(q), 3);
      const top = ranked[0];
      const confidence = top ? Math.min(1, top.score / 3) : 0;
      const abstained = !top || confidence < threshold;
      return {
        best: abstained ? null : top,
        alternates: abstained ? ranked.slice(0, 2) : ranked.slice(1, 3),
        confidence,
        abstained,
      };
    },
  };
}
