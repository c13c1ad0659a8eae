import { describe, expect, it } from 'vitest';
import {
  changesSince,
  decisionOnRequest,
  describeChange,
  historyFromAudits,
  lastDecision,
  stateFromFieldValue,
  suspiciousChanges,
  type TicketAudit,
} from '../../src/domain/escalation';

const FIELD = 360012345678;
const AGENT = 1001;
const LEAD = 2002;
const OTHER = 3003;

function audit(id: number, createdAt: string, authorId: number, events: TicketAudit['events']): TicketAudit {
  return { id, ticket_id: 4711, created_at: createdAt, author_id: authorId, events };
}

const audits: TicketAudit[] = [
  audit(1, '2024-05-01T08:00:00Z', 555, [
    { id: 11, type: 'Comment', body: 'My export fails with error 502', public: true },
    { id: 12, type: 'Create', field_name: 'status', value: 'new' },
    { id: 13, type: 'Create', field_name: String(FIELD), value: null },
  ]),
  audit(2, '2024-05-01T09:15:00Z', AGENT, [
    { id: 21, type: 'Comment', body: 'Escalation requested: export broken for all EU accounts', public: false },
    { id: 22, type: 'Change', field_name: String(FIELD), value: 'escalation_requested', previous_value: null },
    { id: 23, type: 'Change', field_name: 'tags', value: ['escalation_requested'], previous_value: [] },
  ]),
  audit(3, '2024-05-01T09:40:00Z', AGENT, [
    { id: 31, type: 'Comment', body: 'Thanks, looking into it', public: true },
    { id: 32, type: 'Change', field_name: 'status', value: 'open', previous_value: 'new' },
  ]),
  audit(4, '2024-05-01T10:05:00Z', LEAD, [
    { id: 41, type: 'Change', field_name: String(FIELD), value: 'escalation_escalated', previous_value: 'escalation_requested' },
  ]),
  audit(5, '2024-05-02T16:30:00Z', LEAD, [
    { id: 51, type: 'Change', field_name: String(FIELD), value: 'escalation_resolved', previous_value: 'escalation_escalated' },
  ]),
  audit(6, '2024-05-03T07:00:00Z', OTHER, [
    { id: 61, type: 'Change', field_name: String(FIELD), value: 'escalation_requested', previous_value: 'escalation_resolved' },
  ]),
  audit(7, '2024-05-03T07:05:00Z', OTHER, [
    { id: 71, type: 'Change', field_name: String(FIELD), value: 'escalation_escalated', previous_value: 'escalation_requested' },
  ]),
];

describe('historyFromAudits', () => {
  it('lists the field changes oldest first with author and note', () => {
    const history = historyFromAudits(audits, FIELD);
    expect(history.changes.map((c) => [c.at, c.authorId, c.from, c.to])).toEqual([
      ['2024-05-01T09:15:00Z', AGENT, 'none', 'requested'],
      ['2024-05-01T10:05:00Z', LEAD, 'requested', 'escalated'],
      ['2024-05-02T16:30:00Z', LEAD, 'escalated', 'resolved'],
      ['2024-05-03T07:00:00Z', OTHER, 'resolved', 'requested'],
      ['2024-05-03T07:05:00Z', OTHER, 'requested', 'escalated'],
    ]);
    expect(history.changes[0]?.note).toBe('Escalation requested: export broken for all EU accounts');
    expect(history.changes[1]?.note).toBeUndefined();
    expect(history.lastRequest?.auditId).toBe(6);
    expect(history.lastEscalation?.auditId).toBe(7);
  });

  it('sorts audits that arrive out of order', () => {
    const shuffled = [audits[4], audits[0], audits[6], audits[1], audits[3], audits[5], audits[2]].filter(
      (a): a is TicketAudit => a !== undefined,
    );
    expect(historyFromAudits(shuffled, String(FIELD))).toEqual(historyFromAudits(audits, FIELD));
  });

  it('ignores other fields, public comments and values it does not know', () => {
    const history = historyFromAudits(
      [
        audit(1, '2024-05-01T08:00:00Z', AGENT, [
          { id: 1, type: 'Comment', body: 'public reply', public: true },
          { id: 2, type: 'Change', field_name: '999', value: 'escalation_escalated', previous_value: null },
          { id: 3, type: 'Change', field_name: String(FIELD), value: 'something_else', previous_value: null },
          { id: 4, type: 'Notification', field_name: String(FIELD), value: 'escalation_escalated' },
        ]),
      ],
      FIELD,
    );
    expect(history).toEqual({ changes: [], lastRequest: null, lastEscalation: null });
  });

  it('records a ticket created already escalated and continues without previous_value', () => {
    const history = historyFromAudits(
      [
        audit(1, '2024-05-01T08:00:00Z', LEAD, [{ id: 1, type: 'Create', field_name: String(FIELD), value: 'escalated' }]),
        audit(2, '2024-05-01T09:00:00Z', LEAD, [{ id: 2, type: 'Change', field_name: String(FIELD), value: 'resolved' }]),
      ],
      FIELD,
    );
    expect(history.changes.map((c) => `${c.from}->${c.to}`)).toEqual(['none->escalated', 'escalated->resolved']);
    expect(history.lastRequest).toBeNull();
    expect(history.lastEscalation?.authorId).toBe(LEAD);
  });

  it('tracks a withdrawn request back to none', () => {
    const history = historyFromAudits(
      [
        audit(1, '2024-05-01T08:00:00Z', AGENT, [
          { id: 1, type: 'Change', field_name: String(FIELD), value: 'escalation_requested', previous_value: '' },
        ]),
        audit(2, '2024-05-01T08:10:00Z', AGENT, [
          { id: 2, type: 'Change', field_name: String(FIELD), value: null, previous_value: 'escalation_requested' },
        ]),
      ],
      FIELD,
    );
    expect(history.changes.map((c) => c.to)).toEqual(['requested', 'none']);
    expect(history.lastRequest?.at).toBe('2024-05-01T08:00:00Z');
  });
});

