import { describe, expect, it } from 'vitest';
import {
  availableActions,
  ESCALATION_ACTIONS,
  ESCALATION_STATES,
  requiresReason,
  transition,
  type Actor,
  type EscalationAction,
  type EscalationState,
  type TransitionError,
} from '../../src/domain/escalation';

const REQUESTER_ID = 501;
const lead: Actor = { id: 900, isLead: true };
const requester: Actor = { id: REQUESTER_ID, isLead: false };
const other: Actor = { id: 777, isLead: false };

type Outcome = EscalationState | TransitionError;
/** Expected outcome for [lead, requesting agent, other agent], written out by hand. */
type Row = [Outcome, Outcome, Outcome];

const NA: Row = ['not_allowed', 'not_allowed', 'not_allowed'];
const EXPECTED: Record<EscalationState, Record<EscalationAction, Row>> = {
  none: {
    request: ['requested', 'requested', 'requested'],
    withdraw: NA,
    escalate: ['escalated', 'not_lead', 'not_lead'],
    decline: NA,
    resolve: NA,
  },
  requested: {
    request: NA,
    withdraw: ['not_requester', 'none', 'not_requester'],
    escalate: ['escalated', 'not_lead', 'not_lead'],
    decline: ['none', 'not_lead', 'not_lead'],
    resolve: NA,
  },
  escalated: {
    request: NA,
    withdraw: NA,
    escalate: NA,
    decline: NA,
    resolve: ['resolved', 'not_lead', 'not_lead'],
  },
  resolved: {
    request: ['requested', 'requested', 'requested'],
    withdraw: NA,
    escalate: NA,
    decline: NA,
    resolve: NA,
  },
};

const ROLES: [string, Actor][] = [
  ['lead', lead],
  ['requesting agent', requester],
  ['other agent', other],
];

const cases = ESCALATION_STATES.flatMap((state) =>
  ESCALATION_ACTIONS.flatMap((action) =>
    ROLES.map(([role, actor], i) => ({ state, action, role, actor, expected: EXPECTED[state][action][i] })),
  ),
);

const isState = (o: Outcome | undefined): o is EscalationState => (ESCALATION_STATES as readonly string[]).includes(o ?? '');

describe('transition: every state × action × role', () => {
  it('covers 4 states × 5 actions × 3 roles', () => {
    expect(cases).toHaveLength(60);
  });

  it.each(cases)('$state + $action by $role → $expected', ({ state, action, actor, expected }) => {
    const result = transition(state, action, actor, {
      reason: 'Customer is blocked from invoicing',
      requesterId: REQUESTER_ID,
    });
    expect(result).toEqual(isState(expected) ? { ok: true, next: expected } : { ok: false, reason: expected });
  });
});

describe('availableActions', () => {
  it.each(ESCALATION_STATES.flatMap((state) => ROLES.map(([role, actor], i) => ({ state, role, actor, i }))))(
    'in $state for $role matches the table',
    ({ state, actor, i }) => {
      const allowed = ESCALATION_ACTIONS.filter((action) => isState(EXPECTED[state][action][i]));
      expect(availableActions(state, actor, REQUESTER_ID)).toEqual(allowed);
    },
  );

  it('lets a lead who made the request withdraw it', () => {
    const leadRequester: Actor = { id: REQUESTER_ID, isLead: true };
    expect(availableActions('requested', leadRequester, REQUESTER_ID)).toEqual(['withdraw', 'escalate', 'decline']);
  });

  it('offers withdraw to nobody when the requester is unknown', () => {
    expect(availableActions('requested', requester, null)).not.toContain('withdraw');
    expect(availableActions('requested', requester)).not.toContain('withdraw');
    expect(transition('requested', 'withdraw', requester, {})).toEqual({ ok: false, reason: 'not_requester' });
  });
});

describe('reasons', () => {
  it('marks request and decline as needing a reason', () => {
    expect(ESCALATION_ACTIONS.filter(requiresReason)).toEqual(['request', 'decline']);
  });

  it.each(['', '   ', '\n\t', undefined])('rejects request with reason %j', (reason) => {
    expect(transition('none', 'request', other, { reason })).toEqual({ ok: false, reason: 'reason_required' });
    expect(transition('requested', 'decline', lead, { reason, requesterId: REQUESTER_ID })).toEqual({
      ok: false,
      reason: 'reason_required',
    });
  });

  it('does not need a reason for the other actions', () => {
    expect(transition('requested', 'withdraw', requester, { requesterId: REQUESTER_ID })).toEqual({
      ok: true,
      next: 'none',
    });
    expect(transition('none', 'escalate', lead, {})).toEqual({ ok: true, next: 'escalated' });
    expect(transition('escalated', 'resolve', lead, {})).toEqual({ ok: true, next: 'resolved' });
  });

  it('reports a missing permission before a missing reason', () => {
    expect(transition('requested', 'decline', other, {})).toEqual({ ok: false, reason: 'not_lead' });
    expect(transition('escalated', 'request', other, {})).toEqual({ ok: false, reason: 'not_allowed' });
  });
});
