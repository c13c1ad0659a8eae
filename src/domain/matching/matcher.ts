import { isVariant } from '../answers/variants';
import { SupportClassifier } from './classifier';
import { extractFeatures } from './features';
import { gloss } from './glossary';
import { SpellingCorrector } from './spelling';
import { drain, type Steps } from '../steps';
import { DEFAULT_CONFIDENCE_THRESHOLD, DEFAULT_TUNING, type Tuning } from './tuning';
import { stem } from './stemmer';
import { tokenize, type Token } from './text';
import { InvertedMatrix, VectorSpace, centroids, type SparseVec } from './vectors';

export interface AnswerDoc {
  id: string;
  title: string;
  summary?: string;
  examples: string[];
  tags?: string[];
  /** The library's own records fit as they are: a missing locale is null there. */
  locale?: string | null;
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
  /**
   * Related runners-up: up to two beside a confident answer; when abstaining, up to three
   * candidates, best first, so the UI can offer them as possible answers.
   */
  alternates: ScoredAnswer[];
  /** 0..1 */
  confidence: number;
  abstained: boolean;
}

export interface MatcherOptions {
  /** A fixed abstention threshold; without one it is calibrated on the library's own examples. */
  threshold?: number;
}

export interface MatchOptions {
  /**
   * Answers ruled out for this ticket (an agent reported them as not right): they are neither
   * offered nor counted against the others, so the next answer is judged on its own.
   */
  exclude?: ReadonlySet<string>;
  /** Other tickets an answer was reported as not right for, by their subjects: a ticket like one of them is not offered it. */
  misfits?: readonly MisfitText[];
}

/** An answer reported as not right for a ticket, and that ticket's subject. */
export interface MisfitText {
  answerId: string;
  subject: string;
}

export interface Matcher {
  match(q: TicketQuery, options?: MatchOptions): MatchResult;
  rank(q: TicketQuery, k?: number): ScoredAnswer[];
  /** The abstention threshold in use: the given one, the calibrated one, or the global default. */
  readonly threshold: number;
  /** Whether the threshold was calibrated on this library (false: given, or the global default). */
  readonly calibrated: boolean;
  /** What training learnt, to build the same matcher again without training (persist.ts). */
  readonly trained: TrainedState;
}

/**
 * The expensive, deterministic part of a matcher built without a fixed threshold: the calibrated
 * threshold (null: none, the global one serves) and the classifier's weights (null: no classifier).
 * Everything else is rebuilt from the answers' text, far faster than training.
 */
export interface TrainedState {
  calibration: number | null;
  weights: Float32Array | null;
}

export { DEFAULT_CONFIDENCE_THRESHOLD, DEFAULT_TUNING, type Tuning } from './tuning';

const TAG_BOOST = 0.5;
/** Answers read (tokenised, or their held-out examples scored) between two yields. */
const READ_STEP = 4;
/** Text evidence below this is none: tags alone then decide, by their plain margin. */
const MIN_SCALE = 0.01;
/**
 * The similarity at which a ticket's subject alone is on topic. A few words come close to an
 * example by chance more easily than a whole ticket, so the bar is higher than the ticket's (the
 * tuning's gateSimilarity, 0.3): on the labelled demo tickets, 0.3 answered one more ticket wrong.
 */
const SUBJECT_GATE = 0.4;
const LOCALE_PENALTY = 0.9;

const normTag = (t: string): string => t.trim().toLowerCase();
const language = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0] ?? '';

function respell(tokens: Token[], speller: SpellingCorrector): Token[] {
  return tokens.map((t) => {
    const surface = speller.correct(t.surface);
    return surface === t.surface ? t : { ...t, surface, stem: stem(surface) };
  });
}

function queryText(q: TicketQuery): string {
  return q.text ? `${q.subject}\n${q.text}` : q.subject;
}

