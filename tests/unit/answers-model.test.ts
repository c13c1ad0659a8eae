import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/app/model';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import * as textAnalysis from '../../src/domain/textAnalysis';
import { createAnswerLibrary } from '../../src/features/answers/cachedLibrary';
import { createAnswersModel } from '../../src/features/answers/model';
import { createTicketModel } from '../../src/features/ticket/model';
import type { ApiRequest } from '../../src/host/client';
import { ApiError } from '../../src/host/errors';
import { answerRecord, fakeHost } from './fakeHost';

const ANSWER = answerRecord(
  '01HANSWER0000000000000000A',
  'Card not arrived',
  { answer_body: 'Hi, your card is on its way.', examples: 'my card has not arrived' },
  '2026-11-01T00:00:00Z',
);

const OTHER = answerRecord(
  '01HANSWER0000000000000000B',
  'Close the account',
  { answer_body: 'Hi, here is how to close it.', examples: 'close my account' },
  '2026-11-01T00:00:00Z',
);

/** A filtered search of feedback records: the misfits (kind misfit, since a date) or the open example proposals. */
const isProposalsRead = (req: ApiRequest) => JSON.stringify(req.body ?? {}).includes('"example"');
const isMisfitsRead = (req: ApiRequest) => JSON.stringify(req.body ?? {}).includes('"misfit"');

/** A "not right for this ticket" report as Zendesk stores it. */
const misfit = (ticketId: number, answerId: string) => ({
  id: `01HMISFIT${ticketId}`,
  name: 'Not right: Card not arrived',
  custom_object_fields: { kind: 'misfit', ticket_id: ticketId, answer_id: answerId, handled: false },
  created_at: '2026-11-29T00:00:00Z',
  updated_at: '2026-11-29T00:00:00Z',
});

function answersModel(
  proposals: 'fail' | 'none',
  cache = createSessionCache(null),
  {
    ticketId = 7,
    subject = 'My card has not arrived',
    misfits = [] as ReturnType<typeof misfit>[],
    tickets = {},
  }: { ticketId?: number; subject?: string; misfits?: ReturnType<typeof misfit>[]; tickets?: Record<number, string> } = {},
) {
  const fake = fakeHost({
    'GET /api/v2/custom_objects/closed_loop_answer/records.json': () => ({
      custom_object_records: [ANSWER, OTHER],
      meta: { has_more: false, after_cursor: null },
    }),
    'POST /api/v2/custom_objects/closed_loop_feedback/records/search.json': (req) => {
      if (proposals === 'fail' && isProposalsRead(req)) throw new ApiError(500, req.url);
      return { custom_object_records: isMisfitsRead(req) ? misfits : [], meta: { has_more: false, after_cursor: null } };
    },
    // The reported tickets as Zendesk has them (the subject is theirs, not the report's).
    'GET /api/v2/tickets/show_many.json': (_req, url) => ({
      tickets: (url.searchParams.get('ids') ?? '')
        .split(',')
        .map(Number)
        .filter((id) => id in tickets)
        .map((id) => ({
          id,
          subject: tickets[id],
          status: 'open',
          tags: [],
          created_at: '2026-11-28T00:00:00Z',
          updated_at: '2026-11-28T00:00:00Z',
        })),
    }),
  });
  const ticket = createTicketModel(fake.host, {
    'ticket.id': ticketId,
    'ticket.subject': subject,
    'ticket.requester': { id: 50, name: 'Ada Customer', locale: 'en-US' },
    'ticket.tags': [],
    'ticket.comments': [],
    'ticket.type': null,
    'ticket.updatedAt': null,
  });
  const model = buildModel(() =>
    createAnswersModel({
      host: fake.host,
      settings: readSettings({}).settings,
      ticket,
      currentUser: { id: 11, name: 'Sam Agent', locale: 'en-US', role: 'agent' },
      library: createAnswerLibrary(fake.host, cache),
      people: async () => new Map(),
      analysis: () => Promise.resolve(textAnalysis),
      now: () => new Date('2026-11-30T12:00:00Z'),
      cache,
      lead: { cached: () => new Promise(() => undefined), fresh: () => new Promise(() => undefined) },
      instanceGuid: 'g',
    }),
  );
  return { model, fake };
}

