import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { conflict, createAction, done, type Outcome, type Report } from '../../app/action';
import { keptTrail } from '../../app/escalationTrail';
import type { LeadAccess, LeadStatus } from '../../app/lead';
import { onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import {
  availableActions,
  changesSince,
  describeChange,
  hasEscalationTrace,
  lastDecision,
  reasonFromNote,
  requestAge,
  stateFromTags,
  suspiciousChanges,
  type Decision,
  type DescribedChange,
  type EscalationAction,
  type EscalationHistory,
  type EscalationState,
  type FlaggedChange,
} from '../../domain/escalation';
import type { AppSettings } from '../../domain/settings';
import type { SessionCache } from '../../app/sessionCache';
import { ApiError } from '../../host/errors';
import { escalationHistory } from '../../host/api/escalation';
import { getTicket } from '../../host/api/tickets';
import type { HostClient } from '../../host/client';
import type { I18n } from '../../i18n';
import { loadOnce } from '../../app/loadOnce';
import type { TicketModel } from '../ticket/model';

/** The steps' code (reads and writes at the moment of an action) loads with the first action: the sidebar's first paint only shows the state. */
const loadSteps = loadOnce(() => import('../../app/escalation'));

const LEAD_ACTIONS: readonly EscalationAction[] = ['escalate', 'decline', 'resolve'];
/** How long a state that changed on its own must have been on screen before a click is taken to mean it. */
const SETTLE_MS = 3000;

export interface HistoryView extends EscalationHistory {
  people: Map<number, { name: string; isLead: boolean }>;
  suspicious: FlaggedChange[];
  /** The open request's reason, read back from its note. */
  reason: string | null;
  /** The lead's decline or resolution the current state rests on, verified from the audits. */
  decision: Decision | null;
}

/**
 * What the panel showed when the user chose an action: the state, and the last change of the
 * trail it showed (null: none; undefined: the trail was not on screen, so only the state counts).
 */
export interface Shown {
  state: EscalationState;
  lastChange: number | null | undefined;
}

/** What a conflict found: the state now and, when the trail says so, who changed it and how. */
export interface StaleState {
  state: EscalationState;
  change: (DescribedChange & { name: string }) | null;
}

interface Deps {
  host: HostClient;
  settings: AppSettings;
  ticket: TicketModel;
  lead: LeadAccess;
  i18n: I18n;
  now: () => Date;
  /** The agent's session cache: a trail read on one version of the ticket is not read again. */
  cache: SessionCache;
}

export type EscalationModel = ReturnType<typeof createEscalationModel>;

export function createEscalationModel({ host, settings, ticket, lead, i18n, now, cache }: Deps) {
  /** Set from Zendesk's answer after our own update, until the ticket's tags catch up. */
  const confirmed = signal<EscalationState | null>(null);
  const state = computed(() => confirmed.value ?? stateFromTags(ticket.tags.value));
  const history = createResource<HistoryView>();
  const me = createResource<LeadStatus>();
  const status = signal<Report | null>(null);
  const clock = signal(now());

  /** The trail from the audits; `reuse`: as kept for this version of the ticket (peeked: a save alone is no reason to read), if it was. */
  const readTrail = (reuse: boolean): Promise<EscalationHistory> => {
    const id = ticket.id.value;
    const read = () => escalationHistory(host, id);
    return reuse ? keptTrail(cache, id, now).orRead(ticket.updatedAt.peek(), read) : read();
  };

  async function readHistory(reuse = false): Promise<HistoryView> {
    const found = await readTrail(reuse);
    const people = found.changes.length
      ? await lead.people(found.changes.map((c) => c.authorId))
      : new Map<number, { name: string; isLead: boolean }>();
    const isLeadById = (authorId: number) => people.get(authorId)?.isLead;
    return {
      ...found,
      people,
      suspicious: suspiciousChanges(found, isLeadById),
      reason: reasonFromNote(found.lastRequest?.note),
      decision: lastDecision(found, isLeadById),
    };
  }

  // History is read only for tickets whose escalation field was ever set (a decline leaves it at
  // none, and must still be audited), so views of untouched tickets cost no call. Only the
  // sidebar's first read may take the trail kept for this version; a change, an action or a
  // retry asks Zendesk.
  let firstRead = true;
  const loadHistory = () => {
    const reuse = firstRead;
    firstRead = false;
    if (state.value !== 'none' || hasEscalationTrace(ticket.tags.value)) void history.run(() => readHistory(reuse));
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

  /** The panel as it is on screen now. */
  const onScreen = computed<Shown>(() => {
    const current = history.state.value;
    const view = 'data' in current ? current.data : undefined;
    // Never read (the ticket has no trace of an escalation): the panel showed an empty trail.
    return { state: state.value, lastChange: view ? (view.changes.at(-1)?.auditId ?? null) : current.status === 'idle' ? null : undefined };
  });
  /**
   * What the user is taken to have seen, which an action is decided on. A state that arrived on
   * its own (someone else's change, live) counts only once it has been on screen for a moment: a
   * click that lands just as it arrives was meant for the state before, so the action re-reads,
   * finds the change and asks again. The user's own actions, a conflict they were told about and
   * a trail read for the same state count at once.
   */
  const shown = signal<Shown>(onScreen.peek());
  let settling: ReturnType<typeof setTimeout> | undefined;
  onDispose(() => clearTimeout(settling));
  onDispose(
    effect(() => {
      const now = onScreen.value;
      clearTimeout(settling);
      if (now.state === shown.peek().state) shown.value = now;
      else settling = setTimeout(() => (shown.value = onScreen.peek()), SETTLE_MS);
    }),
  );
  /** What is on screen now is what the user did or was just told: seen at once. */
  const acknowledge = () => {
    clearTimeout(settling);
    shown.value = onScreen.peek();
  };

  /**
   * Nothing is done: the panel takes the state and the trail just read (so the user decides
   * again on what is true now), and the outcome says who changed what, when the trail tells.
   */
  function stale(current: EscalationState, trail: HistoryView | null, tell = true): Outcome<never, StaleState> {
    // The trail read for this state is put on screen below; the state's own reload would repeat it.
    if (trail) lastState = current;
    confirmed.value = current;
    if (trail) void history.run(() => Promise.resolve(trail)).then(acknowledge);
    else {
      acknowledge();
      loadHistory();
    }
    const last = trail && tell ? describeChange(trail, trail.changes.length - 1, (id) => trail.people.get(id)?.isLead) : null;
    const name = last ? (trail?.people.get(last.change.authorId)?.name ?? `#${last.change.authorId}`) : '';
    return conflict({ state: current, change: last ? { ...last, name } : null });
  }

  /**
   * One transition as one ticket update. Lead powers and the ticket's current state are read
   * fresh at the moment of the action; the update carries the ticket's updated_at with
   * safe_update, so a concurrent change is a conflict, never an overwrite. `seen` is what the
   * panel showed when the user decided (a reason form remembers what it was opened on): if the
   * state, or for a lead's action the trail, changed since (someone else declined, escalated or
   * asked again), nothing is done and the user is told what changed and asked again.
   */
  async function transact(action: EscalationAction, reason?: string, seen?: Shown): Promise<Outcome<EscalationAction, StaleState>> {
    const decidedOn = seen ?? shown.peek();
    const leadAction = LEAD_ACTIONS.includes(action);
    const { readStepContext, writeStep } = await loadSteps();
    try {
      const [context, trail] = await Promise.all([
        readStepContext({ host, lead, settings }, ticket.id.value, action),
        // A lead decides on the trail on screen too (who asked, why): it is read again with the
        // ticket. Unreadable, the state alone is compared, as for an agent's action.
        leadAction && decidedOn.lastChange !== undefined ? readHistory().catch(() => null) : Promise.resolve(null),
      ]);
      const { actor, current } = context;
      const since = trail && decidedOn.lastChange !== undefined ? changesSince(trail, decidedOn.lastChange, actor.userId) : undefined;
      if (current !== decidedOn.state || (since?.length ?? 0) > 0) {
        return stale(current, trail ?? (await readHistory().catch(() => null)));
      }
      const requesterId = history.state.value.status === 'ready' ? (history.state.value.data.lastRequest?.authorId ?? null) : null;
      const written = await writeStep({ host, settings, i18n }, context, action, reason, requesterId);
      if (written.kind !== 'done') return written;
      confirmed.value = written.value.state;
      acknowledge();
      loadHistory();
      return done(action);
    } catch (error) {
      if (!(error instanceof ApiError && error.isConflict)) throw error;
      const [latest, trail] = await Promise.all([getTicket(host, ticket.id.value).catch(() => null), readHistory().catch(() => null)]);
      const current = latest ? stateFromTags(latest.tags) : (confirmed.value ?? decidedOn.state);
      // When something other than the escalation changed the ticket, the trail has nothing to tell.
      const moved =
        current !== decidedOn.state ||
        (decidedOn.lastChange !== undefined && (trail?.changes.at(-1)?.auditId ?? null) !== decidedOn.lastChange);
      return stale(current, trail, moved);
    }
  }

  /** A transition, then the ticket read again (the trail is read again where the transition knows it changed). */
  const act = createAction(
    async (action: EscalationAction, reason?: string, seen?: Shown) => {
      const result = await transact(action, reason, seen);
      void ticket.refresh();
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
    shown: shown as ReadonlySignal<Shown>,
    act,
    retry: () => {
      if (me.state.value.status === 'error') loadMe();
      loadHistory();
    },
  };
}