interface Scores {
  /** Fused per-answer scores (about 0..1 before tag boosts). */
  fused: Float64Array;
  /** Raw text similarity per answer. */
  sim: Float64Array;
  /** Per-answer scores from the ticket's words alone (no tag boost). */
  text: Float64Array;
  /** The best of those: how much evidence the ticket's words give at all. */
  textBest: number;
  /** The subject's own vector, when the ticket has more than its subject. */
  subjectVector?: SparseVec;
}

interface Subject {
  vector: SparseVec;
  weights: Map<string, number>;
}

interface Scorer {
  /** The classifier's weights, null without one. */
  weights: Float32Array | null;
  score: (q: TicketQuery) => Scores;
  confidenceOf: (scores: Scores, top: number) => number;
  /** Whether the two answers are one issue: the same answer, or language variants of it. */
  sameIssue: (a: number, b: number) => boolean;
  /** Whether the two answers share a tag. */
  shareTag: (a: number, b: number) => boolean;
  /** A subject's words, weighed as a ticket's are (`similarity` compares two; `nearestOwn` one with an answer). */
  subjectWords: (subject: string) => Subject;
  /** The similarity of two subjects, on all their words: also those no answer uses. */
  similarity: (a: Subject, b: Subject) => number;
  /** How close a subject's vector comes to one of answer `a`'s documents (its examples, title and summary). */
  nearestOwn: (subject: SparseVec, a: number) => number;
}

