import {
  noteFor,
  stateFromFieldValue,
  stateFromTags,
  tagFor,
  tagsFor,
  transition,
  type EscalationAction,
  type EscalationState,
} from '../domain/escalation';
import type { AppSettings } from '../domain/settings';
import { escalationFieldId } from '../host/api/escalation';
import { getTicket, updateTicketSafely } from '../host/api/tickets';
import type { HostClient } from '../host/client';
import { ApiError } from '../host/errors';
import type { I18n } from '../i18n';
import { conflict, done, refused, type Outcome } from './action';
import type { LeadAccess } from './lead';

const LEAD_ACTIONS: readonly EscalationAction[] = ['escalate', 'decline', 'resolve'];

/** Where the settings send an escalated ticket: its group and priority, when configured. */
function escalationRouting({ escalationGroupId, escalationPriority }: AppSettings): { group_id?: number; priority?: string } {
  return {
    ...(escalationGroupId !== null ? { group_id: escalationGroupId } : {}),
    ...(escalationPriority !== null ? { priority: escalationPriority } : {}),
  };
}

export interface EscalationStep {
  action: EscalationAction;
  /** The state the user decided on: a different state read now is a conflict, not a refusal. */
  seen: EscalationState;
  reason?: string;
  /** The agent who made the open request (only they may withdraw it); null when unknown. */
  requesterId?: number | null;
}

/** Done: the state the ticket is in now, as of Zendesk's updated_at. Conflict: the state someone else left it in. */
export type EscalationOutcome = Outcome<{ state: EscalationState; updatedAt: string }, EscalationState>;

interface Deps {
  host: HostClient;
  lead: LeadAccess;
  settings: AppSettings;
  i18n: I18n;
}

/**
 * One escalation transition as one ticket update. Lead powers and the ticket's state are read
 * fresh at the moment of the action; the update carries the ticket's updated_at with
 * safe_update, so a concurrent change is a conflict, never an overwrite.
 */
export async function applyEscalation(
  { host, lead, settings, i18n }: Deps,
  ticketId: number,
  step: EscalationStep,
): Promise<EscalationOutcome> {
  const { action, seen, reason, requesterId = null } = step;
  try {
    const [actor, id, fresh] = await Promise.all([
      LEAD_ACTIONS.includes(action) ? lead.fresh() : lead.cached(),
      escalationFieldId(host),
      getTicket(host, ticketId),
    ]);
    const current = stateFromFieldValue(fresh.custom_fields?.find((f) => f.id === id)?.value) ?? stateFromTags(fresh.tags);
    if (current !== seen) return conflict(current);
    const next = transition(current, action, { id: actor.userId, isLead: actor.isLead }, { reason: reason ?? '', requesterId });
    if (!next.ok) return refused(`ui.escalation.refused_${next.reason}`);
    const saved = await updateTicketSafely(host, fresh.id, fresh.updated_at, {
      custom_fields: [{ id, value: tagFor(next.next) }],
      tags: tagsFor(fresh.tags, next.next),
      ...(action === 'escalate' ? escalationRouting(settings) : {}),
      comment: { body: noteFor(action, actor.name, reason, (key, vars) => i18n.t(`ui.${key}`, vars)), public: false },
    });
    return done({ state: next.next, updatedAt: saved.updated_at });
  } catch (error) {
    if (!(error instanceof ApiError && error.isConflict)) throw error;
    const latest = await getTicket(host, ticketId).catch(() => null);
    return conflict(latest ? stateFromTags(latest.tags) : seen);
  }
}
