import { describe, expect, it } from 'vitest';
import { etaFromInput, isLiveProblem, linkedStatement, liveStatements, mayLink } from '../../src/domain/answers/knownIssue';
import { matchesOutage } from '../../src/domain/matching/outage';

const statement = (id: string, problemTicketId: number | null, updatedAt = '2026-11-20T08:00:00Z', status = 'approved') => ({
  id,
  status,
  problemTicketId,
  updatedAt,
});
const ticket = (id: number, type: string | null, status = 'open', problem_id: number | null = null) => ({ id, type, status, problem_id });

describe('known issues', () => {
  const problems = new Map([
    [41, ticket(41, 'problem')],
    [42, ticket(42, 'problem', 'solved')],
    [43, ticket(43, 'question')],
  ]);

  it('lives while its ticket is an unsolved problem: solving or closing it ends the known issue', () => {
    expect(isLiveProblem(ticket(1, 'problem', 'pending'))).toBe(true);
    expect(isLiveProblem(ticket(1, 'problem', 'solved'))).toBe(false);
    expect(isLiveProblem(ticket(1, 'problem', 'closed'))).toBe(false);
    expect(isLiveProblem(ticket(1, 'incident'))).toBe(false);
    expect(isLiveProblem(undefined)).toBe(false);
  });

  it('keeps one live statement per problem, the latest written, and none for solved, unknown or non-problem tickets', () => {
    const live = liveStatements(
      [
        statement('a', 41, '2026-11-20T08:00:00Z'),
        statement('b', 41, '2026-11-20T09:00:00Z'),
        statement('c', 42),
        statement('d', 43),
        statement('e', 99),
        statement('f', null),
        statement('g', 41, '2026-11-20T10:00:00Z', 'retired'),
      ],
      problems,
    );
    expect(live.map((a) => a.id)).toEqual(['b']);
  });

  it('shows on an incident linked to the problem only', () => {
    const live = [statement('a', 41)];
    expect(linkedStatement(ticket(5, 'incident', 'open', 41), live)?.id).toBe('a');
    expect(linkedStatement(ticket(5, 'incident', 'open', 42), live)).toBeNull();
    expect(linkedStatement(ticket(5, 'question', 'open', null), live)).toBeNull();
  });

  it('offers the link only on a ticket that is neither a problem nor linked already', () => {
    expect(mayLink(ticket(5, 'question'))).toBe(true);
    expect(mayLink(ticket(5, null))).toBe(true);
    expect(mayLink(ticket(5, 'incident', 'open', 41))).toBe(false);
    expect(mayLink(ticket(5, 'problem'))).toBe(false);
  });

  it('reads a date-time input as an instant; empty or invalid is no ETA', () => {
    expect(etaFromInput('2026-11-20T18:30Z')).toBe('2026-11-20T18:30:00.000Z');
    expect(etaFromInput('  ')).toBeNull();
    expect(etaFromInput('tomorrow-ish')).toBeNull();
  });
});

describe('outage matching over the lead’s examples', () => {
  const examples = ['card payment failed at checkout', 'payment declined at online checkout', "can't pay online with my card"];

  it('matches a ticket holding every content word of an example, whatever the inflection and order', () => {
    expect(matchesOutage(examples, 'My card payments keep failing at the checkout of every shop')).toBe(true);
    expect(matchesOutage(examples, 'Checkout: PAYMENT DECLINED, online shop')).toBe(true);
  });

  it('needs every content word of one example: a near miss is left to the agent', () => {
    expect(matchesOutage(['payment declined at online checkout'], 'payment declined at checkout')).toBe(false);
    expect(matchesOutage(['card declined'], 'card frozen')).toBe(false);
  });

  it('does not match a ticket about something else that shares a word or two', () => {
    expect(matchesOutage(examples, 'Card declined at every gas station in the US')).toBe(false);
    expect(matchesOutage(examples, "Payment I didn't make")).toBe(false);
    expect(matchesOutage(examples, 'My card has not arrived')).toBe(false);
    // Demo tickets 4104 and 4131: a card declined in shops, a top-up refused; neither is the checkout outage.
    expect(matchesOutage(examples, 'my Lumen card is declined at every gas station pump. I have to pay cash inside')).toBe(false);
    expect(matchesOutage(examples, "Top-up via Apple Pay doesn't work. This card is not supported. Regular payments work")).toBe(false);
  });

  it('ignores examples of fewer than two content words, which would match too much', () => {
    expect(matchesOutage(['card', 'the payment'], 'my card payment')).toBe(false);
    expect(matchesOutage([], 'anything')).toBe(false);
  });
});
