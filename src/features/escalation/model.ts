import { computed, effect, signal } from '@preact/signals';
import { conflict, createAction, done, refused, type Outcome, type Report } from '../../app/action';
import type { LeadAccess, LeadStatus } from '../../app/lead';
import { onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import {
  availableActions,
  hasEscalationTrace,
  noteFor,
  reasonFromNote,
  requestAge,
  stateFromFieldValue,
  stateFromTags,
  suspiciousChanges,
  tagFor,
  tagsFor,
  transition,
  type EscalationAction,
  type EscalationHistory,
  type EscalationState,
  type FlaggedChange,
} from '../../domain/escalation';
import type { AppSettings } from '../../domain/settings';
import { ApiError } from '../../host/errors';
import { escalationFieldId, escalationHistory } from '../../host/api/escalation';
import { getTicket, updateTicketSafely } from '../../host/api/tickets';
import type { HostClient } from '../../host/client';
import type { I18n } from '../../i18n';
import type { TicketModel } from '../ticket/model';

const LEAD_ACTIONS: readonly EscalationAction[] = ['escalate', 'decline', 'resolve'];

export interface HistoryView extends EscalationHistory {
  people: Map<number, { name: string; isLead: boolean }>;
  suspicious: FlaggedChange[];
  /** The open request's reason, read back from its note. */
  reason: string | null;
}

/** Where the settings send an escalated ticket: its group and priority, when configured. */
function escalationRouting({ escalationGroupId, escalationPriority }: AppSettings): { group_id?: number; priority?: string } {
  return {
    ...(escalationGroupId !== null ? { group_id: escalationGroupId } : {}),
    ...(escalationPriority !== null ? { priority: escalationPriority } : {}),
  };
}

interface Deps {
  host: HostClient;
  settings: AppSettings;
  ticket: TicketModel;
  lead: LeadAccess;
  i18n: I18n;
  now: () => Date;
}

export type EscalationModel = ReturnType<typeof createEscalationModel>;

export function createEscalationModel({ host, settings, ticket, lead, i18n, now }: Deps) {
  /** Set from Zendesk's answer after our own update, until the ticket's tags catch up. */
  const confirmed = signal<EscalationState | null>(null);
  const state = computed(() => confirmed.value ?? stateFromTags(ticket.tags.value));
  const history = createResource<HistoryView>();
  const me = createResource<LeadStatus>();
  const status = signal<Report | null>(null);
  const clock = signal(now());

  async function readHistory(): Promise<HistoryView> {
    const found = await escalationHistory(host, ticket.id.value);
    const people = found.changes.length
      ? await lead.people(found.changes.map((c) => c.authorId))
      : new Map<number, { name: string; isLead: boolean }>();
    return {
      ...found,
      people,
      suspicious: suspiciousChanges(found, (authorId) => people.get(authorId)?.isLead),
      reason: reasonFromNote(found.lastRequest?.note),
    };
  }

  // History is read only for tickets whose escalation field was ever set (a decline leaves it at
  // none, and must still be audited), so views of untouched tickets cost no call.
  const loadHistory = () => {
    if (state.value !== 'none' || hasEscalationTrace(ticket.tags.value)) void history.run(readHistory);
  };
  let lastState: EscalationState | null = null;
  onDispose(
    effect(() => {
      const current = state.value;
      if (current !== lastState) {
        lastState = current;
        loadHistory();
      }
    }),
  );
  // When the ticket's own tags start saying something new, they win over our last answer.
  let tagState = stateFromTags(ticket.tags.peek());
  onDispose(
    effect(() => {
      const next = stateFromTags(ticket.tags.value);
      if (next !== tagState) {
        tagState = next;
        confirmed.value = null;
      }
    }),
  );
  const loadMe = () => void me.run(() => lead.cached());
  loadMe();
  const tick = setInterval(() => (clock.value = now()), 30_000);
  onDispose(() => clearInterval(tick));

  const actions = computed(() => {
    const status = me.state.value.status === 'ready' ? me.state.value.data : null;
    if (!status) return [];
    const view = history.state.value.status === 'ready' ? history.state.value.data : null;
    return availableActions(state.value, { id: status.userId, isLead: status.isLead }, view?.lastRequest?.authorId ?? null);
  });

  const waiting = computed(() => {
    const view = history.state.value.status === 'ready' ? history.state.value.data : null;
    if (state.value !== 'requested' || !view?.lastRequest) return null;
    return requestAge(new Date(view.lastRequest.at), clock.value, settings.leadResponseMinutes);
  });

  const translate = (key: string, vars: Record<string, string>) => i18n.t(`ui.${key}`, vars);

  /**
   * One transition as one ticket update. Lead powers and the ticket's current state are read
   * fresh at the moment of the action; the update carries the ticket's updated_at with
   * safe_update, so a concurrent change is a conflict, never an overwrite. `seen` is the state
   * the user decided on (a reason form remembers the state it was opened in), so a change that
   * arrives while they type is reported as a conflict rather than a refusal.
   */
  async function transact(
    action: EscalationAction,
    reason?: string,
    seen?: EscalationState,
  ): Promise<Outcome<EscalationAction, EscalationState>> {
    const shown = seen ?? state.value;
    try {
      const [actor, id, fresh] = await Promise.all([
        LEAD_ACTIONS.includes(action) ? lead.fresh() : lead.cached(),
        escalationFieldId(host),
        getTicket(host, ticket.id.value),
      ]);
      const value = fresh.custom_fields?.find((f) => f.id === id)?.value;
      const current = stateFromFieldValue(value) ?? stateFromTags(fresh.tags);
      if (current !== shown) {
        confirmed.value = current;
        return conflict(current);
      }
      const requesterId = history.state.value.status === 'ready' ? (history.state.value.data.lastRequest?.authorId ?? null) : null;
      const step = transition(current, action, { id: actor.userId, isLead: actor.isLead }, { reason: reason ?? '', requesterId });
      if (!step.ok) return refused(`ui.escalation.refused_${step.reason}`);
      await updateTicketSafely(host, fresh.id, fresh.updated_at, {
        custom_fields: [{ id, value: tagFor(step.next) }],
        tags: tagsFor(fresh.tags, step.next),
        ...(action === 'escalate' ? escalationRouting(settings) : {}),
        comment: { body: noteFor(action, actor.name, reason, translate), public: false },
      });
      confirmed.value = step.next;
      return done(action);
    } catch (error) {
      if (!(error instanceof ApiError && error.isConflict)) throw error;
      const latest = await getTicket(host, ticket.id.value).catch(() => null);
      if (latest) confirmed.value = stateFromTags(latest.tags);
      return conflict(confirmed.value ?? shown);
    }
  }

  /** A transition, then the ticket and its history read again (not after a failure: nothing changed). */
  const act = createAction(
    async (action: EscalationAction, reason?: string, seen?: EscalationState) => {
      const result = await transact(action, reason, seen);
      void ticket.refresh();
      loadHistory();
      return result;
    },
    { report: status, done: (action) => `ui.escalation.done_${action}` },
  );

  return {
    state,
    history: history.state,
    me: me.state,
    actions,
    waiting,
    status,
    act,
    retry: () => {
      if (me.state.value.status === 'error') loadMe();
      loadHistory();
    },
  };
}
