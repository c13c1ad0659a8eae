import { describe, expect, it } from 'vitest';
import type { Approval } from '../../src/domain/answers/approval';
import {
  approvalTime,
  assignIssues,
  escalationsAroundApproval,
  matchedCounts,
  type IssueCause,
  type IssueTicket,
} from '../../src/domain/answers/issues';
import type { EscalationHistory, EscalationState, StatusChange } from '../../src/domain/escalation';
import { createMatcher } from '../../src/domain/matching';
import { escalationEvents, type EscalationEvent, type MetricWindow } from '../../src/domain/metrics';

// The 30-day window is [2024-05-17, 2024-06-16).
const now = new Date('2024-06-15T12:00:00Z');
const month: MetricWindow = { days: 30, now };
const LEAD = 9;
const AGENT = 5;
const isLead = (id: number) => id === LEAD;

const ticket = (id: number, created_at: string, tags: string[] = []): IssueTicket => ({ id, created_at, tags });

/** A fake matcher: the confident answer per ticket id. */
const matcherSays =
  (answers: Record<number, string>) =>
  (t: IssueTicket): string | null =>
    answers[t.id] ?? null;

describe('assignIssues', () => {
  const approved = ['Card-Reorder', 'pin-reset', 'fees'];
  const cause = (ticketIds: number[], answerId: string | null, by = LEAD): IssueCause => ({
    ticketIds,
    answerId,
    createdById: by,
    updatedById: by,
  });

  it('takes the inserted answer (its tag) over a root cause and over the matcher', () => {
    const issues = assignIssues(
      [ticket(1, '2024-06-01T00:00:00Z', ['vip', 'cla_card-reorder'])],
      approved,
      [cause([1], 'fees')],
      isLead,
      matcherSays({ 1: 'pin-reset' }),
    );
    expect(issues.get(1)).toEqual({ answerId: 'card-reorder', source: 'tag' });
  });

  it("takes a lead's root cause over the matcher, and ignores a cause a non-lead wrote or last changed", () => {
    const tickets = [ticket(1, '2024-06-01T00:00:00Z'), ticket(2, '2024-06-02T00:00:00Z'), ticket(3, '2024-06-03T00:00:00Z')];
    const causes = [
      cause([1], 'FEES'),
      cause([2], 'fees', AGENT),
      { ticketIds: [3], answerId: 'fees', createdById: LEAD, updatedById: AGENT },
    ];
    const issues = assignIssues(tickets, approved, causes, isLead, matcherSays({ 1: 'pin-reset', 2: 'pin-reset' }));
    expect(issues.get(1)).toEqual({ answerId: 'fees', source: 'root_cause' });
    expect(issues.get(2)).toEqual({ answerId: 'pin-reset', source: 'matcher' });
    expect(issues.has(3)).toBe(false);
  });

  it('falls back to the matcher, and only approved answers are issues', () => {
    const tickets = [
      ticket(1, '2024-06-01T00:00:00Z', ['cla_retired-one']),
      ticket(2, '2024-06-02T00:00:00Z'),
      ticket(3, '2024-06-03T00:00:00Z'),
    ];
    const issues = assignIssues(tickets, approved, [cause([2], 'retired-one')], isLead, matcherSays({ 1: 'fees', 2: 'draft-x' }));
    expect(issues.get(1)).toEqual({ answerId: 'fees', source: 'matcher' });
    expect(issues.has(2)).toBe(false);
    expect(issues.has(3)).toBe(false);
  });

  it('runs the matcher only for tickets neither a tag nor a cause settles', () => {
    const asked: number[] = [];
    assignIssues([ticket(1, '2024-06-01T00:00:00Z', ['cla_fees']), ticket(2, '2024-06-01T00:00:00Z')], approved, [], isLead, (t) => {
      asked.push(t.id);
      return null;
    });
    expect(asked).toEqual([2]);
  });
});

describe('matchedCounts', () => {
  it('counts the tickets created in the window the matcher is confident about, each ticket once', () => {
    const tickets = [
      ticket(1, '2024-06-01T00:00:00Z'),
      ticket(1, '2024-06-01T00:00:00Z'),
      ticket(2, '2024-06-14T00:00:00Z', ['cla_fees']),
      ticket(3, '2024-05-01T00:00:00Z'),
      ticket(4, '2024-06-10T00:00:00Z'),
    ];
    const counts = matchedCounts(tickets, matcherSays({ 1: 'Fees', 2: 'fees', 3: 'fees', 4: 'pin-reset' }), month);
    expect(Object.fromEntries(counts)).toEqual({ fees: 2, 'pin-reset': 1 });
  });

  it('counts what the real matcher answers on a ticket subject and message', () => {
    const matcher = createMatcher(
      [
        {
          id: 'pin',
          title: 'Change or unlock the card PIN',
          examples: ['I forgot my card PIN', 'How do I change my PIN?', 'My PIN is blocked after three tries', 'unlock my pin'],
        },
        {
          id: 'fees',
          title: 'ATM withdrawal fees',
          examples: [
            'Why was I charged a fee at the cash machine?',
            'ATM fee abroad',
            'withdrawal fee too high',
            'cash withdrawal charges',
          ],
        },
      ],
      { threshold: 0.5 },
    );
    const text = { 1: 'Forgot my PIN\n\nI forgot the PIN of my card, how do I change it?', 2: 'Hello' } as Record<number, string>;
    const counts = matchedCounts(
      [ticket(1, '2024-06-10T00:00:00Z'), ticket(2, '2024-06-10T00:00:00Z')],
      (t) => matcher.match({ subject: '', text: text[t.id] ?? '' }).best?.id ?? null,
      month,
    );
    expect(Object.fromEntries(counts)).toEqual({ pin: 1 });
  });
});

