/**
 * Root causes of resolved escalations: a lead asks "why" until the cause is found (up to five
 * why/because lines) and files it under a category. Pure rules: what may be saved, how the lines
 * are stored, which records count as a lead's, and how causes are counted and merged.
 */
import { htmlToText } from './html';

export const ROOT_CAUSE_CATEGORIES = ['product_bug', 'policy', 'process', 'knowledge_gap', 'customer_error', 'other'] as const;
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

/** "5 whys": at most five lines. */
export const MAX_WHYS = 5;
/** Each line a sentence or two; five of them stay far inside a record's 32 KB. */
export const WHY_MAX_CHARS = 500;

export interface Why {
  why: string;
  because: string;
}

export function isCategory(value: unknown): value is RootCauseCategory {
  return typeof value === 'string' && (ROOT_CAUSE_CATEGORIES as readonly string[]).includes(value);
}

/** The lines worth keeping: trimmed, empty pairs dropped, at most five. */
function cleanWhys(whys: readonly Why[]): Why[] {
  return whys
    .map((w) => ({ why: w.why.trim(), because: w.because.trim() }))
    .filter((w) => w.why || w.because)
    .slice(0, MAX_WHYS);
}

/** What keeps the form from being saved, or null. */
export function whysProblem(whys: readonly Why[]): 'empty' | 'too_many' | 'too_long' | null {
  const kept = whys.map((w) => ({ why: w.why.trim(), because: w.because.trim() })).filter((w) => w.why || w.because);
  if (!kept.length) return 'empty';
  if (kept.length > MAX_WHYS) return 'too_many';
  return kept.some((w) => [...w.why].length > WHY_MAX_CHARS || [...w.because].length > WHY_MAX_CHARS) ? 'too_long' : null;
}

/** The stored form (the `whys` field): a JSON list of `{why, because}`, read back through a schema in host/. */
export function serialiseWhys(whys: readonly Why[]): string {
  return JSON.stringify(cleanWhys(whys).map(({ why, because }) => ({ why, because })));
}

/** The cause in a line: the last answer to "why", else the last question. */
export function causeTitle(whys: readonly Why[]): string {
  const last = cleanWhys(whys).at(-1);
  return (last?.because || last?.why || '').slice(0, 255);
}

/**
 * Whether Zendesk's record bears out that a lead wrote the cause: whoever created it and whoever
 * last changed it (neither of which a client can set) are leads. A record made or edited by
 * anyone else is not shown as a lead's root cause, whatever its fields say.
 */
export function byLead(record: { createdById: number | null; updatedById: number | null }, isLead: (id: number) => boolean): boolean {
  return record.createdById !== null && record.updatedById !== null && isLead(record.createdById) && isLead(record.updatedById);
}

export interface CountedCause {
  category: RootCauseCategory;
  createdAt: string;
  ticketIds: number[];
  answerId: string | null;
}

export interface CategoryCount {
  category: RootCauseCategory;
  /** Causes filed in the window. */
  causes: number;
  /** The tickets behind them. */
  tickets: number;
  /** Of the causes, those that became answers. */
  answered: number;
}

/** Causes per category among those filed in the last `days` days, every category listed. */
export function countByCategory(causes: readonly CountedCause[], now: Date, days: number): CategoryCount[] {
  const since = now.getTime() - days * 24 * 3600 * 1000;
  const inWindow = causes.filter((c) => {
    const at = Date.parse(c.createdAt);
    return at >= since && at <= now.getTime();
  });
  return ROOT_CAUSE_CATEGORIES.map((category) => {
    const mine = inWindow.filter((c) => c.category === category);
    return {
      category,
      causes: mine.length,
      tickets: new Set(mine.flatMap((c) => c.ticketIds)).size,
      answered: mine.filter((c) => c.answerId).length,
    };
  });
}

/** The tickets a cause stands for once another is merged into it: the kept one's first, each once. */
export function mergedTickets(kept: readonly number[], merged: readonly number[]): number[] {
  return [...new Set([...kept, ...merged])];
}

/** The text of a space-separated id list, and back. */
export function parseIds(text: string | null | undefined): number[] {
  return (text ?? '')
    .split(/\s+/)
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/**
 * The first draft of an answer from a lead's resolution note: a greeting and a sign-off (in the
 * lead's words, e.g. "Hi {{requester.first_name}},") around the note, for the lead to turn into
 * the reply.
 */
export function answerDraftFrom(note: string, words: { greeting: string; signOff: string }): string {
  return [words.greeting, note.trim(), words.signOff].filter(Boolean).join('\n\n');
}

/** The longest example phrasing taken from a customer's message. */
const EXAMPLE_MAX_CHARS = 500;

/** A customer's message (its HTML body, as Zendesk gives comments) as one example phrasing: examples are stored one per line. */
export function exampleFrom(html: string): string {
  return [...htmlToText(html).replace(/\s+/g, ' ').trim()].slice(0, EXAMPLE_MAX_CHARS).join('');
}