describe('stateFromFieldValue', () => {
  it.each([
    [null, 'none'],
    ['', 'none'],
    [undefined, 'none'],
    ['escalation_requested', 'requested'],
    ['Escalated', 'escalated'],
    ['resolved', 'resolved'],
    ['escalation_bogus', undefined],
    [42, undefined],
  ])('%j → %j', (value, expected) => {
    expect(stateFromFieldValue(value)).toBe(expected);
  });
});

describe('suspiciousChanges', () => {
  const history = historyFromAudits(audits, FIELD);
  const leads = new Map<number, boolean>([
    [AGENT, false],
    [LEAD, true],
    [OTHER, false],
  ]);

  it('flags escalations and resolutions by non-leads only', () => {
    const flagged = suspiciousChanges(history, (id) => leads.get(id));
    expect(flagged.map((c) => [c.authorId, c.to])).toEqual([[OTHER, 'escalated']]);
  });

  it('accepts a plain change list and flags resolutions too', () => {
    const flagged = suspiciousChanges(history.changes, (id) => (id === LEAD ? false : leads.get(id)));
    expect(flagged.map((c) => c.auditId)).toEqual([4, 5, 7]);
  });

  it('does not flag authors whose role is unknown', () => {
    expect(suspiciousChanges(history, () => undefined)).toEqual([]);
  });
});

