import { describe, expect, it } from 'vitest';
import { answerOutcomes, type OutcomeTicket, type TicketCounts } from '../../src/domain/answers/outcomes';
import { toCsv } from '../../src/domain/csv';
import {
  escalationEvents,
  escalationRate,
  escalationRateByGroup,
  leadDecisions,
  type EscalationEvent,
  type MetricWindow,
} from '../../src/domain/metrics';
import type { EscalationHistory, EscalationState } from '../../src/domain/escalation';

const now = new Date('2024-06-15T10:30:00Z');
const week: MetricWindow = { days: 7, now };
const quarter: MetricWindow = { days: 90, now };

describe('lead decisions', () => {
  const events: EscalationEvent[] = [
    // Answered in 30 minutes, in 2 hours, turned down after 10 minutes, still waiting since 09:30 (60 minutes).
    { ticketId: 1, requestedAt: '2024-06-14T08:00:00Z', firstLeadResponseAt: '2024-06-14T08:30:00Z' },
    { ticketId: 2, requestedAt: '2024-06-13T08:00:00Z', firstLeadResponseAt: '2024-06-13T10:00:00Z' },
    { ticketId: 3, requestedAt: '2024-06-12T08:00:00Z', firstLeadResponseAt: '2024-06-12T08:10:00Z', declined: true },
    { ticketId: 4, requestedAt: '2024-06-15T09:30:00Z', waiting: true },
    // Before the window: neither its wait nor its decline counts.
    { ticketId: 5, requestedAt: '2024-05-01T08:00:00Z', firstLeadResponseAt: '2024-05-01T08:05:00Z', declined: true },
  ];

  it('gives the median wait, the share within the target and the declines of the window', () => {
    expect(leadDecisions(events, week, 60)).toEqual({ medianMinutes: 45, withinTarget: 3 / 4, declined: 1 });
    expect(leadDecisions(events, week, 15).withinTarget).toBe(1 / 4);
    expect(leadDecisions(events, quarter, 60)).toEqual({ medianMinutes: 30, withinTarget: 4 / 5, declined: 2 });
  });

  it('has no share when no request was made', () => {
    expect(leadDecisions([], week, 60)).toEqual({ medianMinutes: null, withinTarget: null, declined: 0 });
  });

  it('counts a decline only when a lead turned the request down: a withdrawal is not one', () => {
    const change = (at: string, from: EscalationState, to: EscalationState, authorId: number) => ({ at, from, to, authorId, auditId: 0 });
    const request = change('2024-06-14T08:00:00Z', 'none', 'requested', 7);
    const history = (changes: ReturnType<typeof change>[]): EscalationHistory => ({
      changes,
      lastRequest: changes.filter((c) => c.to === 'requested').at(-1) ?? null,
      lastEscalation: changes.filter((c) => c.to === 'escalated').at(-1) ?? null,
    });
    const isLead = (id: number) => id === 9;
    const events = escalationEvents(
      new Map([
        [1, history([request, change('2024-06-14T08:20:00Z', 'requested', 'none', 9)])],
        // The requester withdrew: no lead declined anything.
        [2, history([request, change('2024-06-14T08:20:00Z', 'requested', 'none', 7)])],
        [3, history([request, change('2024-06-14T08:20:00Z', 'requested', 'escalated', 9)])],
      ]),
      isLead,
    );
    expect(events.map((e) => e.declined === true)).toEqual([true, false, false]);
  });
});

describe('escalation rate', () => {
  const tickets = [
    { id: 1, status: 'solved', updated_at: '2024-06-14T08:00:00Z' },
    { id: 2, status: 'closed', updated_at: '2024-06-10T08:00:00Z' },
    { id: 3, status: 'open', updated_at: '2024-06-14T08:00:00Z' },
    { id: 4, status: 'solved', updated_at: '2024-05-01T08:00:00Z' },
    { id: 1, status: 'solved', updated_at: '2024-06-14T08:00:00Z' },
  ];

  it('divides the tickets escalated in the window by those solved in it, each ticket once', () => {
    const events: EscalationEvent[] = [
      { ticketId: 1, escalatedAt: '2024-06-13T08:00:00Z' },
      { ticketId: 3, escalatedAt: '2024-06-14T08:00:00Z' },
      { ticketId: 4, escalatedAt: '2024-05-01T07:00:00Z' },
    ];
    expect(escalationRate(events, tickets, week)).toEqual({ escalated: 2, solved: 2, rate: 1 });
    expect(escalationRate(events, tickets, quarter)).toEqual({ escalated: 3, solved: 3, rate: 1 });
    expect(escalationRate([], [], week)).toEqual({ escalated: 0, solved: 0, rate: null });
  });

  it("splits the rate by the tickets' groups, leaving out teams with nothing in the window", () => {
    const grouped = [
      { id: 1, status: 'solved', updated_at: '2024-06-14T08:00:00Z', group_id: 10 },
      { id: 2, status: 'solved', updated_at: '2024-06-14T08:00:00Z', group_id: 10 },
      { id: 3, status: 'open', updated_at: '2024-06-14T08:00:00Z', group_id: 20 },
      { id: 4, status: 'solved', updated_at: '2024-06-14T08:00:00Z', group_id: null },
      { id: 5, status: 'open', updated_at: '2024-06-14T08:00:00Z', group_id: 30 },
    ];
    const events: EscalationEvent[] = [
      { ticketId: 1, escalatedAt: '2024-06-13T08:00:00Z' },
      { ticketId: 3, escalatedAt: '2024-06-14T08:00:00Z' },
    ];
    expect(escalationRateByGroup(events, grouped, week)).toEqual([
      { groupId: 10, escalated: 1, solved: 2, rate: 0.5 },
      { groupId: null, escalated: 0, solved: 1, rate: 0 },
      { groupId: 20, escalated: 1, solved: 0, rate: null },
    ]);
  });
});

