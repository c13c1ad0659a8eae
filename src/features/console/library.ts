import { computed, effect, signal } from '@preact/signals';
import { conflict, createAction, done, refused, type Outcome, type Report } from '../../app/action';
import type { LeadAccess } from '../../app/lead';
import { onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import { onceEach, stableList } from '../../app/memo';
import { nextTask } from '../../app/slices';
import type { SessionCache } from '../../app/sessionCache';
import { pairMacros, type MacroLink } from '../../domain/answers/macros';
import { approvalPeople, contentFingerprint, verifyApproval, type Approval } from '../../domain/answers/approval';
import { isStatement } from '../../domain/answers/knownIssue';
import { reviewStatus } from '../../domain/answers/review';
import { reviewNoteProblem, sendBackPeople, sentBack, type SentBack } from '../../domain/answers/sendBack';
import { answerUses } from '../../domain/metrics';
import { foldText } from '../../domain/text';
import type { AppSettings } from '../../domain/settings';
import { getAnswer, listAnswers, versionOf, type Answer } from '../../host/api/answers';
import { updateAnswer } from '../../host/api/answerWrites';
import { listMacros, type Macro } from '../../host/api/macros';
import type { FeedbackRecord } from '../../host/api/feedback';
import { listOpenFeedback, markFeedbackHandled } from '../../host/api/feedbackReview';
import { exportTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import { HostTimeoutError, WriteNotAppliedError, WriteUncertainError } from '../../host/errors';
import { createDrafts, type Drafts } from './drafts';
import { createAnswerLibrary } from '../answers/cachedLibrary';
import { announceChange } from '../answers/sync';

export type LibraryFilter = 'all' | 'approved' | 'due' | 'proposals' | 'retired';
export type LibrarySort = 'recent' | 'used' | 'due';
export const LIBRARY_SORTS: readonly LibrarySort[] = ['recent', 'used', 'due'];

export interface LibraryRow {
  answer: Answer;
  dueAt: Date | null;
  overdue: boolean;
  uses: number;
  /** Open "not right for this ticket" reports about it: the ones no lead has handled yet. */
  misfits: number;
  /** The approval as Zendesk's records bear it out (domain/answers/approval.ts); null until the people are known. */
  approval: Approval | null;
  /**
   * How a record marked approved reads in the console: borne out, not borne out, or not checked
   * yet (its people are not known); null for a record not marked approved.
   */
  check: 'verified' | 'unverified' | 'unchecked' | null;
  /** The lead's send-back a proposal is under, as Zendesk's records bear it out (domain/answers/sendBack.ts). */
  sentBack: SentBack | null;
  /** The macro the answer replaces, once the macros are read; null when it names none or they are not. */
  macro: MacroLink<Macro> | null;
}

type People = Map<number, { name: string; isLead: boolean }>;

const dayStamp = (date: Date) => date.toISOString().slice(0, 10);

/** Whether an answer holds every word of `query` in its title, summary, text, examples, tags or language: the query is read once for all answers. */
export function queryMatcher(query: string): (answer: Answer) => boolean {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (!words.length) return () => true;
  return (answer) => {
    const text = foldText([answer.title, answer.summary, answer.body, ...answer.examples, ...answer.tags, answer.locale ?? ''].join('\n'));
    return words.every((word) => text.includes(word));
  };
}

/** What the library's order reads of a row. */
type SortKeys = Pick<LibraryRow, 'answer' | 'uses' | 'dueAt'>;

/**
 * One collator for every sort: `localeCompare` sets one up for every comparison, and a frame's
 * first collator costs it 10 to 20 ms (the model's `prepare` makes it ahead).
 */
let titles: Intl.Collator | null = null;
const titleCollator = () => (titles ??= new Intl.Collator());

/** Recently changed first; most used first; due for review soonest first (never due last). Ties by title. */
export function sortRows<R extends SortKeys>(rows: readonly R[], sort: LibrarySort): R[] {
  const collator = titleCollator();
  const byTitle = (a: R, b: R) => collator.compare(a.answer.title, b.answer.title);
  // Zendesk's timestamps are ISO 8601 in UTC: their text sorts as their time.
  const newer = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  const key: Record<LibrarySort, (a: R, b: R) => number> = {
    recent: (a, b) => newer(a.answer.updatedAt, b.answer.updatedAt),
    used: (a, b) => b.uses - a.uses,
    due: (a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity),
  };
  return [...rows].sort((a, b) => key[sort](a, b) || byTitle(a, b));
}

export function createLibraryModel(deps: {
  host: HostClient;
  settings: AppSettings;
  lead: LeadAccess;
  now: () => Date;
  /** The session's copy of the library that sidebars read (features/answers/library.ts). */
  cache: SessionCache;
  /** This instance, which needs no message about its own changes. */
  instanceGuid: string;
  /** The lead's unsaved edits (drafts.ts); none are kept when not given. */
  drafts?: Drafts;
}) {
  const { host, settings, lead, now, cache, instanceGuid } = deps;
  const drafts = deps.drafts ?? createDrafts(null, 0);
  const sidebarLibrary = createAnswerLibrary(host, cache);
  const answers = createResource<Answer[]>();
  /** The agents' reports no lead has handled yet (Zendesk filters them). */
  const feedback = createResource<FeedbackRecord[]>();
  const usage = createResource<Map<string, number>>();
  /** Names and lead status of the approvers, last writers, reporters and proposers shown. */
  const people = createResource<People>();
  /** The account's macros: read once per library load when an answer names one, or when the editor needs the list. */
  const macros = createResource<Macro[]>();
  const filter = signal<LibraryFilter>('all');
  const query = signal('');
  const sort = signal<LibrarySort>('recent');
  /** The answer open in the editor, from the library or from a report about it. */
  const editing = signal<string | null>(null);

  /** Each answer's content fingerprint, taken once, page by page as the library is read (readLibrary). */
  const fingerprintOf = onceEach((answer: Answer) => contentFingerprint(answer));
  /**
   * Each answer's approval and send-back as Zendesk's records bear them out, worked out once per
   * answer and lookup of its people: the rows are worked out again as the library arrives and on
   * every change of the usage, the feedback or the macros, and checking 5,000 answers each time
   * took long tasks.
   */
  const checked = new WeakMap<Answer, { known: People; approval: Approval | null; sentBack: SentBack | null }>();
  const checkOf = (answer: Answer, known: People | undefined) => {
    if (!known) return { approval: null, sentBack: null };
    const kept = checked.get(answer);
    if (kept?.known === known) return kept;
    const isLead = (id: number) => known.get(id)?.isLead ?? false;
    const approval = approvalPeople([answer]).every((id) => known.has(id))
      ? verifyApproval(answer, isLead, () => fingerprintOf(answer))
      : null;
    const check = { known, approval, sentBack: sentBack(answer, isLead) };
    checked.set(answer, check);
    return check;
  };

  /** Each approved answer's review date, worked out from its approval once. */
  const dueOf = onceEach(
    (answer: Answer) =>
      reviewStatus(
        answer.status === 'approved' ? answer.approvedAt : null,
        answer.reviewIntervalDays,
        settings.answerReviewDays,
        new Date(0),
      ).dueAt,
  );
  /** Each answer's last row: kept while nothing it shows changed, so the rows' figures are not worked out again for all. */
  const lastRows = new WeakMap<Answer, LibraryRow>();

  /**
   * The rows of the answers read so far: a long library shows its first pages while the rest is
   * read. The same list while no row changed, so what is worked out from it is not worked out again.
   */
  const sameRows = stableList<LibraryRow>();
  const list = computed(() => ('data' in answers.state.value ? (answers.state.value.data ?? []) : []));
  const noUses = new Map<string, number>();
  const uses = computed(() => (usage.state.value.status === 'ready' ? usage.state.value.data : noUses));
  const usesOf = (answer: Answer, counts: Map<string, number>) => (counts.size ? (counts.get(answer.id.toLowerCase()) ?? 0) : 0);
  const rows = computed<LibraryRow[]>(() => {
    const records = feedback.state.value.status === 'ready' ? feedback.state.value.data : [];
    const counts = uses.value;
    const known = 'data' in people.state.value ? people.state.value.data : undefined;
    const macroList = 'data' in macros.state.value ? macros.state.value.data : undefined;
    const macroLinks = macroList ? pairMacros(list.value, macroList) : undefined;
    const misfits = new Map<string, number>();
    for (const r of records) {
      const id = r.custom_object_fields.answer_id;
      if (r.custom_object_fields.kind === 'misfit' && id) misfits.set(id, (misfits.get(id) ?? 0) + 1);
    }
    const at = now().getTime();
    const next = list.value.map((answer): LibraryRow => {
      const dueAt = dueOf(answer);
      const overdue = dueAt !== null && dueAt.getTime() <= at;
      const useCount = usesOf(answer, counts);
      const misfitCount = misfits.get(answer.id) ?? 0;
      const { approval, sentBack: sentBackBy } = checkOf(answer, known);
      // A macro link is made anew with every pairing: a row naming a macro is made anew too (few do).
      const macro = macroLinks?.get(answer.id) ?? null;
      const last = lastRows.get(answer);
      if (
        last &&
        last.overdue === overdue &&
        last.uses === useCount &&
        last.misfits === misfitCount &&
        last.approval === approval &&
        last.sentBack === sentBackBy &&
        last.macro === null &&
        macro === null
      )
        return last;
      const row: LibraryRow = {
        answer,
        dueAt,
        overdue,
        uses: useCount,
        misfits: misfitCount,
        approval,
        check: answer.status !== 'approved' ? null : !approval ? 'unchecked' : approval.kind === 'approved' ? 'verified' : 'unverified',
        sentBack: sentBackBy,
        macro,
      };
      lastRows.set(answer, row);
      return row;
    });
    return sameRows(next);
  });

  /** Every answer's row once the whole library is read, none before: figures are not made from part of it. */
  const completeRows = computed(() => (answers.state.value.status === 'ready' ? rows.value : []));

  /**
   * Each answer's place in the chosen order, worked out again only when the answers, the order or
   * (for "most used") the usage change. The rows change too when their checks arrive: sorting
   * 5,000 titles again then was a third of a long task.
   */
  const places = computed(() => {
    const order = sort.value;
    const counts = order === 'used' ? uses.value : noUses;
    const keys = list.value.map((answer) => ({ answer, uses: usesOf(answer, counts), dueAt: dueOf(answer) }));
    return new Map(sortRows(keys, order).map(({ answer }, place) => [answer, place]));
  });

  /** The rows that pass the filter and the search, in the chosen order. */
  const visible = computed(() => {
    const matches = queryMatcher(query.value);
    const shown = rows.value.filter(({ answer, overdue }) => {
      // Known-issue statements have a tab of their own (KnownIssuesTab.tsx).
      if (isStatement(answer) || !matches(answer)) return false;
      switch (filter.value) {
        case 'approved':
          return answer.status === 'approved';
        case 'due':
          return answer.status === 'approved' && overdue;
        case 'proposals':
          return answer.status === 'draft';
        case 'retired':
          return answer.status === 'retired';
        default:
          return true;
      }
    });
    const place = places.value;
    // Each row put at its place: no comparison, and the holes of the rows left out are skipped.
    const ordered = new Array<LibraryRow>(place.size);
    for (const row of shown) ordered[place.get(row.answer)!] = row;
    return ordered.filter(() => true);
  });

  async function readUsage(): Promise<Map<string, number>> {
    const since = new Date(now().getTime() - 30 * 86_400_000);
    return answerUses((await exportTickets(host, `updated>${dayStamp(since)}`)).tickets);
  }

  /** Looks up everyone the library and the feedback name (users already known this session are not asked for again). */
  function lookUpPeople() {
    const read = list.value;
    const records = 'data' in feedback.state.value ? (feedback.state.value.data ?? []) : [];
    const reporters = records.map((r) => Number(r.custom_object_fields.reporter_id)).filter((id) => Number.isInteger(id) && id > 0);
    // Who proposed a draft is who made the record, as Zendesk recorded it.
    const proposers = read.flatMap((a) => (a.status === 'draft' && a.createdById !== null ? [a.createdById] : []));
    return people.run(() => lead.people([...approvalPeople(read), ...sendBackPeople(read), ...reporters, ...proposers]));
  }

  const loadMacros = () => macros.run(() => listMacros(host));

  /** Reads the macros when an answer names one: a library without any asks Zendesk nothing. */
  function macrosIfNamed() {
    if (list.value.some((a) => a.replacesMacroId !== null)) void loadMacros();
  }

  /**
   * The whole library, shown as it arrives: after its first page, then each time it has doubled.
   * Every showing sorts all the rows again, so a long library is shown a few times, not once a page.
   * Read most recently written first, so the first rows shown in the default order are the ones it
   * keeps once the whole library is read.
   */
  function readLibrary(show: (partial: Answer[]) => void): Promise<Answer[]> {
    let shownLength = 0;
    const onPage = (soFar: Answer[]) => {
      // Fingerprinted and dated page by page: their approvals are checked all at once, when the people are known.
      for (const answer of soFar) {
        fingerprintOf(answer);
        dueOf(answer);
      }
      if (soFar.length < 2 * shownLength) return;
      shownLength = soFar.length;
      show(soFar);
    };
    return listAnswers(host, onPage);
  }

  /** The read under way, shared: a load while the console reads the library waits for that read rather than making another. */
  let reading: Promise<void> | null = null;

  function load(): Promise<void> {
    reading ??= Promise.all([
      Promise.all([answers.run(readLibrary), feedback.run(() => listOpenFeedback(host))]).then(async () => {
        // The whole library's rows are shown first; their approvals are checked in a task of their own (5,000 at once were a long task).
        await nextTask();
        macrosIfNamed();
        return lookUpPeople();
      }),
      usage.run(readUsage),
    ]).then(() => {
      reading = null;
    });
    return reading;
  }

  const replace = (answer: Answer) => {
    const state = answers.state.value;
    if (state.status === 'ready') void answers.run(async () => state.data.map((a) => (a.id === answer.id ? answer : a))).then(lookUpPeople);
  };

  /**
   * Writes a change only if the record is still the version the lead edited (`versionOf`: its
   * revision and `updated_at`); otherwise returns the newer version so the lead can choose.
   * Custom object records have no conditional write, so the check reads the record right before
   * the write, the write counts the revision up, and the record is read again after it: another
   * save that landed in between shows there as a version that is not ours (a conflict, never a
   * silent loss). Only a lead saves here (checked at each save); a change to the content of an
   * approved answer is that lead's approval of the new content, stamped with its fingerprint.
   */
  async function save(id: string, basedOn: string, change: Partial<Answer>): Promise<Outcome<Answer, Answer>> {
    let latest: Answer;
    const write: Partial<Answer> = { ...change };
    try {
      // Lead status is checked at action time, not when the console opened: it may have been revoked since.
      const [me, found] = await Promise.all([lead.fresh(), getAnswer(host, id)]);
      latest = found;
      if (!me.isLead) return refused('ui.escalation.refused_not_lead');
      if (versionOf(latest) !== basedOn) return conflict(latest);
      const next = { ...latest, ...change };
      const contentChanged = contentFingerprint(next) !== contentFingerprint(latest);
      if (change.status === 'approved' || (contentChanged && next.status === 'approved')) {
        Object.assign(write, {
          status: 'approved',
          approvedById: me.userId,
          approvedAt: now().toISOString(),
          approvalFingerprint: contentFingerprint(next),
        });
      }
      // A send-back lasts until the next save: approving, retiring or editing ends it (domain/answers/sendBack.ts).
      if (change.reviewNote === undefined && latest.reviewNote) write.reviewNote = '';
      write.revision = latest.revision + 1;
    } catch (error) {
      return { kind: 'failed', error };
    }
    let written: Answer | null = null;
    try {
      written = await updateAnswer(host, id, write, latest);
    } catch (error) {
      // A write that timed out may still have been applied: only a fresh read can tell.
      if (!(error instanceof HostTimeoutError)) return { kind: 'failed', error };
    }
    const expected = { ...latest, ...write };
    let stored: Answer;
    try {
      stored = await getAnswer(host, id);
    } catch {
      if (!written) return { kind: 'failed', error: new WriteUncertainError(`save ${id}`) };
      stored = written;
    }
    if (!isOurs(stored, expected)) {
      if (!written && versionOf(stored) === versionOf(latest)) return { kind: 'failed', error: new WriteNotAppliedError(`save ${id}`) };
      return conflict(stored);
    }
    replace(stored);
    // Open sidebars must not go on offering what the lead just changed.
    await announceChange(host, sidebarLibrary, instanceGuid, stored).catch(() => undefined);
    return done(stored);
  }

  /** The console's status line: the last of its actions. */
  const status = signal<Report | null>(null);
  // A confirmation belongs to the list the lead acted on: another filter, search or order clears it.
  onDispose(
    effect(() => {
      void [filter.value, query.value, sort.value];
      status.value = null;
    }),
  );

  /** A change of status from a list; on conflict the list is read again, so the lead sees what changed. */
  const setStatus = (to: Answer['status'], doneKey: string) =>
    createAction(
      async (answer: Answer) => {
        const result = await save(answer.id, versionOf(answer), { status: to });
        if (result.kind === 'conflict') void load();
        return result;
      },
      { report: status, done: doneKey, conflict: 'ui.console.changed_meanwhile' },
    );

  /** Editing in the editor, which shows a conflict and a failure itself. */
  const edit = createAction(async (id: string, basedOn: string, change: Partial<Answer>) => {
    const result = await save(id, basedOn, change);
    // Only the editor's own save ends its draft; Approve, Retire or an added example keep it.
    if (result.kind === 'done') drafts.clear(id);
    return result;
  });

  /**
   * Sends a proposal back to its proposer with a note on what to change: it stays a draft, the note
   * is stored with it, and the proposer is told (features/background/watcher.ts).
   */
  const sendBack = createAction(
    async (answer: Answer, note: string): Promise<Outcome<Answer, Answer>> => {
      const problem = reviewNoteProblem(note);
      if (problem) return refused(`ui.console.send_back_${problem}`);
      if (answer.status !== 'draft') return refused('ui.console.send_back_not_proposal');
      const result = await save(answer.id, versionOf(answer), { reviewNote: note.trim() });
      if (result.kind === 'conflict') void load();
      return result;
    },
    { report: status, done: 'ui.console.sent_back', conflict: 'ui.console.changed_meanwhile' },
  );

  /** Marks agent feedback handled; an example phrasing is added to its answer first, when asked. */
  const handle = createAction(
    async (record: FeedbackRecord, addTo?: Answer): Promise<Outcome<void, Answer>> => {
      const note = record.custom_object_fields.note;
      if (!(await lead.fresh()).isLead) return refused('ui.escalation.refused_not_lead');
      if (addTo && note) {
        const result = await save(addTo.id, versionOf(addTo), { examples: [...addTo.examples, note] });
        if (result.kind !== 'done') return result;
      }
      const updated = await markFeedbackHandled(host, record.id);
      // The console holds the open reports only: a handled one leaves them.
      const state = feedback.state.value;
      if (state.status === 'ready') void feedback.run(async () => state.data.filter((r) => r.id !== updated.id));
      return done();
    },
    { report: status, done: 'ui.console.handled', conflict: 'ui.console.changed_meanwhile' },
  );

  return {
    answers: answers.state,
    feedback: feedback.state,
    usage: usage.state,
    people: people.state,
    /** Looks up again who wrote and approved the answers, after a failed lookup. */
    lookUpPeople,
    macros: macros.state,
    loadMacros,
    rows,
    completeRows,
    visible,
    filter,
    query,
    sort,
    editing,
    load,
    /** Makes what the library's order needs ahead, while the library is read. */
    prepare: () => void titleCollator(),
    status,
    edit,
    // Approve and mark reviewed are one write: it stamps the approving lead, today and the content's fingerprint.
    approve: setStatus('approved', 'ui.console.approved'),
    review: setStatus('approved', 'ui.console.reviewed'),
    retire: setStatus('retired', 'ui.console.retired'),
    sendBack,
    handle,
    drafts,
  };
}

/** Whether the stored record is the one this save wrote: its revision, content and status. */
function isOurs(stored: Answer, expected: Answer): boolean {
  return (
    stored.revision === expected.revision &&
    stored.status === expected.status &&
    stored.reviewNote === expected.reviewNote &&
    contentFingerprint(stored) === contentFingerprint(expected)
  );
}
export type LibraryModel = ReturnType<typeof createLibraryModel>;
