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
import { escalationRefusal, TICKET_PRIORITIES, type AppSettings, type GroupState } from '../domain/settings';
import { shortText } from '../domain/text';
import { escalationFieldId } from '../host/api/escalation';
import { getTicket, updateTicketSafely, type Ticket } from '../host/api/tickets';
import { getGroup } from '../host/api/users';
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

/** What an escalation step decides on, read fresh at the moment of the action. */
export interface StepContext {
  actor: Awaited<ReturnType<LeadAccess['fresh']>>;
  fieldId: number;
  ticket: Ticket;
  /** The ticket's escalation state now (the field, else its tags). */
  current: EscalationState;
  /** For an escalation, the configured escalation group as Zendesk has it now; else null. */
  group: GroupState;
}

/** Whether the settings' escalation group can take tickets, read at the moment of the action. */
async function escalationGroup(host: HostClient, { escalationGroupId }: AppSettings): Promise<GroupState> {
  if (escalationGroupId === null) return null;
  const group = await getGroup(host, escalationGroupId);
  return !group ? 'missing' : group.deleted ? 'deleted' : 'usable';
}

/**
 * Reads the actor (lead powers fresh for a lead's action), the field id and the ticket, and for
 * an escalation the group it would move to, at once.
 */
export async function readStepContext(
  { host, lead, settings }: Pick<Deps, 'host' | 'lead' | 'settings'>,
  ticketId: number,
  action: EscalationAction,
): Promise<StepContext> {
  const [actor, fieldId, ticket, group] = await Promise.all([
    LEAD_ACTIONS.includes(action) ? lead.fresh() : lead.cached(),
    escalationFieldId(host),
    getTicket(host, ticketId),
    action === 'escalate' ? escalationGroup(host, settings) : null,
  ]);
  const current = stateFromFieldValue(ticket.custom_fields?.find((f) => f.id === fieldId)?.value) ?? stateFromTags(ticket.tags);
  return { actor, fieldId, ticket, current, group };
}

/**
 * One escalation transition as one ticket update, from a context just read: the rules decide
 * (domain/escalation/machine.ts), an escalation the settings would misroute is refused (naming
 * the setting), and the update carries the ticket's updated_at with safe_update, so a
 * concurrent change is a 409 (ApiError.isConflict), never an overwrite.
 */
export async function writeStep(
  { host, settings, i18n }: Pick<Deps, 'host' | 'settings' | 'i18n'>,
  { actor, fieldId, ticket, current, group }: StepContext,
  action: EscalationAction,
  reason: string | undefined,
  requesterId: number | null,
): Promise<Outcome<{ state: EscalationState; updatedAt: string }, never>> {
  const next = transition(current, action, { id: actor.userId, isLead: actor.isLead }, { reason: reason ?? '', requesterId });
  if (!next.ok) return refused(`ui.escalation.refused_${next.reason}`);
  const misrouted = action === 'escalate' ? escalationRefusal(settings, group) : null;
  if (misrouted) {
    return refused(`ui.escalation.refused_${misrouted.reason}`, {
      // Named as Admin Center labels it, where the admin will look for it.
      setting: i18n.t(`app.parameters.${misrouted.setting}.label`),
      value: shortText(misrouted.value),
      allowed: TICKET_PRIORITIES.join(', '),
    });
  }
  const saved = await updateTicketSafely(host, ticket.id, ticket.updated_at, {
    custom_fields: [{ id: fieldId, value: tagFor(next.next) }],
    tags: tagsFor(ticket.tags, next.next),
    ...(action === 'escalate' ? escalationRouting(settings) : {}),
    comment: { body: noteFor(action, actor.name, reason, (key, vars) => i18n.t(`ui.${key}`, vars)), public: false },
  });
  return done({ state: next.next, updatedAt: saved.updated_at });
}

/** A step from a list (the console's queue): a state other than the one the row showed is a conflict. */
export async function applyEscalation(deps: Deps, ticketId: number, step: EscalationStep): Promise<EscalationOutcome> {
  const { action, seen, reason, requesterId = null } = step;
  try {
    const context = await readStepContext(deps, ticketId, action);
    if (context.current !== seen) return conflict(context.current);
    return await writeStep(deps, context, action, reason, requesterId);
  } catch (error) {
    if (!(error instanceof ApiError && error.isConflict)) throw error;
    const latest = await getTicket(deps.host, ticketId).catch(() => null);
    return conflict(latest ? stateFromTags(latest.tags) : seen);
  }
}