describe('escalationsAroundApproval', () => {
  const issues = assignIssues(
    [
      ticket(1, '2024-05-17T00:00:00Z', ['cla_fees']),
      ticket(2, '2024-05-25T00:00:00Z'),
      ticket(3, '2024-06-05T00:00:00Z', ['cla_fees']),
      ticket(4, '2024-05-21T00:00:00Z'),
      ticket(5, '2024-06-10T00:00:00Z'),
    ],
    ['fees', 'pin', 'old', 'new', 'forged'],
    [],
    isLead,
    matcherSays({ 2: 'fees', 4: 'pin', 5: 'pin' }),
  );
  const events: EscalationEvent[] = [
    { ticketId: 1, leadEscalatedAt: '2024-05-17T10:00:00Z' },
    { ticketId: 2, leadEscalatedAt: '2024-05-26T10:00:00Z' },
    { ticketId: 3, leadEscalatedAt: '2024-06-06T10:00:00Z' },
    // Escalated, but not by a lead: no escalation.
    { ticketId: 4, escalatedAt: '2024-05-22T10:00:00Z' },
    { ticketId: 5, leadEscalatedAt: '2024-06-11T10:00:00Z' },
  ];

  it('compares equal periods before and after the approval, cut at the window start', () => {
    // Approved 2024-06-01T12:00Z: 14 days ago, and 15.5 days after the window began: 14 days each side,
    // so ticket 1's escalation (05-17) is older than the period before; ticket 2's (05-26) is in it, ticket 3's (06-06) after.
    const [fees] = escalationsAroundApproval([{ answerId: 'fees', approvedAt: '2024-06-01T12:00:00Z' }], issues, events, month);
    expect(fees).toEqual({
      answerId: 'fees',
      approvedAt: '2024-06-01T12:00:00Z',
      comparison: { kind: 'compared', days: 14, before: 1, after: 1 },
    });
  });

  it('shortens both periods to the time between the window start and an early approval', () => {
    // Approved 2024-05-22T00:00Z, 5 days after the window began: 5 days each side; ticket 1 (05-17) is before, 2 (05-26) after.
    const [fees] = escalationsAroundApproval([{ answerId: 'FEES', approvedAt: '2024-05-22T00:00:00Z' }], issues, events, month);
    expect(fees?.comparison).toEqual({ kind: 'compared', days: 5, before: 1, after: 1 });
  });

  it('counts only escalations a lead made', () => {
    const [pin] = escalationsAroundApproval([{ answerId: 'pin', approvedAt: '2024-06-01T00:00:00Z' }], issues, events, month);
    expect(pin?.comparison).toMatchObject({ before: 0, after: 1 });
  });

  it('has no comparison for an answer approved before the window or after it, nor for an unverified approval time', () => {
    const rows = escalationsAroundApproval(
      [
        { answerId: 'old', approvedAt: '2024-05-01T00:00:00Z' },
        { answerId: 'new', approvedAt: '2024-06-20T00:00:00Z' },
        { answerId: 'forged', approvedAt: null },
      ],
      issues,
      events,
      month,
    );
    expect(rows.map((r) => r.comparison.kind)).toEqual(['outside', 'outside', 'unverified']);
  });
});

describe('escalationEvents: the lead escalation', () => {
  const change = (at: string, authorId: number, from: EscalationState, to: EscalationState): StatusChange => ({
    at,
    authorId,
    from,
    to,
    auditId: 1,
  });

  it('is the last change to escalated that a lead made', () => {
    const byAgent = change('2024-06-14T09:00:00Z', AGENT, 'none', 'escalated');
    const byLeadFirst = change('2024-06-12T09:00:00Z', LEAD, 'requested', 'escalated');
    const history = new Map<number, EscalationHistory>([
      [1, { changes: [byAgent], lastRequest: null, lastEscalation: byAgent }],
      [
        2,
        {
          changes: [byLeadFirst, change('2024-06-13T09:00:00Z', LEAD, 'escalated', 'resolved'), byAgent],
          lastRequest: null,
          lastEscalation: byAgent,
        },
      ],
    ]);
    const events = escalationEvents(history, isLead);
    expect(events.map((e) => [e.ticketId, e.escalatedAt, e.leadEscalatedAt ?? null])).toEqual([
      [1, '2024-06-14T09:00:00Z', null],
      [2, '2024-06-14T09:00:00Z', '2024-06-12T09:00:00Z'],
    ]);
  });
});

describe('approvalTime', () => {
  const approved: Approval = { kind: 'approved', approverId: LEAD };
  const record = { approvedAt: '2024-06-01T12:00:00Z', createdAt: '2024-05-01T00:00:00Z', updatedAt: '2024-06-01T12:00:05Z' };

  it("is the approval stamp of a verified approval, inside Zendesk's creation and last write", () => {
    expect(approvalTime(record, approved)).toBe('2024-06-01T12:00:00Z');
  });

  it('is null for an unverified approval or a stamp outside what Zendesk recorded', () => {
    expect(approvalTime(record, { kind: 'changed', byId: AGENT })).toBeNull();
    expect(approvalTime(record, null)).toBeNull();
    expect(approvalTime({ ...record, approvedAt: '2024-04-01T00:00:00Z' }, approved)).toBeNull();
    expect(approvalTime({ ...record, approvedAt: '2024-06-10T00:00:00Z' }, approved)).toBeNull();
    expect(approvalTime({ ...record, approvedAt: 'soon' }, approved)).toBeNull();
  });
});
