/**
 * Escalation state machine: who may move a ticket's escalation from which state.
 * The rules live in one table so availableActions and transition cannot disagree.
 */

export const ESCALATION_STATES = ['none', 'requested', 'escalated', 'resolved'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const ESCALATION_ACTIONS = ['request', 'withdraw', 'escalate', 'decline', 'resolve'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export interface Actor {
  id: number;
  isLead: boolean;
}

export type TransitionError = 'not_allowed' | 'not_lead' | 'reason_required' | 'not_requester';

export type TransitionResult = { ok: true; next: EscalationState } | { ok: false; reason: TransitionError };

export interface TransitionContext {
  reason?: string;
  /** Agent who made the open request; only they may withdraw it. */
  requesterId?: number | null;
}

interface Rule {
  from: readonly EscalationState[];
  to: EscalationState;
  who: 'any' | 'lead' | 'requester';
  needsReason: boolean;
}

const RULES: Record<EscalationAction, Rule> = {
  request: { from: ['none', 'resolved'], to: 'requested', who: 'any', needsReason: true },
  withdraw: { from: ['requested'], to: 'none', who: 'requester', needsReason: false },
  escalate: { from: ['none', 'requested'], to: 'escalated', who: 'lead', needsReason: false },
  decline: { from: ['requested'], to: 'none', who: 'lead', needsReason: true },
  resolve: { from: ['escalated'], to: 'resolved', who: 'lead', needsReason: false },
};

export function isEscalationState(value: unknown): value is EscalationState {
  return typeof value === 'string' && (ESCALATION_STATES as readonly string[]).includes(value);
}

/** Whether the UI asks for a note before submitting: a reason where the rule needs one, a lead's optional resolution note. */
export function asksForNote(action: EscalationAction): boolean {
  return RULES[action].needsReason || action === 'resolve';
}

/** Whether the rule needs a written reason (the UI asks for one before submitting). */
export function requiresReason(action: EscalationAction): boolean {
  return RULES[action].needsReason;
}

// State first, then permission: "not possible now" beats "not for you".
function permissionError(
  state: EscalationState,
  action: EscalationAction,
  actor: Actor,
  requesterId: number | null | undefined,
): TransitionError | null {
  const rule = RULES[action];
  if (!rule.from.includes(state)) return 'not_allowed';
  if (rule.who === 'lead' && !actor.isLead) return 'not_lead';
  // An unknown requester cannot be matched, so nobody may withdraw in that case.
  if (rule.who === 'requester' && (requesterId == null || requesterId !== actor.id)) {
    return 'not_requester';
  }
  return null;
}

/**
 * Replays the rules on a change found in the audit trail: allowed when some action leads from
 * `from` to `to` and the actor may take it (reasons aside: they live in notes). A refusal names
 * why: the rules have no such change at all, or not for this actor.
 */
export function changeError(
  from: EscalationState,
  to: EscalationState,
  actor: Actor,
  requesterId: number | null | undefined,
): Exclude<TransitionError, 'reason_required'> | null {
  // permissionError says 'not_allowed' for an action that does not start from `from`.
  const errors = ESCALATION_ACTIONS.filter((action) => RULES[action].to === to).map((action) =>
    permissionError(from, action, actor, requesterId),
  );
  if (errors.includes(null)) return null;
  // A decline and a withdrawal look alike: someone who is neither lead nor requester lacks the lead's power first.
  return errors.includes('not_lead') ? 'not_lead' : errors.includes('not_requester') ? 'not_requester' : 'not_allowed';
}

/** Actions the actor may take now; reasons are not checked since they are asked for afterwards. */
export function availableActions(state: EscalationState, actor: Actor, requesterId?: number | null): EscalationAction[] {
  return ESCALATION_ACTIONS.filter((action) => permissionError(state, action, actor, requesterId) === null);
}

export function transition(state: EscalationState, action: EscalationAction, actor: Actor, ctx: TransitionContext): TransitionResult {
  const error = permissionError(state, action, actor, ctx.requesterId);
  if (error) return { ok: false, reason: error };
  const rule = RULES[action];
  if (rule.needsReason && !ctx.reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, next: rule.to };
}
