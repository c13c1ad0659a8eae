import { describe, expect, it } from 'vitest';
import {
  PROVISIONAL_MAX_CHARS,
  PROVISIONAL_PER_ANSWER,
  proposedExamples,
  withProvisional,
  type ProposalRecord,
  type ProposedExample,
} from '../../src/domain/answers/provisional';
import type { AnswerDoc } from '../../src/domain/matching';

const CARD: AnswerDoc = { id: 'card', title: "Card hasn't arrived", examples: ['my card never came', 'Where is my new card?'] };
const PIN: AnswerDoc = { id: 'pin', title: 'Unlock the PIN', examples: ['PIN blocked'] };

let seq = 0;
/** A proposal as Zendesk returns it: `reporter_id` is the record's own claim, `created_by_user_id` Zendesk's. */
function record(
  answerId: string | null,
  note: string | null,
  createdBy: number | string | null,
  minute: number,
  reporterId?: number,
): ProposalRecord {
  seq++;
  return {
    created_at: new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString(),
    created_by_user_id: createdBy,
    custom_object_fields: { answer_id: answerId, note, reporter_id: reporterId ?? createdBy, kind: 'example', handled: false },
    id: `r${seq}`,
  } as ProposalRecord;
}
const proposal = (answerId: string, text: string, by: number | null, minute: number): ProposedExample => ({
  answerId,
  text,
  by,
  at: new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString(),
});
const examplesOf = (docs: AnswerDoc[], id: string) => docs.find((d) => d.id === id)?.examples;

describe('proposedExamples: what Zendesk recorded', () => {
  it("takes the creator from Zendesk's created_by_user_id, never from the record's reporter_id", () => {
    const [forged] = proposedExamples([record('card', 'card missing', 42, 1, 7)]);
    expect(forged).toEqual({ answerId: 'card', text: 'card missing', by: 42, at: '2026-11-20T10:01:00.000Z' });
    // Zendesk gives ids as numbers or strings; a creator it did not record is nobody.
    expect(proposedExamples([record('card', 'a', '43', 1)])[0]?.by).toBe(43);
    expect(proposedExamples([record('card', 'a', null, 1, 7)])[0]?.by).toBeNull();
    expect(proposedExamples([record('card', 'a', 'someone', 1)])[0]?.by).toBeNull();
  });

  it('drops records without an answer or a text, and cuts each text to a subject’s length', () => {
    expect(proposedExamples([record(null, 'card missing', 42, 1), record('card', '   ', 42, 2), record('card', null, 42, 3)])).toEqual([]);
    const [long] = proposedExamples([record('card', `  my   card\n${'x'.repeat(1000)}`, 42, 1)]);
    expect(long!.text.length).toBe(PROVISIONAL_MAX_CHARS);
    expect(long!.text.startsWith('my card x')).toBe(true);
  });
});

describe('withProvisional: which proposals the matcher learns from', () => {
  it("appends an approved answer's open proposals to its own examples, and leaves the records as they were", () => {
    const out = withProvisional([CARD, PIN], [proposal('card', 'card still not here', 42, 1)]);
    expect(examplesOf(out, 'card')).toEqual(['my card never came', 'Where is my new card?', 'card still not here']);
    expect(out.find((d) => d.id === 'pin')).toBe(PIN);
    expect(CARD.examples).toHaveLength(2);
  });

  it('never adds an answer: proposals for an answer not given (a draft, a retired one, none at all) are dropped', () => {
    const out = withProvisional([CARD], [proposal('draft-answer', 'card missing', 42, 1), proposal('pin', 'pin locked', 43, 2)]);
    expect(out.map((d) => d.id)).toEqual(['card']);
    expect(examplesOf(out, 'card')).toEqual(CARD.examples);
    expect(withProvisional([], [proposal('card', 'x', 42, 1)])).toEqual([]);
  });

  it(`takes at most ${PROVISIONAL_PER_ANSWER} per answer, the most recent first`, () => {
    const many = [1, 2, 3, 4, 5].map((m) => proposal('card', `card missing ${m}`, 40 + m, m));
    const out = withProvisional([CARD, PIN], [...many, proposal('pin', 'pin locked', 41, 0)]);
    expect(examplesOf(out, 'card')!.slice(2)).toEqual(['card missing 5', 'card missing 4', 'card missing 3']);
    // The cap is per answer: another answer's proposals still count.
    expect(examplesOf(out, 'pin')).toEqual(['PIN blocked', 'pin locked']);
  });

  it('takes one per person per answer, whoever the records claim to be from, and none from an unknown creator', () => {
    // One agent creating records through the API (reporter_id set to colleagues) still counts once: their newest.
    const forged = proposedExamples([
      record('card', 'card missing 1', 42, 1, 7),
      record('card', 'card missing 2', 42, 2, 8),
      record('card', 'card missing 3', 42, 3, 9),
      record('card', 'card missing 4', null, 4, 10),
    ]);
    expect(examplesOf(withProvisional([CARD], forged), 'card')!.slice(2)).toEqual(['card missing 3']);
    // The same person may propose for another answer.
    const out = withProvisional([CARD, PIN], [proposal('card', 'card missing', 42, 1), proposal('pin', 'pin locked', 42, 2)]);
    expect(examplesOf(out, 'pin')).toEqual(['PIN blocked', 'pin locked']);
  });

  it('skips what the answer already says (a lead added it) or a newer proposal said, without using up a slot', () => {
    const out = withProvisional(
      [CARD],
      [
        proposal('card', 'MY CARD  never came', 41, 5),
        proposal('card', 'card missing', 42, 4),
        proposal('card', 'Card Missing', 43, 3),
        proposal('card', 'no card yet', 44, 2),
        proposal('card', 'card lost in the post', 45, 1),
      ],
    );
    expect(examplesOf(out, 'card')!.slice(2)).toEqual(['card missing', 'no card yet', 'card lost in the post']);
  });
});