describe('suspiciousChanges replays the rules over every transition', () => {
  const REQUESTER = 1001;
  const AGENT2 = 3003;
  const LEADS = new Set([LEAD]);
  const KNOWN = new Set([REQUESTER, AGENT2, LEAD]);
  const isLeadById = (id: number) => (KNOWN.has(id) ? LEADS.has(id) : undefined);
  let nextId = 100;
  /** One field change per audit, a minute apart. */
  const trail = (...steps: [author: number, from: string, to: string][]): TicketAudit[] =>
    steps.map(([author, from, to], i) =>
      audit(nextId++, new Date(Date.UTC(2024, 4, 1, 8, i)).toISOString(), author, [
        { id: nextId++, type: 'Change', field_name: String(FIELD), previous_value: `escalation_${from}`, value: `escalation_${to}` },
      ]),
    );
  const flagged = (...steps: [number, string, string][]) =>
    suspiciousChanges(historyFromAudits(trail(...steps), FIELD), isLeadById).map((c) => [c.authorId, c.from, c.to, c.rule]);

  it('lets the app’s own transitions pass: request, withdraw by the requester, escalate, decline, resolve, request again', () => {
    expect(
      flagged(
        [REQUESTER, 'none', 'requested'],
        [REQUESTER, 'requested', 'none'],
        [REQUESTER, 'none', 'requested'],
        [LEAD, 'requested', 'none'],
        [AGENT2, 'none', 'requested'],
        [LEAD, 'requested', 'escalated'],
        [LEAD, 'escalated', 'resolved'],
        [REQUESTER, 'resolved', 'requested'],
      ),
    ).toEqual([]);
  });

  it('flags a decline by an agent who is not a lead and did not ask', () => {
    expect(flagged([REQUESTER, 'none', 'requested'], [AGENT2, 'requested', 'none'])).toEqual([[AGENT2, 'requested', 'none', 'not_lead']]);
  });

  it('flags an escalate-then-revert by an agent: both changes', () => {
    expect(flagged([REQUESTER, 'none', 'requested'], [AGENT2, 'requested', 'escalated'], [AGENT2, 'escalated', 'requested'])).toEqual([
      [AGENT2, 'requested', 'escalated', 'not_lead'],
      [AGENT2, 'escalated', 'requested', 'not_allowed'],
    ]);
  });

  it('flags changes the rules allow nobody, a lead’s included', () => {
    expect(flagged([LEAD, 'none', 'escalated'], [LEAD, 'escalated', 'none'], [LEAD, 'none', 'resolved'])).toEqual([
      [LEAD, 'escalated', 'none', 'not_allowed'],
      [LEAD, 'none', 'resolved', 'not_allowed'],
    ]);
  });

  it('matches a withdrawal against the request open at that time', () => {
    // The requester of the second request withdraws it: fine; the first requester may not.
    expect(
      flagged([REQUESTER, 'none', 'requested'], [LEAD, 'requested', 'none'], [AGENT2, 'none', 'requested'], [AGENT2, 'requested', 'none']),
    ).toEqual([]);
    expect(flagged([AGENT2, 'none', 'requested'], [REQUESTER, 'requested', 'none'])).toEqual([
      [REQUESTER, 'requested', 'none', 'not_lead'],
    ]);
  });

  it('does not flag unknown authors (deleted users, triggers), but follows the state they left', () => {
    expect(flagged([9999, 'none', 'escalated'], [AGENT2, 'escalated', 'resolved'])).toEqual([
      [AGENT2, 'escalated', 'resolved', 'not_lead'],
    ]);
    // A request by an unknown author cannot be withdrawn by anyone but a lead (as a decline).
    expect(flagged([9999, 'none', 'requested'], [AGENT2, 'requested', 'none'])).toEqual([[AGENT2, 'requested', 'none', 'not_lead']]);
  });
});

describe('decisions and what changed, verified from the audit authors', () => {
  const REQUESTER = 1001;
  const AGENT2 = 3003;
  const LEADS = new Set([LEAD]);
  const KNOWN = new Set([REQUESTER, AGENT2, LEAD]);
  const isLeadById = (id: number) => (KNOWN.has(id) ? LEADS.has(id) : undefined);
  /** One field change per audit, a minute apart, with an optional internal note in the same audit. */
  const history = (...steps: [author: number, from: string, to: string, note?: string][]) =>
    historyFromAudits(
      steps.map(([author, from, to, note], i) =>
        audit(500 + i, new Date(Date.UTC(2024, 4, 1, 8, i)).toISOString(), author, [
          ...(note ? [{ id: 900 + i, type: 'Comment', body: note, public: false }] : []),
          { id: 700 + i, type: 'Change', field_name: String(FIELD), previous_value: `escalation_${from}`, value: `escalation_${to}` },
        ]),
      ),
      FIELD,
    );
  const DECLINE_NOTE = 'Marta declined the escalation request (Closed Loop).\n\nReason: Tier 1 can handle this.';

  it('names a lead’s decline with the reason from its note, and a resolution', () => {
    const declined = history([REQUESTER, 'none', 'requested', 'Please'], [LEAD, 'requested', 'none', DECLINE_NOTE]);
    expect(lastDecision(declined, isLeadById)).toMatchObject({
      kind: 'declined',
      reason: 'Tier 1 can handle this.',
      change: { authorId: LEAD, at: '2024-05-01T08:01:00.000Z' },
    });
    const resolved = history([REQUESTER, 'none', 'requested'], [LEAD, 'requested', 'escalated'], [LEAD, 'escalated', 'resolved']);
    expect(lastDecision(resolved, isLeadById)).toMatchObject({ kind: 'resolved', reason: null, change: { authorId: LEAD } });
  });

  it('shows no decision when the author is not a verified lead, whatever the note claims', () => {
    expect(lastDecision(history([REQUESTER, 'none', 'requested'], [AGENT2, 'requested', 'none', DECLINE_NOTE]), isLeadById)).toBeNull();
    expect(lastDecision(history([REQUESTER, 'none', 'requested'], [9999, 'requested', 'none', DECLINE_NOTE]), isLeadById)).toBeNull();
    expect(
      lastDecision(
        history([REQUESTER, 'none', 'requested'], [LEAD, 'requested', 'escalated'], [AGENT2, 'escalated', 'resolved']),
        isLeadById,
      ),
    ).toBeNull();
  });

  it('shows no decision once the state moved on, nor for a withdrawal', () => {
    expect(
      lastDecision(history([REQUESTER, 'none', 'requested'], [LEAD, 'requested', 'none'], [AGENT2, 'none', 'requested']), isLeadById),
    ).toBeNull();
    // A lead who asked and takes it back withdraws; that is no decision.
    expect(lastDecision(history([LEAD, 'none', 'requested'], [LEAD, 'requested', 'none']), isLeadById)).toBeNull();
    expect(lastDecision(history(), isLeadById)).toBeNull();
  });

  it('describes each kind of change, a non-lead’s lead-only change as other', () => {
    const trail = history(
      [REQUESTER, 'none', 'requested', 'Requesting escalation: card blocked'],
      [REQUESTER, 'requested', 'none'],
      [AGENT2, 'none', 'requested'],
      [LEAD, 'requested', 'escalated'],
      [AGENT2, 'escalated', 'resolved'],
    );
    expect(trail.changes.map((_, i) => describeChange(trail, i, isLeadById)?.kind)).toEqual([
      'requested',
      'withdrawn',
      'requested',
      'escalated',
      'other',
    ]);
    expect(describeChange(trail, 0, isLeadById)?.reason).toBe('Requesting escalation: card blocked');
    expect(describeChange(trail, 9, isLeadById)).toBeNull();
  });

  it('finds the changes others made after the one a view was based on', () => {
    const trail = history([REQUESTER, 'none', 'requested'], [LEAD, 'requested', 'none'], [AGENT2, 'none', 'requested']);
    const [first, second, third] = trail.changes.map((c) => c.auditId);
    expect(changesSince(trail, first!, REQUESTER)?.map((c) => c.auditId)).toEqual([second, third]);
    // The user's own changes are no news to them.
    expect(changesSince(trail, first!, LEAD)?.map((c) => c.auditId)).toEqual([third]);
    expect(changesSince(trail, third!, REQUESTER)).toEqual([]);
    expect(changesSince(trail, null, 4242)).toHaveLength(3);
    expect(changesSince(trail, 123456, REQUESTER)).toBeUndefined();
  });
});