/** `weights` trained before on the same answers and tuning take the place of training the classifier. */
function* buildScorer(answers: readonly AnswerDoc[], tuning: Tuning, weights: Float32Array | null = null): Steps<Scorer> {
  const nAnswers = answers.length;

  // Every example is a document; title + summary form one more, so an answer
  // with no examples yet is still findable.
  const docAnswer: number[] = [];
  const bags: Map<string, number>[] = [];
  const words: string[] = [];
  for (const [ai, a] of answers.entries()) {
    const texts = [[a.title, a.summary ?? ''].join('\n'), ...a.examples];
    for (const t of texts) {
      const tokens = gloss(t, tokenize);
      for (const tok of tokens) if (tok.surface) words.push(tok.surface);
      const bag = extractFeatures(tokens);
      if (bag.size === 0) continue;
      bags.push(bag);
      docAnswer.push(ai);
    }
    if (ai % READ_STEP === READ_STEP - 1) yield;
  }

  const space = yield* VectorSpace.build(bags, docAnswer, tuning.blocks);
  const speller = yield* SpellingCorrector.build(words, (w) => space.ids.has('w' + stem(w)));
  const docVecs: SparseVec[] = [];
  for (const bag of bags) {
    docVecs.push(space.vectorize(bag));
    if (docVecs.length % (READ_STEP * 8) === 0) yield;
  }
  const maxPosting = (rows: number): number => Math.max(tuning.minPrune, tuning.pruneShare * rows);
  const docIndex = yield* InvertedMatrix.build(docVecs, space.size, maxPosting(docVecs.length));
  // A loop, not a callback: a variable a closure names stays in memory with the scorer's closures,
  // and this one holds every example's vector.
  const perAnswer: SparseVec[][] = answers.map(() => []);
  for (let d = 0; d < docVecs.length; d++) perAnswer[docAnswer[d]!]!.push(docVecs[d]!);
  const centroidIndex = yield* InvertedMatrix.build(yield* centroids(perAnswer, space.size), space.size, maxPosting(nAnswers));

  // Training cost grows with answers x examples; past the budget the epochs are
  // cut, and below two epochs the neighbour and centroid scores serve alone.
  let classifier: SupportClassifier | null = null;
  if (tuning.classifier > 0 && nAnswers > 1) {
    const maxClasses = Math.max(tuning.classifierMinClasses, tuning.classifierShare * nAnswers);
    const candidate = yield* SupportClassifier.build(nAnswers, space.size, docVecs, docAnswer, maxClasses);
    const epochs = Math.min(tuning.classifierEpochs, Math.floor(tuning.classifierOps / Math.max(1, candidate.epochCost(docVecs))));
    if (epochs >= 2) {
      if (!weights || !(yield* candidate.restoreSteps(weights))) {
        yield* candidate.trainSteps(docVecs, docAnswer, {
          epochs,
          learningRate: tuning.classifierRate,
          l2: tuning.classifierL2,
          dropout: tuning.classifierDropout,
          seed: 7,
        });
      }
      classifier = candidate;
    }
  }

  const answerTags = answers.map((a) => new Set((a.tags ?? []).map(normTag)));
  const answerLang = answers.map((a) => (a.locale ? language(a.locale) : null));

  const docScores = new Float32Array(docVecs.length);
  const centScores = new Float32Array(nAnswers);
  const clfScores = new Float32Array(nAnswers);

  const weightSum = tuning.knn + tuning.centroid + (classifier ? tuning.classifier : 0) || 1;

  function score(q: TicketQuery): Scores {
    const fused = new Float64Array(nAnswers);
    const sim = new Float64Array(nAnswers);
    const text = new Float64Array(nAnswers);
    let textBest = 0;
    if (nAnswers === 0) return { fused, sim, text, textBest };
    const qv = vectorOf(queryText(q));
    const knn = new Float64Array(nAnswers);
    docScores.fill(0);
    centScores.fill(0);
    docIndex.accumulate(qv, docScores);
    centroidIndex.accumulate(qv, centScores);
    for (let d = 0; d < docScores.length; d++) {
      const a = docAnswer[d]!;
      if (docScores[d]! > knn[a]!) knn[a] = docScores[d]!;
    }
    // With no known word the classifier would spread probability evenly: no evidence, no score.
    if (qv.idx.length > 0) classifier?.probs(qv, clfScores);
    else clfScores.fill(0);
    const tags = new Set((q.tags ?? []).map(normTag));
    const lang = q.locale ? language(q.locale) : null;
    for (let a = 0; a < nAnswers; a++) {
      let s = (tuning.knn * knn[a]! + tuning.centroid * centScores[a]! + (classifier ? tuning.classifier * clfScores[a]! : 0)) / weightSum;
      sim[a] = Math.max(knn[a]!, centScores[a]!);
      const al = answerLang[a];
      const penalty = lang && al && al !== lang ? LOCALE_PENALTY : 1;
      s *= penalty;
      text[a] = s;
      textBest = Math.max(textBest, s);
      let tagged = false;
      for (const t of answerTags[a]!) tagged ||= tags.has(t);
      if (tagged) {
        // An explicit tag match is routing metadata: on-topic evidence by itself.
        s += TAG_BOOST * penalty;
        sim[a] = Math.max(sim[a]!, tuning.gateSimilarity);
      }
      fused[a] = s;
    }
    return { fused, sim, text, textBest, ...(q.text ? { subjectVector: vectorOf(q.subject) } : {}) };
  }

  /** A ticket's words, as the answers' are read: respelled first, since the glossary knows no typos. */
  const ticketTokens = (text: string): Token[] => gloss(text, (rest) => respell(tokenize(rest), speller));
  function vectorOf(text: string): SparseVec {
    return space.vectorize(extractFeatures(ticketTokens(text)));
  }
  function subjectWords(subject: string): Subject {
    const bag = extractFeatures(ticketTokens(subject));
    return { vector: space.vectorize(bag), weights: space.weigh(bag) };
  }
  function similarity(a: Subject, b: Subject): number {
    let dot = 0;
    for (const [key, w] of a.weights) dot += w * (b.weights.get(key) ?? 0);
    return dot;
  }
  function nearestOwn(vector: SparseVec, a: number): number {
    docScores.fill(0);
    docIndex.accumulate(vector, docScores);
    let best = 0;
    for (let d = 0; d < docScores.length; d++) if (docAnswer[d] === a && docScores[d]! > best) best = docScores[d]!;
    return best;
  }

  /** Each answer's variants, found when first asked: a match asks for the best answer's alone. */
  const variants: (ReadonlySet<number> | undefined)[] = [];
  const variantsOf = (a: number): ReadonlySet<number> =>
    (variants[a] ??= new Set(answers.flatMap((b, bi) => (isVariant(answers[a]!, b) ? [bi] : []))));
  const sameIssue = (a: number, b: number): boolean => variantsOf(a).has(b);

  /**
   * Confidence = how much the top answer stands out from all others (softmax
   * over fused scores) times how on-topic the ticket is at all (text similarity
   * gate), so unrelated text abstains even when one answer wins by a hair.
   */
  function confidenceOf({ fused, sim, textBest, subjectVector }: Scores, top: number): number {
    const best = fused[top]!;
    // Relative to the best text score: a long ticket spreads its words over more features and a
    // short one in another language shares fewer of them, which lowers every answer's score alike;
    // the margin as a share of that is what tells answers apart. Tag boosts stay out of the scale:
    // a tag several answers share lifts them all and must not blur the margin between them.
    const t = tuning.confidenceTemperature * Math.max(textBest, MIN_SCALE);
    // The issue's share, not the answer's: a variant in another language close behind is the same
    // answer to give (the sidebar shows the requester's), not a rival that makes the match unsure.
    const issue = variantsOf(top);
    let z = 0;
    let share = 0;
    for (let a = 0; a < fused.length; a++) {
      const p = Math.exp((fused[a]! - best) / t);
      z += p;
      if (issue.has(a)) share += p;
    }
    // On topic by the whole ticket, or by its subject alone: a long message dilutes its likeness to
    // an answer's short examples, while the subject, the customer's summary, reads like them.
    const onTopic = Math.max(sim[top]! / tuning.gateSimilarity, subjectVector ? nearestOwn(subjectVector, top) / SUBJECT_GATE : 0);
    return (Math.min(1, onTopic) * share) / z;
  }

  const shareTag = (a: number, b: number): boolean => [...answerTags[a]!].some((t) => answerTags[b]!.has(t));

  return { weights: classifier?.weights ?? null, score, confidenceOf, sameIssue, shareTag, subjectWords, similarity, nearestOwn };
}

