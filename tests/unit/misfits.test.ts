import { describe, expect, it } from 'vitest';
import { misfitOptions } from '../../src/domain/answers/misfits';

const CARD = { id: 'card', locale: 'en-US', tags: ['card', 'delivery', 'post'] };
const KARTE = { id: 'karte', locale: 'de', tags: ['card', 'delivery', 'post'] };
const CLOSE = { id: 'close', locale: 'en-US', tags: ['account', 'close'] };

describe('what the "not right" reports say for one ticket', () => {
  it("rule an answer and its language variants out on their own ticket, and keep them from tickets like the others'", () => {
    const reports = [
      { ticketId: 7, answerId: 'card', subject: 'Card broken' },
      { ticketId: 8, answerId: 'close', subject: 'Close my savings pot' },
    ];
    const rule = misfitOptions(reports, [CARD, KARTE, CLOSE]);
    const options = rule(7);
    expect([...options.exclude].sort()).toEqual(['card', 'karte']);
    expect(options.misfits).toEqual([{ answerId: 'close', subject: 'Close my savings pot' }]);
    expect(rule(9).misfits).toEqual([
      { answerId: 'card', subject: 'Card broken' },
      { answerId: 'karte', subject: 'Card broken' },
      { answerId: 'close', subject: 'Close my savings pot' },
    ]);
  });

  it("say nothing about other tickets when their ticket's subject could not be read", () => {
    const options = misfitOptions([{ ticketId: 7, answerId: 'card', subject: null }], [CARD])(9);
    expect(options).toEqual({ exclude: new Set(), misfits: [] });
  });
});
