import { describe, expect, it } from 'vitest';
import {
  answerIdsFromTags,
  approvedAnswerShare,
  escalationEvents,
  leadConsoleMetrics,
  median,
  medianLeadResponseMinutes,
  requestsPerDay,
  uniqueById,
  windowRange,
  type EscalationEvent,
  type MetricTicket,
  type MetricWindow,
} from '../../src/domain/metrics';
import type { EscalationHistory, EscalationState } from '../../src/domain/escalation';

const now = new Date('2024-06-15T10:30:00Z');
const week: MetricWindow = { days: 7, now };
const month: MetricWindow = { days: 30, now };

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
    [[10, Number.NaN, 20], 15],
  ] as const)('median(%j) = %j', (numbers, expected) => {
    expect(median(numbers)).toBe(expected);
  });

  it('does not reorder the input', () => {
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });
});

describe('windowRange', () => {
  it('covers whole UTC days ending with today', () => {
    const { start, end } = windowRange(week);
    expect(new Date(start).toISOString()).toBe('2024-06-09T00:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2024-06-16T00:00:00.000Z');
  });
});

describe('requestsPerDay', () => {
  const events: EscalationEvent[] = [
    { ticketId: 1, requestedAt: '2024-06-09T00:00:00Z', escalatedAt: '2024-06-10T08:00:00Z' },
    { ticketId: 2, requestedAt: '2024-06-10T23:59:59Z' },
    { ticketId: 3, requestedAt: '2024-06-15T09:00:00Z', escalatedAt: '2024-06-15T09:30:00Z' },
    { ticketId: 4, escalatedAt: '2024-06-12T12:00:00+02:00' },
    { ticketId: 5, requestedAt: '2024-06-08T23:59:59Z', escalatedAt: '2024-06-09T00:10:00Z' },
    { ticketId: 6, requestedAt: 'garbage' },
  ];

  it('lists every day of a 7-day window, oldest first', () => {
    expect(requestsPerDay(events, week)).toEqual([
      { day: '2024-06-09', requested: 1, escalated: 1 },
      { day: '2024-06-10', requested: 1, escalated: 1 },
      { day: '2024-06-11', requested: 0, escalated: 0 },
      { day: '2024-06-12', requested: 0, escalated: 1 },
      { day: '2024-06-13', requested: 0, escalated: 0 },
      { day: '2024-06-14', requested: 0, escalated: 0 },
      { day: '2024-06-15', requested: 1, escalated: 1 },
    ]);
  });

  it('has 30 entries for a 30-day window even without events', () => {
    const days = requestsPerDay([], month);
    expect(days).toHaveLength(30);
    expect(days[0]?.day).toBe('2024-05-17');
    expect(days[29]?.day).toBe('2024-06-15');
    expect(days.every((d) => d.requested === 0 && d.escalated === 0)).toBe(true);
  });
});

