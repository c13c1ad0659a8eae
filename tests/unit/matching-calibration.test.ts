import { describe, expect, it } from 'vitest';
import { evaluateAnswers, readLabelledTickets } from '../../scripts/answer-eval';
import { loadFixtures } from '../../playground/api/store';
import { createMatcher, DEFAULT_CONFIDENCE_THRESHOLD, type MatchResult } from '../../src/domain/matching';
import { customerText } from '../../src/domain/knowledge/query';
import { bankingLibrary } from './bankingLibrary';
import { toAnswer, type AnswerRecord } from '../../src/host/api/answers';
import { isVariant } from '../../src/domain/answers/variants';

// The abstention threshold is calibrated on each library's own examples, and the sidebar's
// alternates stay on the ticket's topic; measured on BANKING77 and the labelled demo tickets.

const TOP_UP = '01HQVH9WAJWRGV17N5CXYXBNP5';
const CLOSE_ACCOUNT = '01HQ3FKWZ7JGSKEA0YVKDTHJ0Z';

/** Twelve BANKING77 intents with up to 40 examples each: a clean, well-documented library. */
const library = () => bankingLibrary(12, 40);

describe('matcher calibration', () => {
  it("answers more readily when the library's own held-out examples show it is safe", () => {
    const matcher = createMatcher(library());
    expect(matcher.calibrated).toBe(true);
    expect(matcher.threshold).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
    expect(matcher.threshold).toBeGreaterThanOrEqual(0.5);
  });

  it('keeps the global threshold when the library has too few examples to tell', () => {
    const matcher = createMatcher([
      { id: 'a', title: 'Card not arrived', examples: ['my card has not arrived', 'where is my card'] },
      { id: 'b', title: 'Forgot password', examples: ['forgot my password', 'reset my password'] },
      { id: 'c', title: 'Close account', examples: ['close my account', 'delete my account'] },
    ]);
    expect(matcher.calibrated).toBe(false);
    expect(matcher.threshold).toBe(DEFAULT_CONFIDENCE_THRESHOLD);
  });

  it('uses a given threshold as it is', () => {
    const matcher = createMatcher(library().slice(0, 4), { threshold: 0.9 });
    expect(matcher.calibrated).toBe(false);
    expect(matcher.threshold).toBe(0.9);
  });
});

describe('matcher on the labelled demo tickets', () => {
  const { figures, outcomes } = evaluateAnswers();

  it('keeps confident answers right and offers the right answer among its candidates', () => {
    expect(figures.tickets).toBe(readLabelledTickets().length);
    expect(figures.precision).toBeGreaterThanOrEqual(95);
    // Confidence from the margin as a share of the best score: 38.4% with the absolute margin; 65.8%
    // before customers' words in other languages were read as the English library's (glossary.ts).
    expect(figures.coverage).toBeGreaterThanOrEqual(80);
    expect(figures.top3).toBeGreaterThanOrEqual(95);
  });

  it('offers up to three guesses when unsure, as few off topic as when it offered two', () => {
    const unsure = outcomes.filter((o) => o.result.abstained);
    for (const o of unsure) expect(o.result.alternates.length).toBeLessThanOrEqual(3);
    expect(unsure.filter((o) => o.result.alternates.length === 3).length).toBeGreaterThan(0);
    // 17 alternates shared no tag with the first and were not right with at most two guesses, and
    // with three beside a guess within 0.7 of the first's score; 8 within 0.75, none of those lost right.
    expect(figures.unrelatedAlternates).toBeLessThanOrEqual(8);
  });

  it('offers beside a confident answer only other answers of its topic, sharing a tag with it', () => {
    const tags = new Map(
      loadFixtures()
        .answers.map((r) => toAnswer(r as unknown as AnswerRecord))
        .map((a) => [a.id, a.tags] as const),
    );
    const confident = outcomes.filter((o) => o.result.best);
    expect(confident.some((o) => o.result.alternates.length > 0)).toBe(true);
    for (const o of confident) {
      const own = tags.get(o.result.best!.id) ?? [];
      for (const other of o.result.alternates) expect((tags.get(other.id) ?? []).some((t) => own.includes(t))).toBe(true);
    }
  });

  it('is not made unsure by a variant of its answer in another language close behind it', () => {
    // A Brazilian customer: the English answer first, its Spanish variant second. Their shares of
    // the confidence were once rivals' (abstained at 0.69); they are one answer's.
    const transfer = outcomes.find((o) => o.ticket.subject === 'Transferência não chegou')!;
    expect(transfer.result.abstained).toBe(false);
    expect(transfer.right).toBe(true);
  });

  it('is sure of a ticket whose subject reads like an example, however long its message', () => {
    // "Card not arrived" and fifty words about the flat and the post: the message diluted the
    // ticket's likeness to the answer's short examples, and the match stayed unsure at 0.89.
    const card = outcomes.find((o) => o.ticket.subject === 'Card not arrived')!;
    expect(card.ticket.body.split(/\s+/).length).toBeGreaterThan(40);
    expect(card.result.abstained).toBe(false);
    expect(card.right).toBe(true);
  });

  it('offers alternates on the same topic, not whatever comes next', () => {
    // Old behaviour: 66 alternates on the labelled set shared no tag with the best candidate and were not right.
    const topUps = outcomes.filter((o) => o.ticket.answer_id === TOP_UP);
    expect(topUps.length).toBeGreaterThan(3);
    for (const o of topUps) expect(o.result.alternates.map((a) => a.id)).not.toContain(CLOSE_ACCOUNT);
  });
});