const settled = (model: { library: { value: { status: string } } }) =>
  new Promise<void>((resolve) => {
    const wait = () => (model.library.value.status === 'loading' ? setTimeout(wait, 5) : resolve());
    wait();
  });

/** Until the library is in and the matcher has trained on it. */
const matched = async (model: { library: { value: { status: string } }; matching: { value: boolean }; match: { value: unknown } }) => {
  await settled(model);
  await new Promise<void>((resolve) => {
    const wait = () => (model.matching.value || !model.match.value ? setTimeout(wait, 5) : resolve());
    wait();
  });
};

describe('answers panel reads', () => {
  it('shows the library when the open example proposals cannot be read: they only add to the matcher', async () => {
    const { model, fake } = answersModel('fail');
    await settled(model);
    expect(fake.requests.some(isProposalsRead)).toBe(true);
    expect(model.library.value).toMatchObject({ status: 'ready', data: [{ id: ANSWER.id }, { id: OTHER.id }] });
    model.dispose();
  });

  it('reads the proposals again on the next ticket after a failed read, instead of taking "none" for the session', async () => {
    const cache = createSessionCache(null);
    const first = answersModel('fail', cache);
    await settled(first.model);
    first.model.dispose();
    const next = answersModel('none', cache);
    await settled(next.model);
    expect(next.fake.requests.filter(isProposalsRead)).toHaveLength(1);
    next.model.dispose();
  });

  it('reads the misfits of every ticket once per session: the next ticket costs no read, and its own misfit keeps the answer off it', async () => {
    const cache = createSessionCache(null);
    const misfits = [misfit(8, ANSWER.id)];
    const first = answersModel('none', cache, { ticketId: 7, misfits });
    await matched(first.model);
    expect(first.fake.requests.filter(isMisfitsRead)).toHaveLength(1);
    expect(first.model.candidates.value.map((a) => a.id)).toContain(ANSWER.id);
    first.model.dispose();
    const next = answersModel('none', cache, { ticketId: 8, misfits });
    await matched(next.model);
    expect(next.fake.requests.filter(isMisfitsRead)).toHaveLength(0);
    expect(next.model.candidates.value.map((a) => a.id)).not.toContain(ANSWER.id);
    next.model.dispose();
  });

  it("keeps an answer off a ticket like another one it was reported as not right for, from that ticket's subject as Zendesk has it", async () => {
    const cache = createSessionCache(null);
    const misfits = [misfit(8, ANSWER.id)];
    const subject = 'Card arrived broken in two';
    const alone = answersModel('none', createSessionCache(null), { subject });
    await matched(alone.model);
    expect(alone.model.candidates.value.map((a) => a.id)).toContain(ANSWER.id);
    alone.model.dispose();
    const reported = answersModel('none', cache, { subject, misfits, tickets: { 8: 'Card arrived broken' } });
    await matched(reported.model);
    expect(reported.fake.urls.filter((u) => u.includes('show_many'))).toEqual(['/api/v2/tickets/show_many.json?ids=8']);
    expect(reported.model.candidates.value.map((a) => a.id)).not.toContain(ANSWER.id);
    reported.model.dispose();
    // A ticket on the answer's own topic still gets it: the report spoke of broken cards.
    const unlike = answersModel('none', cache, { ticketId: 9, misfits, tickets: { 8: 'Card arrived broken' } });
    await matched(unlike.model);
    expect(unlike.fake.urls.filter((u) => u.includes('show_many'))).toEqual([]);
    expect(unlike.model.candidates.value.map((a) => a.id)).toContain(ANSWER.id);
    unlike.model.dispose();
  });
});
