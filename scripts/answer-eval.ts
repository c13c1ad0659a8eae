/**
 * The sidebar's answer matcher on the labelled demo tickets (playground/fixtures/answer_eval.json),
 * built from the demo library's approved answers and fed the same text the sidebar feeds it.
 * Run directly (`tsx scripts/answer-eval.ts [--list]`) it prints the figures, and with --list
 * every ticket the matcher got wrong or abstained on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { customerText } from '../src/domain/knowledge/query';
import { createMatcher, type AnswerDoc, type MatchResult } from '../src/domain/matching/index';
import { toAnswer, type Answer, type AnswerRecord } from '../src/host/api/answers';
import { loadFixtures } from '../playground/api/store';
import { isStatement } from '../src/domain/answers/knownIssue';
import { isVariant } from '../src/domain/answers/variants';

export interface LabelledTicket {
  subject: string;
  body: string;
  locale: string;
  /** The answer an agent should insert, or "none" when no answer in the library fits. */
  answer_id: string;
  /** Other answers that are just as right (e.g. a closely related answer the lead may equally pick). */
  also_right?: string[];
}

export interface TicketOutcome {
  ticket: LabelledTicket;
  result: MatchResult;
  /** The confident answer is right (the labelled one, one also right, or a language variant of one). */
  right: boolean;
}

export interface AnswerEvalFigures {
  tickets: number;
  answerable: number;
  none: number;
  /** Share of answerable tickets with a confident answer. */
  coverage: number;
  /** Share of confident answers (on all tickets) that are right. */
  precision: number;
  /** Share of answerable tickets with a confident, right answer. */
  rightAnswers: number;
  /** Share of "none" tickets that got a confident answer. */
  falseConfidentOnNone: number;
  /** Share of answerable tickets whose right answer is first or among the alternates. */
  top3: number;
  /** Alternates offered that are neither right nor related by a tag to the best candidate. */
  unrelatedAlternates: number;
}

const REQUESTER = 1;

export function readLabelledTickets(): LabelledTicket[] {
  return JSON.parse(readFileSync(new URL('../playground/fixtures/answer_eval.json', import.meta.url), 'utf8')) as LabelledTicket[];
}

/** The demo library's approved answers, read as the app reads the records; known-issue statements are never matched. */
function demoLibrary(): Answer[] {
  return loadFixtures()
    .answers.map((r) => toAnswer(r as unknown as AnswerRecord))
    .filter((a) => a.status === 'approved' && !isStatement(a));
}

/** The same issue in another language: the sidebar shows the requester's variant of an answer. */
function variants(library: readonly Answer[], id: string): Set<string> {
  const a = library.find((x) => x.id === id);
  return new Set(a ? library.filter((b) => isVariant(a, b)).map((b) => b.id) : [id]);
}

export function evaluateAnswers(
  build: (docs: AnswerDoc[]) => { match: (q: { subject: string; text?: string; locale?: string }) => MatchResult } = createMatcher,
  tickets: readonly LabelledTicket[] = readLabelledTickets(),
  library: readonly Answer[] = demoLibrary(),
): { figures: AnswerEvalFigures; outcomes: TicketOutcome[] } {
  const matcher = build([...library]);
  const tagsOf = new Map(library.map((a) => [a.id, a.tags]));
  let confident = 0;
  let right = 0;
  let answeredAnswerable = 0;
  let falseConfident = 0;
  let top3 = 0;
  let unrelated = 0;
  const outcomes = tickets.map((ticket): TicketOutcome => {
    const text = customerText({ subject: ticket.subject, comments: [{ authorId: REQUESTER, body: ticket.body }], requesterId: REQUESTER });
    const result = matcher.match({ subject: ticket.subject, text, locale: ticket.locale });
    const accepted = new Set<string>();
    if (ticket.answer_id !== 'none')
      for (const id of [ticket.answer_id, ...(ticket.also_right ?? [])]) for (const v of variants(library, id)) accepted.add(v);
    const isRight = result.best !== null && accepted.has(result.best.id);
    if (result.best) {
      confident++;
      if (isRight) right++;
      if (ticket.answer_id === 'none') falseConfident++;
      else answeredAnswerable++;
    }
    const offered = [...(result.best ? [result.best] : []), ...result.alternates];
    if (ticket.answer_id !== 'none' && offered.some((s) => accepted.has(s.id))) top3++;
    const lead = offered[0];
    for (const alt of offered.slice(1)) {
      const related = accepted.has(alt.id) || (tagsOf.get(alt.id) ?? []).some((t) => (tagsOf.get(lead!.id) ?? []).includes(t));
      if (!related) unrelated++;
    }
    return { ticket, result, right: isRight };
  });
  const answerable = tickets.filter((t) => t.answer_id !== 'none').length;
  const none = tickets.length - answerable;
  const share = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);
  return {
    figures: {
      tickets: tickets.length,
      answerable,
      none,
      coverage: share(answeredAnswerable, answerable),
      precision: share(right, confident),
      rightAnswers: share(right, answerable),
      falseConfidentOnNone: share(falseConfident, none),
      top3: share(top3, answerable),
      unrelatedAlternates: unrelated,
    },
    outcomes,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { figures, outcomes } = evaluateAnswers();
  if (process.argv.includes('--list')) {
    const library = new Map(demoLibrary().map((a) => [a.id, a.title]));
    const title = (id: string | undefined) => (id ? (library.get(id) ?? id) : '-');
    for (const o of outcomes) {
      if (o.right || (o.ticket.answer_id === 'none' && !o.result.best)) continue;
      const what = o.result.best ? 'WRONG' : 'abstained';
      console.log(
        `${what} ${o.result.confidence.toFixed(4)} [${o.ticket.locale}] ${o.ticket.subject} -> ${title(o.result.best?.id)} | want ${title(o.ticket.answer_id)} | maybe ${o.result.alternates.map((a) => title(a.id)).join(' / ')}`,
      );
    }
  }
  console.log(JSON.stringify(figures));
}