describe('answers ruled out for a ticket', () => {
  const library = loadFixtures()
    .answers.map((r) => toAnswer(r as unknown as AnswerRecord))
    // As the sidebar does: a known issue's statement shows for its outage only, never as a match.
    .filter((a) => a.status === 'approved' && a.problemTicketId === null);
  const matcher = createMatcher(library);
  const CLOSE = { subject: 'Close my account', text: 'Please close my account, I am moving to another bank.', locale: 'en-US' };
  const LOGIN = {
    subject: 'cant log in',
    text: 'I tried to log in this morning and it keeps saying wrong password. I am locked out now',
    locale: 'en-GB',
  };

  it('are neither the answer nor among the guesses', () => {
    expect(matcher.match(CLOSE).best?.id).toBe(CLOSE_ACCOUNT);
    const result = matcher.match(CLOSE, { exclude: new Set([CLOSE_ACCOUNT]) });
    expect(result.best?.id).not.toBe(CLOSE_ACCOUNT);
    expect(result.alternates.map((a) => a.id)).not.toContain(CLOSE_ACCOUNT);
  });

  it('no longer stand beside the next answer, which is judged on its own', () => {
    const before = matcher.match(LOGIN);
    expect(before.abstained).toBe(true);
    const [first, second] = before.alternates;
    const after = matcher.match(LOGIN, { exclude: new Set([first!.id]) });
    expect(after.best?.id).toBe(second!.id);
    expect(after.confidence).toBeGreaterThan(before.confidence);
  });
});

describe('answers reported as not right for other tickets', () => {
  const library = loadFixtures()
    .answers.map((r) => toAnswer(r as unknown as AnswerRecord))
    .filter((a) => a.status === 'approved' && a.problemTicketId === null);
  const matcher = createMatcher(library);
  const ADDRESS = '01HQX56D4FZQ1E77TGVR755E30';
  const offered = (r: MatchResult) => [...(r.best ? [r.best.id] : []), ...r.alternates.map((a) => a.id)];
  // Without the report the library's address answer is the confident match: the wrong one.
  const REJECTED = { subject: 'Proof of address rejected again', text: 'My proof of address was rejected again.', locale: 'en-GB' };
  const ALSO_REJECTED = {
    subject: 'My proof of address was rejected',
    text: 'I uploaded my utility bill twice and the app says the document was not accepted. What is wrong with it?',
    locale: 'en-GB',
  };
  const reported = [{ answerId: ADDRESS, subject: 'Proof of address rejected' }];

  it('are not offered for a ticket like one of those', () => {
    expect(matcher.match(REJECTED).best?.id).toBe(ADDRESS);
    expect(offered(matcher.match(ALSO_REJECTED))).toContain(ADDRESS);
    for (const ticket of [REJECTED, ALSO_REJECTED]) expect(offered(matcher.match(ticket, { misfits: reported }))).not.toContain(ADDRESS);
  });

  it('still are for tickets about what the answer says', () => {
    const moved = {
      subject: 'Moved house, how do I update my address',
      text: 'I live in Berlin now. Where do I change it?',
      locale: 'en-GB',
    };
    expect(matcher.match(moved, { misfits: reported }).best?.id).toBe(ADDRESS);
  });

  it("are outweighed by the answer's own examples: a report on a ticket that reads like one leaves the answer be", () => {
    const example = { subject: 'need to update my address', locale: 'en-GB' };
    expect(matcher.match(example, { misfits: [{ answerId: ADDRESS, subject: 'need to update my address' }] }).best?.id).toBe(ADDRESS);
  });

  it('take no labelled demo ticket away from its right answer, whichever other ticket they were made on', () => {
    const tickets = readLabelledTickets();
    const query = (t: (typeof tickets)[number]) => ({
      subject: t.subject,
      text: customerText({ subject: t.subject, comments: [{ authorId: 1, body: t.body }], requesterId: 1 }),
      locale: t.locale,
    });
    // A report goes for every language variant of the answer: a ticket whose answer is one is
    // about the same issue, not another ticket's.
    const sameIssue = (a: string, b: string) => {
      const [x, y] = [library.find((l) => l.id === a), library.find((l) => l.id === b)];
      return a === b || (!!x && !!y && isVariant(x, y));
    };
    let pairs = 0;
    const lost: string[] = [];
    for (const u of tickets) {
      if (u.answer_id === 'none' || !offered(matcher.match(query(u))).includes(u.answer_id)) continue;
      // Every other ticket not about u's answer, reported as not right for it.
      const misfits = tickets
        .filter((t) => t !== u && ![t.answer_id, ...(t.also_right ?? [])].some((id) => sameIssue(id, u.answer_id)))
        .map((t) => ({ answerId: u.answer_id, subject: t.subject }));
      pairs += misfits.length;
      for (const m of misfits)
        if (!offered(matcher.match(query(u), { misfits: [m] })).includes(u.answer_id)) lost.push(`${u.subject} <= ${m.subject}`);
    }
    expect(pairs).toBeGreaterThan(5000);
    expect(lost).toEqual([]);
  });
});