function topK(scores: Float64Array, k: number): number[] {
  const order: number[] = [];
  if (k <= 0) return order;
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
  return order;
}

/** An alternate's score is at least this share of the best answer's. */
const ALTERNATE_FLOOR = 0.6;
/**
 * Unsure, a candidate must still be about the ticket: this much text similarity (or a shared tag,
 * which counts as the gate's full similarity). Below it the best guess is another topic.
 */
const CANDIDATE_SIMILARITY = 0.1;
/**
 * Unsure, a guess after the first reaches this share of its score, or shares a tag with it. On the
 * labelled demo tickets (`npm run bench`), 0.7 offered 7 guesses of other topics that 0.75 leaves
 * out, none of them right; 0.8 left out a right one.
 */
const CANDIDATE_FLOOR = 0.75;

/**
 * A ticket whose subject is this close to that of one an answer was reported as not right for
 * (and closer to it than to any of the answer's own examples) is not offered that answer: the
 * report speaks for it too. Subjects, because examples are subject-like and bodies differ even
 * when the issue is the same. At 0.5 a report of the card-not-arrived answer on "Card lost" (or
 * "Karte verloren", read alike through the glossary) took it from "3rd card lost in the post!!".
 */
const MISFIT_NEAR = 0.6;
/** A report on a ticket whose subject reads like one of the answer's own examples is outweighed by them: a lead approved those. */
const MISFIT_OUTWEIGHED = 0.9;

