import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { conflict, createAction, done, refused, type Report } from '../../app/action';
import { AppError, unexpected } from '../../app/errors';
import type { LeadAccess } from '../../app/lead';
import { loadOnce } from '../../app/loadOnce';
import { onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import type { Approval } from '../../domain/answers/approval';
import { isLiveProblem, isStatement, linkedStatement, liveStatements, mayLink, type TicketFacts } from '../../domain/answers/knownIssue';
import type { TextAnalysis } from '../../domain/textAnalysis';
import { versionOf, type Answer } from '../../host/api/answers';
import { getTickets, updateTicketSafely, type Ticket } from '../../host/api/tickets';
import { byVersion, type SessionCache } from '../../app/sessionCache';
import type { HostClient } from '../../host/client';
import { ApiError } from '../../host/errors';
import type { TicketModel } from '../ticket/model';
import type { AnswerLibrary } from './cachedLibrary';
import { announceChange } from './sync';

/** What a lead gives when marking a problem ticket as a known issue. */
export type KnownIssueModel = ReturnType<typeof createKnownIssueModel>;

export interface KnownIssueInput {
  statement: string;
  /** ISO 8601, or null for no ETA. */
  eta: string | null;
  /** Words or phrasings customers use for the outage, one per line: the sidebar links matching tickets. */
  examples: string[];
}

interface Deps {
  host: HostClient;
  ticket: TicketModel;
  lead: Pick<LeadAccess, 'cached' | 'fresh'>;
  library: AnswerLibrary;
  instanceGuid: string;
  /** The library's approved answers, statements among them. */
  approved: ReadonlySignal<Answer[]>;
  /** An answer's approval as Zendesk's records bear it out, null while its people are looked up. */
  approvalOf: (answer: Answer) => Approval | null;
  /** Looks up the people behind these answers' approvals; a failure is the answers panel's to report (it never rejects). */
  lookUp: (answers: Answer[]) => Promise<void>;
  tools: ReadonlySignal<TextAnalysis | null>;
  customerText: ReadonlySignal<string>;
  /** Reads the library again after this sidebar changed it. */
  reload: () => Promise<void>;
  /** The answers panel's status line. */
  status: Signal<Report | null>;
  now: () => Date;
  /** The agent's session cache: a ticket's facts are read once per few minutes. */
  cache: SessionCache;
}

/** A ticket's facts, with the version a safe update (Link) is based on. */
type Facts = TicketFacts & { updated_at: string };
const factsOf = ({ id, status, type, problem_id, updated_at }: Ticket): Facts => ({ id, status, type, problem_id, updated_at });
/**
 * How long the problems' states are taken as read, for every ticket of the session: a problem
 * solved meanwhile ends its known issue on screen within two minutes.
 */
/** The writes are in the editing chunk the sidebar otherwise never downloads. */
const loadWrites = loadOnce(() => import('./knownIssueWrites'));

const PROBLEMS_FRESH_MS = 2 * 60 * 1000;
const PROBLEMS_KEY = 'known-issue:problems';

/**
 * Known issues in the sidebar: the live statement of the problem this incident is linked to, or
 * of an outage this unlinked ticket reads like (with "Link to known issue"), and on a problem
 * ticket, the lead's "Mark as known issue". The ticket's type and problem link, and whether each
 * problem is still unsolved, come from one Show Multiple Tickets read, made only when the library
 * holds a statement or the agent is a lead.
 */
export function createKnownIssueModel(deps: Deps) {
  const { host, ticket, lead, library, instanceGuid, approved, approvalOf, lookUp, tools, customerText, reload, status, now, cache } = deps;
  const statements = computed(() => approved.value.filter(isStatement));
  const isLead = signal(false);
  void lead
    .cached()
    .then((me) => (isLead.value = me.isLead))
    .catch(() => undefined);

  /** This ticket and the problem tickets the statements name, as Zendesk has them. */
  const facts = createResource<ReadonlyMap<number, Facts>>();
  /** Statements whose customers' words this ticket uses: an unlinked ticket is offered only those. */
  const matching = computed(() => {
    const analysis = tools.value;
    if (!analysis) return [];
    const text = `${ticket.subject.value}\n${customerText.value}`;
    return statements.value.filter((a) => analysis.matchesOutage(a.examples, text));
  });
  /**
   * Read only when it can matter: on an incident (its link), a problem (its own statement, a
   * lead's Mark), a ticket using a statement's words, or when the form does not say the type.
   * Every other ticket view costs no request.
   */
  const wanted = computed(() => {
    if (!statements.value.length && !isLead.value) return '';
    const type = ticket.type.value;
    const matters = type === undefined || type === 'incident' || type === 'problem' || matching.value.length > 0;
    if (!matters) return '';
    return [...new Set([ticket.id.value, ...statements.value.map((a) => a.problemTicketId!)])].join(',');
  });
  /** This ticket's own facts, kept for its version: a revisit of the unchanged ticket reads none. */
  const ownKept = () => byVersion<Facts>(cache, `known-issue:${ticket.id.value}`, () => now().getTime());
  /** Sets the facts on screen, and the session's copies for the next views: this ticket's, and the problems' when read. */
  const keep = (list: Facts[], problemsRead: boolean) => {
    const mine = list.find((t) => t.id === ticket.id.value);
    if (mine) ownKept().set(mine.updated_at, mine);
    if (problemsRead)
      cache.set(
        PROBLEMS_KEY,
        list.filter((t) => t !== mine),
      );
    return new Map(list.map((t) => [t.id, t] as const));
  };
  /**
   * Reads what the session does not hold (or, forced, everything): this ticket's facts and the
   * problems' states. The ticket's version is peeked: a save elsewhere does not trigger a read (Link's 409 does).
   */
  const readFacts = (ids: number[], force = false) =>
    facts.run(async () => {
      const id = ticket.id.value;
      const problemIds = ids.filter((p) => p !== id);
      const mine = force ? null : ownKept().get(ticket.updatedAt.peek());
      const kept = force ? null : cache.get<Facts[]>(PROBLEMS_KEY, PROBLEMS_FRESH_MS)?.value;
      const problems = kept && problemIds.every((p) => kept.some((t) => t.id === p)) ? kept : null;
      const wanted = [...(mine ? [] : [id]), ...(problems ? [] : problemIds)];
      const read = wanted.length ? (await getTickets(host, wanted)).map(factsOf) : [];
      return keep([...(mine ? [mine] : []), ...(problems ?? []), ...read], !problems);
    });
  onDispose(
    effect(() => {
      const ids = wanted.value;
      if (ids) void readFacts(ids.split(',').map(Number));
    }),
  );
  onDispose(
    effect(() => {
      if (statements.value.length) void lookUp(statements.value);
    }),
  );

  const known = computed<ReadonlyMap<number, Facts>>(() => ('data' in facts.state.value && facts.state.value.data) || new Map());
  const here = computed(() => known.value.get(ticket.id.value) ?? null);
  /** Statements whose approval Zendesk's records bear out: an agent-made or agent-edited record is none. */
  const verified = computed(() => statements.value.filter((a) => approvalOf(a)?.kind === 'approved'));
  const live = computed(() => liveStatements(verified.value, known.value));
  const linked = computed(() => (here.value ? linkedStatement(here.value, live.value) : null));
  /** The statement among `among` an unlinked ticket is offered: another problem's, whose customers' words it uses. */
  const suggestionAmong = (t: Facts, among: readonly Answer[]) =>
    mayLink(t) ? (among.find((a) => a.problemTicketId !== t.id && matching.value.includes(a)) ?? null) : null;
  const suggested = computed(() => (linked.value || !here.value ? null : suggestionAmong(here.value, live.value)));
  const shown = computed(() => linked.value ?? suggested.value);
  /**
   * Whether this ticket has a statement to show whose approval is not checked yet (its people are
   * still being looked up, or could not be): the panel says why it shows none when the lookup failed.
   */
  const unchecked = computed(() => {
    const t = here.value;
    if (shown.value || !t) return false;
    const waiting = liveStatements(
      statements.value.filter((a) => approvalOf(a) === null),
      known.value,
    );
    return (linkedStatement(t, waiting) ?? suggestionAmong(t, waiting)) !== null;
  });
  /** On a problem ticket: its statement, when a lead made one. */
  const own = computed(() =>
    here.value?.type === 'problem' ? (verified.value.find((a) => a.problemTicketId === here.value!.id) ?? null) : null,
  );
  const mayMark = computed(() => isLead.value && !own.value && isLiveProblem(here.value ?? undefined));

  /** A statement changed while on screen: the agent is told (the panel shows the new words already). */
  const updated = signal(false);
  let seen: { id: string; version: string } | null = null;
  onDispose(
    effect(() => {
      const statement = shown.value;
      if (!statement) return;
      const version = versionOf(statement);
      if (seen?.id === statement.id && seen.version !== version) updated.value = true;
      seen = { id: statement.id, version };
    }),
  );

  /**
   * Links this ticket to the known issue's problem: one safe update setting `type: incident` and
   * `problem_id`, based on the ticket as last read. Someone else's change meanwhile is Zendesk's
   * 409: nothing is written, the ticket is read again and the agent looks again.
   */
  const link = createAction(
    async (statement: Answer) => {
      const t = here.value ?? unexpected();
      const problemId = statement.problemTicketId ?? unexpected();
      try {
        const saved = await updateTicketSafely(host, t.id, t.updated_at, { type: 'incident', problem_id: problemId });
        void facts.run(async () => keep([...[...known.value.values()].filter((t) => t.id !== saved.id), factsOf(saved)], false));
        return done();
      } catch (error) {
        if (error instanceof ApiError && error.isConflict) {
          await readFacts([...known.value.keys()], true);
          return conflict(null);
        }
        if (error instanceof ApiError && error.status === 422) throw new AppError('ui.known_issue.link_refused', { id: problemId });
        throw error;
      }
    },
    { report: status, done: 'ui.known_issue.linked', conflict: 'ui.known_issue.link_conflict' },
  );

  /** A lead marks this problem ticket as a known issue: an approved statement, written as that lead. */
  const mark = createAction(
    async (input: KnownIssueInput) => {
      const t = here.value ?? unexpected();
      if (!input.statement.trim()) return refused('ui.known_issue.statement_missing');
      const me = await lead.fresh();
      if (!me.isLead) return refused('ui.escalation.refused_not_lead');
      if (!isLiveProblem(t)) return refused('ui.known_issue.not_problem');
      const { markKnownIssue } = await loadWrites();
      const made = await markKnownIssue(host, { ticketId: t.id, subject: ticket.subject.value, leadId: me.userId, now: now(), ...input });
      await announceChange(host, library, instanceGuid, made).catch(() => undefined);
      await reload();
      return done();
    },
    { report: status, done: 'ui.known_issue.marked' },
  );

  return {
    /** The statement shown at the top of the panel, and whether it is this ticket's (linked) or a suggestion. */
    shown,
    unchecked,
    linked,
    suggested,
    own,
    mayMark,
    updated,
    dismissUpdated: () => (updated.value = false),
    /** Why this ticket's or the problems' read failed (the known issue cannot be shown), or null. */
    error: computed(() => (facts.state.value.status === 'error' ? facts.state.value.error : null)),
    retry: () => {
      const ids = wanted.value;
      if (ids) void readFacts(ids.split(',').map(Number));
    },
    link,
    mark,
  };
}
