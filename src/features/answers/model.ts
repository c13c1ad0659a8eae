import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { createAction, done, type Report } from '../../app/action';
import { AppError, unexpected } from '../../app/errors';
import { buildModel, onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import type { LeadAccess } from '../../app/lead';
import { approvalPeople, contentFingerprint, verifyApproval, type Approval } from '../../domain/answers/approval';
import { placeholderValues } from '../../domain/answers/placeholders';
import { reviewStatus } from '../../domain/answers/review';
import { languageOf, pickLocaleVariant } from '../../domain/locale';
import type { MatchResult } from '../../domain/matching';
import { answerTag } from '../../domain/answers/usage';
import { misfitOptions, type ReportedMisfit } from '../../domain/answers/misfits';
import { isVariant } from '../../domain/answers/variants';
import type { AppSettings } from '../../domain/settings';
import { getAnswer, type Answer } from '../../host/api/answers';
import { createFeedback, misfitsSince, openExamples } from '../../host/api/feedback';
import type { ProposedExample } from '../../domain/answers/provisional';
import type { HostClient } from '../../host/client';
import { appendToReply } from '../../host/composer';
import type { CurrentUser } from '../../host/schemas';
import type { TicketModel } from '../ticket/model';
import { customerWords } from '../ticket/language';
import type { TextAnalysis } from '../../domain/textAnalysis';
import type { SessionCache } from '../../app/sessionCache';
import type { AnswerLibrary } from './cachedLibrary';
import { onLibraryChange, type LibraryChange } from './sync';
import { sessionMatcher, type SessionMatcher } from './sessionMatcher';
import type { KnownIssuePart } from './knownIssuePart';

export type AnswersModel = ReturnType<typeof createAnswersModel>;

interface Deps {
  host: HostClient;
  settings: AppSettings;
  ticket: TicketModel;
  currentUser: CurrentUser;
  library: AnswerLibrary;
  /** Names and lead status of users, for verifying approvals (app/lead.ts). */
  people: LeadAccess['people'];
  /** Loads the matcher (a chunk of its own), fetched alongside the answer library. */
  analysis: () => Promise<TextAnalysis>;
  now: () => Date;
  /** The agent's session cache: what was reported on a ticket is read once per few minutes; the trained matcher. */
  cache: SessionCache;
  /** The agent's lead status, for marking known issues. */
  lead: Pick<LeadAccess, 'cached' | 'fresh'>;
  /** This instance, which needs no message about its own library changes. */
  instanceGuid: string;
}

/**
 * The misfits reported on every ticket are read once per session and again every few minutes (one
 * search and one read of their tickets' subjects for all tickets meanwhile); the agent's own
 * reports are added as they are sent. Those of the last 90 days count: a ticket is rarely open
 * longer, and the read stays small.
 */
const MISFITS_FRESH_MS = 5 * 60 * 1000;
const MISFITS_KEY = 'misfits:recent';
const MISFITS_DAYS = 90;
/** How long the session takes the open example proposals as read (one search for every ticket meanwhile); the agent's own are added as they are sent. */
const PROPOSED_FRESH_MS = 10 * 60 * 1000;
const PROPOSED_KEY = 'examples:open';

type Person = { name: string; isLead: boolean };

export function createAnswersModel({
  host,
  settings,
  ticket,
  currentUser,
  library,
  people,
  analysis,
  now,
  cache,
  lead,
  instanceGuid,
}: Deps) {
  const answers = createResource<Answer[]>();
  const chosenId = signal<string | null>(null);
  const inserted = signal<string | null>(null);
  /** Users looked up for approvals; an answer whose people are not known yet is still being checked. */
  const known = signal<ReadonlyMap<number, Person>>(new Map());
  const tools = signal<TextAnalysis | null>(null);
  /**
   * The "not right for this ticket" reports: every ticket's, read from Zendesk's feedback records
   * with the library (so they hold for every agent and after a reload), and this agent's own as
   * they are sent (a read made meanwhile may not have them yet).
   */
  const reportsRead = signal<readonly ReportedMisfit[]>([]);
  const reportsSent = signal<readonly ReportedMisfit[]>([]);
  /** Example phrasings agents proposed that no lead has handled yet: the matcher learns from them provisionally. */
  const proposed = signal<ProposedExample[]>([]);

  /** Approved answers and known-issue statements; a statement shows only for its outage (knownIssue.ts), never as a match. */
  const approvedAll = computed(() => {
    const state = answers.state.value;
    return 'data' in state && state.data ? state.data.filter((a) => a.status === 'approved') : [];
  });
  const approved = computed(() => approvedAll.value.filter((a) => a.problemTicketId === null));
  const byId = computed(() => new Map(approved.value.map((a) => [a.id, a])));
  /**
   * The matcher for the approved answers. Training takes seconds on a large library, so it runs
   * once per agent session, off this frame where the browser allows: the session's shared worker
   * holds it for every sidebar (sessionMatcher.ts). Until a new one is ready the previous one
   * serves (none at first), and a superseded training stops.
   */
  const matcher = signal<SessionMatcher | null>(null);
  const training = signal(false);
  onDispose(
    effect(() => {
      const tool = tools.value;
      const list = approved.value;
      const extra = proposed.value;
      if (!tool) return;
      // Nothing to match before the library is in (nor in an empty one): no training, and no entry
      // for an empty library replacing the session's trained one.
      if (!list.length) {
        training.value = false;
        return;
      }
      const stop = new AbortController();
      training.value = true;
      // The input's name for the session: the library's copy and the proposals added to it.
      const state = answers.state.value;
      const copy = 'data' in state && state.data ? library.copyOf(state.data) : undefined;
      const name = copy === undefined ? undefined : `${copy}:${JSON.stringify(extra)}`;
      // Only the matcher's input takes the proposals (domain/answers/provisional.ts): the records, and what is shown as approved, stay the lead's.
      sessionMatcher(cache, tool, tool.withProvisional(list, extra), stop.signal, { name }).then(
        (built) => {
          if (!built) return;
          matcher.value = built;
          training.value = false;
        },
        () => (training.value = false),
      );
      return () => stop.abort();
    }),
  );

  /** This ticket's reports rule their answers out; other tickets' keep theirs from a ticket like them. */
  const reported = computed(() => misfitOptions([...reportsRead.value, ...reportsSent.value], approved.value)(ticket.id.value));
  const excluded = computed(() => reported.value.exclude);
  const { text: customerText, language: customerLanguage } = customerWords(ticket, tools);

  /**
   * The match for the ticket as it reads now. The matcher answers in its own time (from the shared
   * worker); until it does, the last match stands and the panel counts as still matching.
   */
  const match = signal<MatchResult | null>(null);
  const asking = signal(false);
  onDispose(
    effect(() => {
      const ready = matcher.value;
      if (!approved.value.length || !ready) {
        match.value = null;
        return;
      }
      const query = {
        subject: ticket.subject.value,
        text: customerText.value,
        tags: ticket.tags.value,
        locale: ticket.requesterLocale.value,
      };
      let latest = true;
      asking.value = true;
      const settle = (result: MatchResult | null) => {
        if (!latest) return;
        match.value = result;
        asking.value = false;
      };
      ready.match(query, reported.value).then(settle, () => settle(null));
      return () => (latest = false);
    }),
  );

  /** An answer's language variants among the approved ones (itself among them). */
  const variantsOf = (answer: Answer) => approved.value.filter((a) => isVariant(answer, a));
  /** The same answer in the requester's language, when a variant with the same tags exists. */
  const inLocale = (answer: Answer) => pickLocaleVariant(variantsOf(answer), ticket.requesterLocale.value) ?? answer;

  const candidates = computed(() => {
    const result = match.value;
    if (!result) return [];
    const ids = [...(result.best ? [result.best.id] : []), ...result.alternates.map((a) => a.id)];
    const seen = new Set<string>();
    return ids
      .map((id) => byId.value.get(id))
      .filter((a): a is Answer => a !== undefined)
      .map(inLocale)
      .filter((a) => !excluded.value.has(a.id) && !seen.has(a.id) && seen.add(a.id));
  });

  const current = computed(() => {
    const chosen = chosenId.value ? byId.value.get(chosenId.value) : undefined;
    if (chosen) return chosen;
    return match.value?.best ? (candidates.value[0] ?? null) : null;
  });

  /**
   * The answer on screen is in another language than the customer wrote in: say so, and offer its
   * variant in their language when the library has one. Zendesk's locale for the requester picks a
   * variant by itself (inLocale); the written language is a guess, so it only offers one.
   */
  const language = computed(() => {
    const answer = current.value;
    const customer = customerLanguage.value;
    if (!answer?.locale || !customer || languageOf(answer.locale) === customer) return null;
    const variant = variantsOf(answer).find((a) => a.locale && languageOf(a.locale) === customer);
    return { answer: languageOf(answer.locale), customer, variant: variant ?? null };
  });

  const values = computed(() =>
    placeholderValues(
      { id: ticket.id.value, subject: ticket.subject.value, requester: ticket.requester.value },
      { name: currentUser.name },
    ),
  );
  // The Markdown parser comes with the text analysis: an answer is on screen only once the matcher (or the agent) chose it.
  const filled = computed(() => (current.value && tools.value ? tools.value.fillAnswer(current.value.body, values.value) : null));

  /** The approval as Zendesk's records bear it out, or null while its people are being looked up. */
  const approvalOf = (answer: Answer, people: ReadonlyMap<number, Person>): Approval | null => {
    if (approvalPeople([answer]).some((id) => !people.has(id))) return null;
    return verifyApproval(answer, (id) => people.get(id)?.isLead ?? false);
  };

  const trust = computed(() => {
    const answer = current.value;
    if (!answer) return null;
    const review = reviewStatus(answer.approvedAt, answer.reviewIntervalDays, settings.answerReviewDays, now());
    const approval = approvalOf(answer, known.value);
    const nameOf = (id: number | null) => (id !== null ? (known.value.get(id)?.name ?? null) : null);
    return {
      approval,
      approvedAt: answer.approvedAt,
      approver: approval?.kind === 'approved' ? nameOf(approval.approverId) : null,
      changedBy: approval?.kind === 'changed' ? nameOf(approval.byId) : null,
      overdue: review.overdue,
    };
  });

  /**
   * Why the people behind the approvals could not be looked up, with the answers that wait for them:
   * their approvals stay unchecked (nothing is inserted) until a retry reads them.
   */
  const lookupFailed = signal<{ error: unknown; waiting: Answer[] } | null>(null);
  async function lookUp(list: Answer[]) {
    const missing = approvalPeople(list).filter((id) => !known.value.has(id));
    if (!missing.length) return;
    let found: Map<number, Person>;
    try {
      found = await people(missing);
    } catch (error) {
      lookupFailed.value = { error, waiting: [...(lookupFailed.peek()?.waiting ?? []), ...list] };
      return;
    }
    const next = new Map(known.value);
    for (const [id, person] of found) next.set(id, person);
    // A user Zendesk no longer has is nobody's lead.
    for (const id of missing) if (!next.has(id)) next.set(id, { name: '', isLead: false });
    known.value = next;
  }

  /** The answers Zendesk has recorded as not right for a ticket, this one's and others', from the session's read of every ticket's. */
  async function misfits(force: boolean): Promise<ReportedMisfit[]> {
    const hit = force ? null : cache.get<ReportedMisfit[]>(MISFITS_KEY, MISFITS_FRESH_MS);
    if (hit) return hit.value;
    const all = await misfitsSince(host, new Date(now().getTime() - MISFITS_DAYS * 24 * 60 * 60 * 1000));
    cache.set(MISFITS_KEY, all);
    return all;
  }

  /** Adds this agent's own new records to the session's copy of a list read for every ticket, if it holds one. */
  function addToSession<T>(key: string, maxAgeMs: number, mine: T[]) {
    const hit = cache.get<T[]>(key, maxAgeMs);
    if (hit) cache.set(key, [...hit.value, ...mine]);
  }

  /**
   * The open example proposals: one filtered search per session, read again every few minutes, whatever the ticket.
   * They only add to the matcher, so a failed read leaves the panel on the lead's examples (and the next load reads again).
   */
  async function proposals(force: boolean): Promise<ProposedExample[]> {
    const hit = force ? null : cache.get<ProposedExample[]>(PROPOSED_KEY, PROPOSED_FRESH_MS);
    if (hit) return hit.value;
    const [records, tool] = await Promise.all([openExamples(host).catch(() => null), analysis()]);
    if (!records) return [];
    const found = tool.proposedExamples(records);
    cache.set(PROPOSED_KEY, found);
    return found;
  }

  async function load(force = false) {
    await answers.run(async () => {
      const [list, loaded, reports, open] = await Promise.all([library.load(force), analysis(), misfits(force), proposals(force)]);
      tools.value = loaded;
      reportsRead.value = reports;
      proposed.value = open;
      return list;
    });
  }
  void load();
  // Names only for the answers this ticket may show, not the whole library, once the matcher chose them.
  onDispose(
    effect(() => {
      const shown = candidates.value;
      if (shown.length) void lookUp(shown);
    }),
  );

  /** The panel's status line: the last of its actions. */
  const status = signal<Report | null>(null);

  /**
   * Another instance (the console) changed an answer: show the library as it is now. The session's
   * copy usually holds the change already (the console put it there); otherwise (storage blocked in
   * this frame, an older sender) that record is read.
   */
  async function refresh({ id, version }: LibraryChange) {
    try {
      if (!version || !library.holds(id, version)) library.remember(await getAnswer(host, id));
      await load();
    } catch {
      // A record that cannot be read now (deleted, network): read the whole library again.
      await load(true);
    }
  }
  onDispose(onLibraryChange(host, (change) => void refresh(change)));

  /**
   * Known issues (their model and view) download after the first paint, as the text analysis does:
   * most tickets have none, and the panel's answer never waits for them.
   */
  const knownIssue = signal<KnownIssuePart | null>(null);
  let disposed = false;
  onDispose(() => {
    disposed = true;
    knownIssue.peek()?.model.dispose();
  });
  void import('./knownIssuePart')
    .then(({ createKnownIssueModel, KnownIssueSection }) => {
      if (disposed) return;
      const model = buildModel(() =>
        createKnownIssueModel({
          host,
          ticket,
          lead,
          library,
          instanceGuid,
          approved: approvedAll,
          approvalOf: (answer) => approvalOf(answer, known.value),
          lookUp,
          tools,
          customerText,
          reload: () => load(),
          status,
          now,
          cache,
        }),
      );
      knownIssue.value = { model, Section: KnownIssueSection };
    })
    // A part that fails to download leaves the panel as it was without known issues.
    .catch(() => undefined);

  /**
   * Inserts exactly the answer the agent saw (the matched one, or the known issue's statement), and only if it is still lead-approved: the record is
   * re-read and compared with the one shown (a change means the panel refreshes and the agent looks
   * again), and its approval is verified afresh. The ticket is tagged cla_<id> first, so that a
   * failed tag never leaves a reply the agent might insert twice.
   */
  const insert = createAction(
    async (statement?: Answer) => {
      const answer = statement ?? shown();
      const latest = await getAnswer(host, answer.id);
      if (latest.status !== 'approved') {
        library.remember(latest);
        await load();
        throw new RetiredAnswerError();
      }
      if (latest.updatedAt !== answer.updatedAt || contentFingerprint(latest) !== contentFingerprint(answer)) {
        library.remember(latest);
        await load();
        throw new ChangedAnswerError();
      }
      const fresh = await people(approvalPeople([latest]));
      if (verifyApproval(latest, (id) => fresh.get(id)?.isLead ?? false).kind !== 'approved') throw new UnverifiedAnswerError();
      // The body's Markdown subset, from the tree the panel shows: escaped HTML or plain text, by the composer's mode.
      const text = tools.value ?? (await analysis());
      const { blocks } = text.fillAnswer(latest.body, values.value);
      await host.invoke('ticket.tags.add', answerTag(latest.id));
      await appendToReply(host, { text: text.toPlainText(blocks), html: text.toHtml(blocks) });
      // The offer of another example phrasing is for matched answers; a statement's examples are the lead's.
      if (!statement) inserted.value = latest.id;
      return done();
    },
    { report: status, done: 'ui.answers.done_insert' },
  );

  /** The answer on screen; an action without one is a slip of the view, said as a generic failure. */
  const shown = () => current.value ?? unexpected();

  const reportMisfit = createAction(
    async (note: string) => {
      const answer = shown();
      await createFeedback(host, {
        kind: 'misfit',
        name: `Not right: ${answer.title}`,
        ticketId: ticket.id.value,
        reporterId: currentUser.id,
        answerId: answer.id,
        note: note.trim(),
      });
      // Not offered again on this ticket: the next answer shows if it is confident on its own.
      const mine: ReportedMisfit = { ticketId: ticket.id.value, answerId: answer.id, subject: ticket.subject.value };
      reportsSent.value = [...reportsSent.value, mine];
      addToSession(MISFITS_KEY, MISFITS_FRESH_MS, [mine]);
      chosenId.value = null;
      return done();
    },
    { report: status, done: 'ui.answers.done_misfit' },
  );

  /** After an insert: offer this ticket's subject as another example phrasing, for the lead to approve. */
  const suggestExample = createAction(
    async () => {
      const id = inserted.value ?? unexpected();
      const record = await createFeedback(host, {
        kind: 'example',
        name: `Example: ${ticket.subject.value}`,
        ticketId: ticket.id.value,
        reporterId: currentUser.id,
        answerId: id,
        note: ticket.subject.value,
      });
      // It counts provisionally at once: for this sidebar and, through the session's copy, the next ones.
      const mine = tools.value?.proposedExamples([record]) ?? [];
      proposed.value = [...proposed.value, ...mine];
      addToSession(PROPOSED_KEY, PROPOSED_FRESH_MS, mine);
      inserted.value = null;
      return done();
    },
    { report: status, done: 'ui.answers.done_example' },
  );

  return {
    library: answers.state,
    /** True while the matcher trains on a new library or works on the ticket: no answer is "none" yet. */
    matching: computed(() => training.value || asking.value),
    match: match as ReadonlySignal<MatchResult | null>,
    candidates,
    current,
    language,
    filled,
    trust,
    inserted,
    knownIssue: knownIssue as ReadonlySignal<KnownIssuePart | null>,
    /** An answer with the ticket's details filled in, as the panel shows it; null until the text analysis is here. */
    fill: (answer: Answer) => tools.value?.fillAnswer(answer.body, values.value) ?? null,
    // Another answer on screen: what was reported about the last one no longer stands beside it.
    choose: (id: string | null) => {
      chosenId.value = id;
      inserted.value = null;
      status.value = null;
    },
    status,
    insert,
    reportMisfit,
    suggestExample,
    dismissExample: () => (inserted.value = null),
    retry: () => load(true),
    /** Why the approvals on screen cannot be checked (who wrote and approved them could not be looked up), or null. */
    approvalLookupError: computed(() => lookupFailed.value?.error ?? null),
    retryApprovals: () => {
      const waiting = lookupFailed.peek()?.waiting ?? [];
      lookupFailed.value = null;
      void lookUp(waiting);
    },
  };
}

/** The answer was retired since the panel showed it. */
class RetiredAnswerError extends AppError {
  constructor() {
    super('ui.answers.retired');
  }
}
/** The answer changed since the panel showed it: the agent looks at the new version first. */
class ChangedAnswerError extends AppError {
  constructor() {
    super('ui.answers.changed_look_again');
  }
}
/** The record says approved, but what Zendesk recorded does not bear it out. */
class UnverifiedAnswerError extends AppError {
  constructor() {
    super('ui.answers.unverified');
  }
}