/** Precision the calibrated threshold aims for on the library's held-out examples. */
const TARGET_PRECISION = 0.95;
const CALIBRATION_FOLDS = 3;
/** Fewer held-out examples say too little about where precision reaches the target: the global threshold stays. */
const MIN_HELD_OUT = 30;
/**
 * A larger library keeps the global threshold: a sample of its answers would be less confusable
 * than the whole (BANKING77 with 10 examples, calibrated on 50 of its 77 answers: 92.5% precision),
 * and calibrating all of them would cost three more builds.
 */
const CALIBRATION_ANSWERS = 100;
/** However clean the held-out examples, a ticket must stand out this much to be answered. */
const MIN_THRESHOLD = 0.5;

/**
 * The confidence at which the library's own examples, each held out in turn (k-fold over
 * examples; every answer keeps at least one), are answered with the target precision (a variant
 * of the example's answer in another language is the right answer too). Examples
 * are short, like ticket subjects, so short tickets are calibrated for rather than penalised.
 * Never stricter than the global threshold: each fold has one example fewer per answer than the
 * library, and on a few terse examples that makes the estimate pessimistic. Null when the library
 * has too few examples to tell, or no cut reaches the target.
 */
function* calibrate(answers: readonly AnswerDoc[], tuning: Tuning): Steps<number | null> {
  if (answers.length > CALIBRATION_ANSWERS) return null;
  // Fold f holds out one example per answer (example (a + f) mod n of answer a), so every
  // answer keeps the rest: close to leave-one-out, at the cost of one build per fold.
  const foldOf = (a: number, j: number): number => {
    const n = answers[a]!.examples.length;
    const f = (((j - a) % n) + n) % n;
    return n > 1 && f < CALIBRATION_FOLDS ? f : -1;
  };
  let heldOut = 0;
  answers.forEach((a, ai) => a.examples.forEach((_, j) => (heldOut += foldOf(ai, j) >= 0 ? 1 : 0)));
  if (heldOut < MIN_HELD_OUT || answers.length < 3) return null;

  const outcomes: { confidence: number; right: boolean }[] = [];
  for (let fold = 0; fold < CALIBRATION_FOLDS; fold++) {
    const train = answers.map((a, ai) => ({ ...a, examples: a.examples.filter((_, j) => foldOf(ai, j) !== fold) }));
    const scorer = yield* buildScorer(train, tuning);
    for (const [ai, a] of answers.entries()) {
      a.examples.forEach((example, j) => {
        if (foldOf(ai, j) !== fold) return;
        const scores = scorer.score({ subject: example });
        const top = topK(scores.fused, 1)[0];
        outcomes.push(
          top === undefined
            ? { confidence: 0, right: false }
            : { confidence: scorer.confidenceOf(scores, top), right: scorer.sameIssue(top, ai) },
        );
      });
      if (ai % READ_STEP === READ_STEP - 1) yield;
    }
  }
  // The lowest cut above which the held-out answers are right often enough.
  outcomes.sort((x, y) => y.confidence - x.confidence);
  let right = 0;
  let cut: number | null = null;
  outcomes.forEach((o, i) => {
    if (o.right) right++;
    const next = outcomes[i + 1];
    if (right / (i + 1) >= TARGET_PRECISION && (!next || next.confidence < o.confidence)) cut = o.confidence;
  });
  return cut === null ? null : Math.min(DEFAULT_CONFIDENCE_THRESHOLD, Math.max(MIN_THRESHOLD, cut));
}

export function createMatcher(answers: AnswerDoc[], options: MatcherOptions = {}, tuning: Tuning = DEFAULT_TUNING): Matcher {
  return drain(matcherSteps(answers, options, tuning));
}

/**
 * `createMatcher` as steps of a few milliseconds each (see steps.ts): the sidebar trains this way.
 * With `trained` (what a matcher built on the same answers and tuning learnt: `Matcher.trained`),
 * its calibration and classifier weights are taken instead of learnt again.
 */