describe('decisionOnRequest: a lead’s answer to the request an agent made', () => {
  const ME = 1001;
  const AGENT2 = 3003;
  const isLeadById = (id: number) => (id === LEAD ? true : id === ME || id === AGENT2 ? false : undefined);
  const trail = (...steps: [author: number, from: string, to: string, note?: string][]) =>
    historyFromAudits(
      steps.map(([author, from, to, note], i) =>
        audit(600 + i, new Date(Date.UTC(2024, 4, 2, 8, i)).toISOString(), author, [
          ...(note ? [{ id: 950 + i, type: 'Comment', body: note, public: false }] : []),
          { id: 750 + i, type: 'Change', field_name: String(FIELD), previous_value: `escalation_${from}`, value: `escalation_${to}` },
        ]),
      ),
      FIELD,
    );
  const kind = (h: ReturnType<typeof trail>) => decisionOnRequest(h, ME, isLeadById)?.kind ?? null;

  it('answers my request: escalated, declined with its reason, resolved after the escalation', () => {
    expect(kind(trail([ME, 'none', 'requested'], [LEAD, 'requested', 'escalated']))).toBe('escalated');
    const declined = trail([ME, 'none', 'requested'], [LEAD, 'requested', 'none', 'M declined (Closed Loop).\n\nReason: Not now.']);
    expect(decisionOnRequest(declined, ME, isLeadById)).toMatchObject({ kind: 'declined', reason: 'Not now.' });
    expect(kind(trail([ME, 'none', 'requested'], [LEAD, 'requested', 'escalated'], [LEAD, 'escalated', 'resolved']))).toBe('resolved');
  });

  it('ignores someone else’s request, a non-lead’s change, an escalation nobody asked for and my own withdrawal', () => {
    expect(kind(trail([AGENT2, 'none', 'requested'], [LEAD, 'requested', 'escalated']))).toBeNull();
    expect(kind(trail([ME, 'none', 'requested'], [AGENT2, 'requested', 'none']))).toBeNull();
    expect(kind(trail([ME, 'none', 'requested'], [9999, 'requested', 'escalated']))).toBeNull();
    expect(kind(trail([LEAD, 'none', 'escalated'], [LEAD, 'escalated', 'resolved']))).toBeNull();
    expect(kind(trail([ME, 'none', 'requested'], [ME, 'requested', 'none']))).toBeNull();
    expect(kind(trail([ME, 'none', 'requested']))).toBeNull();
    expect(kind(trail())).toBeNull();
  });
});