describe('answer outcomes', () => {
  const t = (id: number, status: string, tags: string[], created_at = '2024-06-14T08:00:00Z'): OutcomeTicket => ({
    id,
    status,
    tags,
    created_at,
  });
  const tickets = [
    t(1, 'solved', ['cla_refund']),
    t(2, 'solved', ['cla_refund']),
    t(3, 'open', ['cla_refund']),
    t(4, 'solved', []),
    t(5, 'solved', []),
    t(6, 'closed', ['cla_card']),
    t(7, 'solved', ['cla_refund'], '2024-04-01T08:00:00Z'),
    t(8, 'solved', []),
  ];
  const counts = new Map<number, TicketCounts>([
    [1, { replies: 1, reopens: 0 }],
    [2, { replies: 3, reopens: 1 }],
    [3, { replies: 0, reopens: 2 }],
    [4, { replies: 1, reopens: 0 }],
    [5, { replies: 2, reopens: 0 }],
    [6, { replies: 0, reopens: 0 }],
    // 8 has no metrics read: it is left out of the shares and counted as unmeasured.
  ]);
  const misfits = [
    { answerId: 'REFUND', at: '2024-06-14T09:00:00Z' },
    { answerId: 'card', at: '2024-04-01T09:00:00Z' },
    { answerId: 'unknown', at: '2024-06-14T09:00:00Z' },
  ];

  it('counts uses, reports, reopens and one-touch resolution per answer, most used first', () => {
    const out = answerOutcomes(tickets, counts, misfits, ['Refund', 'card', 'never'], week);
    expect(out.answers).toEqual([
      { answerId: 'refund', used: 3, misfits: 1, reopened: 2, resolution: { solved: 2, oneTouch: 1 } },
      { answerId: 'card', used: 1, misfits: 0, reopened: 0, resolution: { solved: 1, oneTouch: 1 } },
      { answerId: 'never', used: 0, misfits: 0, reopened: 0, resolution: { solved: 0, oneTouch: 0 } },
      // Not in the library, but reported in the window: it shows, so the report is not lost.
      { answerId: 'unknown', used: 0, misfits: 1, reopened: 0, resolution: { solved: 0, oneTouch: 0 } },
    ]);
    expect(out.unused).toEqual(['never']);
  });

  it('compares one-touch resolution with and without an approved answer', () => {
    const out = answerOutcomes(tickets, counts, misfits, [], week);
    expect(out.withAnswer).toEqual({ solved: 3, oneTouch: 2 });
    expect(out.withoutAnswer).toEqual({ solved: 2, oneTouch: 1 });
    expect(out.unmeasured).toBe(1);
  });

  it('follows the window: a quarter takes the older ticket and report in', () => {
    const out = answerOutcomes(tickets, counts, misfits, ['refund', 'card'], quarter);
    expect(out.answers.find((a) => a.answerId === 'refund')?.used).toBe(4);
    expect(out.answers.find((a) => a.answerId === 'card')?.misfits).toBe(1);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['Answer', 'Uses'],
        [
          ['Refund, late', 3],
          ['Say "hi"', 0],
          ['two\nlines', 1],
        ],
      ),
    ).toBe('Answer,Uses\r\n"Refund, late",3\r\n"Say ""hi""",0\r\n"two\nlines",1\r\n');
  });

  it('keeps a cell a spreadsheet would run as a formula as text', () => {
    expect(toCsv(['a'], [['=HYPERLINK("https://evil.example")'], ['+1'], ['-2'], ['@SUM(A1)'], ['\tx']])).toBe(
      'a\r\n"\'=HYPERLINK(""https://evil.example"")"\r\n\'+1\r\n\'-2\r\n\'@SUM(A1)\r\n\'\tx\r\n',
    );
    // Numbers are numbers: a negative count stays a number.
    expect(toCsv(['n'], [[-3]])).toBe('n\r\n-3\r\n');
  });
});