export function* matcherSteps(
  answers: AnswerDoc[],
  options: MatcherOptions = {},
  tuning: Tuning = DEFAULT_TUNING,
  trained?: TrainedState,
): Steps<Matcher> {
  const scorer = yield* buildScorer(answers, tuning, trained?.weights);
  const { score, confidenceOf, shareTag, weights } = scorer;
  const indexOf = new Map(answers.map((a, i) => [a.id, i]));
  /** Reported subjects are few and come back with every match: each is read once. */
  const reported = new Map<string, Subject>();
  /** The answers `misfits` speak against for a ticket with this subject. */
  const reportedAgainst = (subject: string, misfits: readonly MisfitText[]): Set<string> => {
    const out = new Set<string>();
    const mine = scorer.subjectWords(subject);
    for (const report of misfits) {
      const a = indexOf.get(report.answerId);
      if (a === undefined || out.has(report.answerId)) continue;
      let theirs = reported.get(report.subject);
      if (!theirs) reported.set(report.subject, (theirs = scorer.subjectWords(report.subject)));
      const near = scorer.similarity(mine, theirs);
      if (near < MISFIT_NEAR || near <= scorer.nearestOwn(mine.vector, a) || scorer.nearestOwn(theirs.vector, a) >= MISFIT_OUTWEIGHED)
        continue;
      out.add(report.answerId);
    }
    return out;
  };
  const calibratedThreshold = options.threshold !== undefined ? null : trained ? trained.calibration : yield* calibrate(answers, tuning);
  const threshold = options.threshold ?? calibratedThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const scored = (scores: Float64Array, order: number[]): ScoredAnswer[] => order.map((a) => ({ id: answers[a]!.id, score: scores[a]! }));

  return {
    threshold,
    calibrated: calibratedThreshold !== null,
    trained: { calibration: calibratedThreshold, weights },
    rank(q, k = 3) {
      const { fused } = score(q);
      return scored(fused, topK(fused, k));
    },
    match(q, { exclude: ruledOut, misfits } = {}) {
      const scores = score(q);
      const { fused, text } = scores;
      const exclude = misfits?.length ? new Set([...(ruledOut ?? []), ...reportedAgainst(q.subject, misfits)]) : ruledOut;
      if (exclude?.size) {
        answers.forEach((a, i) => {
          if (exclude.has(a.id)) fused[i] = text[i] = -Infinity;
        });
        scores.textBest = text.reduce((best, s) => Math.max(best, s), 0);
      }
      // Runners-up far behind the best are other topics, not alternatives. A ticket tag lifts every
      // answer carrying it, so a runner-up kept up by the tag alone must share a tag with the best.
      const related = (a: number, b: number): boolean =>
        fused[a]! >= ALTERNATE_FLOOR * fused[b]! && (text[a]! >= ALTERNATE_FLOOR * text[b]! || shareTag(a, b));
      const order = topK(fused, 3).filter((a, i, all) => i === 0 || related(a, all[0]!));
      // Unsure, the guesses: none when even the best is off topic; the others on topic too, and close
      // to the best or sharing a tag with it: three weak guesses would bury the one worth opening.
      const onTopic = (a: number): boolean => scores.sim[a]! >= CANDIDATE_SIMILARITY;
      const guesses = order.filter(
        (a, i, all) =>
          onTopic(all[0]!) && (i === 0 || (onTopic(a) && (fused[a]! >= CANDIDATE_FLOOR * fused[all[0]!]! || shareTag(a, all[0]!)))),
      );
      const ranked = scored(fused, order);
      const top = ranked[0];
      const confidence = order[0] === undefined ? 0 : confidenceOf(scores, order[0]);
      const abstained = !top || confidence < threshold;
      return {
        best: abstained ? null : top,
        // Beside a confident answer the other answers are of its topic, sharing a tag with it: a
        // top-up ticket's answer is not followed by how to close the account.
        alternates: abstained
          ? scored(fused, guesses)
          : scored(
              fused,
              order.slice(1).filter((a) => shareTag(a, order[0]!)),
            ),
        confidence,
        abstained,
      };
    },
  };
}