describe('medianLeadResponseMinutes', () => {
  it('takes the median wait of requests in the window', () => {
    const events: EscalationEvent[] = [
      { ticketId: 1, requestedAt: '2024-06-14T09:00:00Z', firstLeadResponseAt: '2024-06-14T09:20:00Z' },
      { ticketId: 2, requestedAt: '2024-06-14T10:00:00Z', firstLeadResponseAt: '2024-06-14T11:30:00Z' },
      { ticketId: 3, requestedAt: '2024-06-13T10:00:00Z', firstLeadResponseAt: '2024-06-13T10:45:00Z' },
      // Withdrawn before any response, a direct escalation, one outside the window and a clock glitch: all left out.
      { ticketId: 4, requestedAt: '2024-06-15T08:00:00Z' },
      { ticketId: 5, escalatedAt: '2024-06-15T08:00:00Z', firstLeadResponseAt: '2024-06-15T08:00:00Z' },
      { ticketId: 6, requestedAt: '2024-05-01T10:00:00Z', firstLeadResponseAt: '2024-05-01T20:00:00Z' },
      { ticketId: 7, requestedAt: '2024-06-14T10:00:00Z', firstLeadResponseAt: '2024-06-14T09:00:00Z' },
    ];
    expect(medianLeadResponseMinutes(events, week)).toBe(45);
  });

  it('counts a request still waiting with its wait so far, so unanswered requests cannot make the figure look good', () => {
    const answered: EscalationEvent[] = [{ ticketId: 1, requestedAt: '2024-06-15T09:00:00Z', firstLeadResponseAt: '2024-06-15T09:01:00Z' }];
    const waiting: EscalationEvent[] = [
      { ticketId: 2, requestedAt: '2024-06-12T10:30:00Z', waiting: true },
      { ticketId: 3, requestedAt: '2024-06-13T10:30:00Z', waiting: true },
      // Stamped after "now" (clock skew): it has waited no time, not a negative one.
      { ticketId: 4, requestedAt: '2024-06-15T10:40:00Z', waiting: true },
    ];
    expect(medianLeadResponseMinutes(answered, week)).toBe(1);
    expect(medianLeadResponseMinutes([...answered, ...waiting], week)).toBe((1 + 2 * 24 * 60) / 2);
    expect(medianLeadResponseMinutes(waiting.slice(0, 2), week)).toBe(2.5 * 24 * 60);
  });

  it('marks a request as waiting only while it is the last change and no lead answered it', () => {
    let audit = 0;
    const change = (at: string, authorId: number, from: EscalationState, to: EscalationState) => ({
      at,
      authorId,
      from,
      to,
      auditId: ++audit,
    });
    const open = change('2024-06-14T09:00:00Z', 5, 'none', 'requested');
    const waiting: EscalationHistory = { changes: [open], lastRequest: open, lastEscalation: null };
    const history = new Map<number, EscalationHistory>([
      [1, waiting],
      [2, { changes: [open, change('2024-06-14T10:00:00Z', 5, 'requested', 'none')], lastRequest: open, lastEscalation: null }],
      [3, { changes: [open, change('2024-06-14T11:00:00Z', 9, 'requested', 'none')], lastRequest: open, lastEscalation: null }],
      // The same trail as kept for the session (read back from JSON): the request is a copy, still the last change.
      [4, JSON.parse(JSON.stringify(waiting)) as EscalationHistory],
    ]);
    const events = escalationEvents(history, (id) => id === 9);
    expect(events.map((e) => [e.ticketId, e.waiting ?? false, e.firstLeadResponseAt ?? null])).toEqual([
      [1, true, null],
      [2, false, null],
      [3, false, '2024-06-14T11:00:00Z'],
      [4, true, null],
    ]);
  });

  it('is null without responses', () => {
    expect(medianLeadResponseMinutes([{ ticketId: 1, requestedAt: '2024-06-14T09:00:00Z' }], week)).toBeNull();
  });
});

describe('approved answers', () => {
  const tickets: MetricTicket[] = [
    { id: 1, created_at: '2024-06-14T08:00:00Z', tags: ['billing', 'cla_refund-policy'] },
    { id: 2, created_at: '2024-06-13T08:00:00Z', tags: ['cla_refund-policy', 'cla_vat-invoice', 'cla_refund-policy'] },
    { id: 3, created_at: '2024-06-12T08:00:00Z', tags: ['escalation_requested'] },
    { id: 4, created_at: '2024-06-11T08:00:00Z', tags: ['cla_', 'clash', 'vip'] },
    { id: 5, created_at: '2024-06-10T08:00:00Z', tags: ['cla_vat-invoice'] },
    { id: 6, created_at: '2024-06-09T08:00:00Z', tags: ['cla_2fa-reset'] },
    { id: 7, created_at: '2024-05-20T08:00:00Z', tags: ['cla_2fa-reset'] },
    { id: 8, created_at: '2024-05-21T08:00:00Z', tags: ['cla_2fa-reset'] },
  ];

  it('reads answer ids from tags', () => {
    expect(answerIdsFromTags(['cla_42', 'cla_', 'clas', 'cla_42', 'cla_x_y'])).toEqual(['42', 'x_y']);
  });

  it('computes the share of tickets that used one', () => {
    expect(approvedAnswerShare(tickets, week)).toBe(4 / 6);
    expect(approvedAnswerShare(tickets, month)).toBe(6 / 8);
    expect(approvedAnswerShare([], week)).toBeNull();
  });

  it('counts a ticket once when search returned it twice (offset pages shifted between reads)', () => {
    const repeated = [...tickets.slice(0, 3), tickets[1]!, ...tickets.slice(3)];
    expect(uniqueById(repeated).map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(approvedAnswerShare(repeated, week)).toBe(4 / 6);
    expect(leadConsoleMetrics([], repeated, week)).toEqual(leadConsoleMetrics([], tickets, week));
  });

  it('bundles everything for the console', () => {
    const metrics = leadConsoleMetrics([], tickets, week);
    expect(metrics.perDay).toHaveLength(7);
    expect(metrics.medianLeadResponseMinutes).toBeNull();
    expect(metrics.approvedAnswerShare).toBeCloseTo(0.667, 3);
  });
});
