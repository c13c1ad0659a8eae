/**
 * Shared helpers for evaluating the answer matcher on a labelled `text,category`
 * CSV: build one answer per category, score held-out rows, cross-validate.
 */
import { readFileSync } from 'node:fs';
import { createMatcher, DEFAULT_CONFIDENCE_THRESHOLD, type AnswerDoc } from '../src/domain/matching/index';
import { DEFAULT_TUNING, type Tuning } from '../src/domain/matching/matcher';

export interface Row {
  text: string;
  category: string;
}

/** RFC 4180 style CSV with a header row containing `text` and `category`. */
export function parseCsv(content: string): Row[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records.filter((r) => r.length > 1 || r[0] !== '');
  const ti = header?.indexOf('text') ?? -1;
  const ci = header?.indexOf('category') ?? -1;
  if (ti < 0 || ci < 0) throw new Error('CSV needs a header with "text" and "category" columns');
  return body.map((r) => ({ text: r[ti] ?? '', category: r[ci] ?? '' }));
}

export const readRows = (file: string): Row[] => parseCsv(readFileSync(file, 'utf8'));

/** One answer per category: its first `shots` rows in file order (all when undefined). */
function buildAnswers(rows: readonly Row[], shots?: number): AnswerDoc[] {
  const byCategory = new Map<string, string[]>();
  for (const r of rows) {
    const list = byCategory.get(r.category) ?? [];
    if (!byCategory.has(r.category)) byCategory.set(r.category, list);
    if (shots === undefined || list.length < shots) list.push(r.text);
  }
  // A category label is the nearest thing this data has to an answer title.
  return [...byCategory].map(([category, examples]) => ({ id: category, title: category.replace(/_/g, ' '), examples }));
}

export interface Prediction {
  /** 1-based rank of the right answer among the top 3, 0 when not there. */
  rank: number;
  confidence: number;
  /** Whether the top answer (ignoring the threshold) is the right one. */
  correct: boolean;
  /** Whether the matcher answered with its own (calibrated) threshold. */
  answered: boolean;
}

export interface RunOptions {
  shots?: number;
  tuning?: Tuning;
}

export interface RunResult {
  predictions: Prediction[];
  buildMs: number;
  msPerTicket: number;
  answers: number;
  /** The abstention threshold the matcher calibrated on its training answers. */
  threshold: number;
}

export function runOnce(train: readonly Row[], test: readonly Row[], opts: RunOptions = {}): RunResult {
  const answers = buildAnswers(train, opts.shots);
  const t0 = performance.now();
  const matcher = createMatcher(answers, {}, opts.tuning ?? DEFAULT_TUNING);
  const t1 = performance.now();
  const results = test.map((r) => matcher.match({ subject: r.text }));
  const t2 = performance.now();
  // Top 3 of the ranking: the alternates the sidebar shows leave out far weaker answers.
  const predictions = test.map((r, i) => {
    const idx = matcher.rank({ subject: r.text }, 3).findIndex((x) => x.id === r.category);
    return { rank: idx + 1, confidence: results[i]!.confidence, correct: idx === 0, answered: !results[i]!.abstained };
  });
  return {
    predictions,
    buildMs: t1 - t0,
    msPerTicket: test.length ? (t2 - t1) / test.length : 0,
    answers: answers.length,
    threshold: matcher.threshold,
  };
}

/** Highest coverage (and the threshold giving it) at which precision stays >= target. */
function coverageAtPrecision(preds: readonly Prediction[], target = 0.95): { coverage: number; threshold: number } {
  const sorted = [...preds].sort((a, b) => b.confidence - a.confidence);
  let correct = 0;
  let best = { coverage: 0, threshold: 1 };
  for (let i = 0; i < sorted.length; i++) {
    correct += sorted[i]!.correct ? 1 : 0;
    // Only cut between distinct confidences: a threshold cannot split ties.
    const next = sorted[i + 1];
    if (next && next.confidence === sorted[i]!.confidence) continue;
    if (correct / (i + 1) >= target) best = { coverage: (i + 1) / sorted.length, threshold: sorted[i]!.confidence };
  }
  return best;
}

export interface Summary {
  tickets: number;
  answers: number;
  top1: number;
  top3: number;
  coverageAtPrecision95: number;
  thresholdAtPrecision95: number;
  /** Share answered and their precision with the shipped DEFAULT_CONFIDENCE_THRESHOLD. */
  coverageAtDefault: number;
  precisionAtDefault: number;
  /** Share answered and their precision with the threshold each matcher calibrated on its own answers. */
  coverageCalibrated: number;
  precisionCalibrated: number;
  /** Mean calibrated threshold over the runs. */
  calibratedThreshold: number;
  msPerTicket: number;
  /** Index build, calibration included. */
  buildMs: number;
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

export function summarize(results: readonly RunResult[]): Summary {
  const preds = results.flatMap((r) => r.predictions);
  const n = preds.length || 1;
  const cov = coverageAtPrecision(preds);
  const answered = preds.filter((p) => p.confidence >= DEFAULT_CONFIDENCE_THRESHOLD);
  const calibrated = preds.filter((p) => p.answered);
  const mean = (f: (r: RunResult) => number): number => results.reduce((s, r) => s + f(r), 0) / (results.length || 1);
  return {
    tickets: preds.length,
    answers: Math.round(mean((r) => r.answers)),
    top1: pct(preds.filter((p) => p.rank === 1).length / n),
    top3: pct(preds.filter((p) => p.rank > 0).length / n),
    coverageAtPrecision95: pct(cov.coverage),
    thresholdAtPrecision95: Math.round(cov.threshold * 1e4) / 1e4,
    coverageAtDefault: pct(answered.length / n),
    precisionAtDefault: pct(answered.filter((p) => p.correct).length / (answered.length || 1)),
    coverageCalibrated: pct(calibrated.length / n),
    precisionCalibrated: pct(calibrated.filter((p) => p.correct).length / (calibrated.length || 1)),
    calibratedThreshold: Math.round(mean((r) => r.threshold) * 1e4) / 1e4,
    msPerTicket: Math.round(mean((r) => r.msPerTicket) * 1000) / 1000,
    buildMs: Math.round(mean((r) => r.buildMs)),
  };
}

/** Deterministic K-fold split of row indices; training rows keep file order. */
export function kFolds(n: number, k: number, seed = 1): number[][] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  order.forEach((row, i) => folds[i % k]!.push(row));
  return folds.map((f) => f.sort((a, b) => a - b));
}

export function crossValidate(rows: readonly Row[], k: number, opts: RunOptions = {}, seed = 1): RunResult[] {
  return kFolds(rows.length, k, seed).map((fold) => {
    const held = new Set(fold);
    const train = rows.filter((_, i) => !held.has(i));
    return runOnce(
      train,
      fold.map((i) => rows[i]!),
      opts,
    );
  });
}
