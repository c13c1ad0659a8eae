import { computed, signal } from '@preact/signals';
import { attempt, type Attempt } from '../../app/attempt';
import { createResource } from '../../app/resource';
import type { SessionCache } from '../../app/sessionCache';
import { placeholderValues, renderPlaceholders } from '../../domain/answers/placeholders';
import { reviewStatus } from '../../domain/answers/review';
import { htmlToText } from '../../domain/html';
import { pickLocaleVariant } from '../../domain/locale';
import type { MatchResult } from '../../domain/matching';
import { answerTag } from '../../domain/answers/usage';
import type { AppSettings } from '../../domain/settings';
import { getAnswer, type Answer } from '../../host/api/answers';
import { createFeedback } from '../../host/api/feedback';
import { getUsers } from '../../host/api/users';
import type { HostClient } from '../../host/client';
import { appendToReply, textToHtml } from '../../host/composer';
import type { CurrentUser } from '../../host/schemas';
import type { TicketModel } from '../ticket/model';
import type { TextAnalysis } from '../sidebar/textAnalysis';
import type { AnswerLibrary } from './library';

export type AnswersModel = ReturnType<typeof createAnswersModel>;
export type Step = Attempt;

interface Deps {
  host: HostClient;
  settings: AppSettings;
  ticket: TicketModel;
  currentUser: CurrentUser;
  library: AnswerLibrary;
  cache: SessionCache;
  /** Loads the matcher (a chunk of its own), fetched alongside the answer library. */
  analysis: () => Promise<TextAnalysis>;
  now: () => Date;
}

/** Two answers are language variants of each other when they share most of their match tags. */
function isVariant(a: Answer, b: Answer): boolean {
  if (a.id === b.id) return true;
  if ((a.locale ?? '') === (b.locale ?? '')) return false;
  const shared = a.tags.filter((t) => b.tags.includes(t)).length;
  return shared >= 2 && shared * 2 >= Math.min(a.tags.length, b.tags.length);
}

export function createAnswersModel({ host, settings, ticket, currentUser, library, cache, analysis, now }: Deps) {
  const answers = createResource<Answer[]>();
  const chosenId = signal<string | null>(null);
  const inserted = signal<string | null>(null);
  const approverNames = signal<ReadonlyMap<number, string>>(new Map());
  const tools = signal<TextAnalysis | null>(null);

  const approved = computed(() => {
    const state = answers.state.value;
    return 'data' in state && state.data ? state.data.filter((a) => a.status === 'approved') : [];
  });
  const byId = computed(() => new Map(approved.value.map((a) => [a.id, a])));
  const matcher = computed(() =>
    tools.value?.createMatcher(
      approved.value.map((a) => ({
        id: a.id,
        title: a.title,
        summary: a.summary,
        examples: a.examples,
        tags: a.tags,
        locale: a.locale ?? undefined,
      })),
    ),
  );
  const requesterLocale = computed(() => ticket.requester.value?.locale ?? undefined);

  const match = computed<MatchResult | null>(() => {
    const tool = tools.value;
    if (!approved.value.length || !tool || !matcher.value) return null;
    const requesterId = ticket.requester.value?.id ?? -1;
    const comments = ticket.comments.value.map((c) => ({ authorId: c.author.id, body: htmlToText(c.value), htmlBody: c.value }));
    const text = tool.customerText({ subject: ticket.subject.value, comments, requesterId });
    return matcher.value.match({ subject: ticket.subject.value, text, tags: ticket.tags.value, locale: requesterLocale.value });
  });

  /** The same answer in the requester's language, when a variant with the same tags exists. */
  const inLocale = (answer: Answer) =>
    pickLocaleVariant(
      approved.value.filter((a) => isVariant(answer, a)),
      requesterLocale.value,
    ) ?? answer;

  const candidates = computed(() => {
    const result = match.value;
    if (!result) return [];
    const ids = [...(result.best ? [result.best.id] : []), ...result.alternates.map((a) => a.id)];
    const seen = new Set<string>();
    return ids
      .map((id) => byId.value.get(id))
      .filter((a): a is Answer => a !== undefined)
      .map(inLocale)
      .filter((a) => !seen.has(a.id) && seen.add(a.id));
  });

  const current = computed(() => {
    const chosen = chosenId.value ? byId.value.get(chosenId.value) : undefined;
    if (chosen) return chosen;
    return match.value?.best ? (candidates.value[0] ?? null) : null;
  });

  const values = computed(() =>
    placeholderValues(
      { id: ticket.id.value, subject: ticket.subject.value, requester: ticket.requester.value },
      { name: currentUser.name },
    ),
  );
  const filled = computed(() => (current.value ? renderPlaceholders(current.value.body, values.value) : null));

  const trust = computed(() => {
    const answer = current.value;
    if (!answer) return null;
    const review = reviewStatus(answer.approvedAt, answer.reviewIntervalDays, settings.answerReviewDays, now());
    const approver = answer.approvedById ? (approverNames.value.get(answer.approvedById) ?? null) : null;
    return { approvedAt: answer.approvedAt, approver, overdue: review.overdue };
  });

  async function loadApprovers(list: Answer[]) {
    const key = 'user-names';
    const known = new Map(cache.get<[number, string][]>(key, Number.POSITIVE_INFINITY)?.value ?? []);
    const missing = [...new Set(list.map((a) => a.approvedById).filter((id): id is number => id !== null && !known.has(id)))];
    if (missing.length) {
      const users = await getUsers(host, missing).catch(() => []);
      for (const user of users) known.set(user.id, user.name);
      cache.set(key, [...known]);
    }
    approverNames.value = known;
  }

  async function load(force = false) {
    await answers.run(async () => {
      const [list, loaded] = await Promise.all([library.load(force), analysis()]);
      tools.value = loaded;
      return list;
    });
    const state = answers.state.value;
    if (state.status === 'ready') {
      // Names only for the answers this ticket may show, not the whole library.
      const shown = candidates.value;
      if (shown.length) void loadApprovers(shown);
    }
  }
  void load();

  /**
   * Inserts the filled answer in the composer's mode and tags the ticket cla_<id> (additively,
   * through the ticket form) so adoption can be counted. The record is re-read first: an answer
   * retired since the library was cached is never inserted.
   */
  function insert(): Promise<Step> {
    const answer = current.value;
    if (!answer) return Promise.resolve({ ok: false, error: new Error('no answer') });
    return attempt(async () => {
      const latest = await getAnswer(host, answer.id);
      library.remember(latest);
      if (latest.status !== 'approved') {
        await load();
        throw new RetiredAnswerError();
      }
      // Answer bodies are plain text: in a rich-text reply every character is escaped, markup included.
      const text = renderPlaceholders(latest.body, values.value).text;
      await appendToReply(host, { text, html: textToHtml(text) });
      await host.invoke('ticket.tags.add', answerTag(latest.id));
      inserted.value = latest.id;
    });
  }

  function reportMisfit(note: string): Promise<Step> {
    const answer = current.value;
    if (!answer) return Promise.resolve({ ok: false, error: new Error('no answer') });
    return attempt(() =>
      createFeedback(host, {
        kind: 'misfit',
        name: `Not right: ${answer.title}`,
        ticketId: ticket.id.value,
        reporterId: currentUser.id,
        answerId: answer.id,
        note: note.trim(),
      }),
    );
  }

  /** After an insert: offer this ticket's subject as another example phrasing, for the lead to approve. */
  function suggestExample(): Promise<Step> {
    const id = inserted.value;
    if (!id) return Promise.resolve({ ok: false, error: new Error('nothing inserted') });
    return attempt(async () => {
      await createFeedback(host, {
        kind: 'example',
        name: `Example: ${ticket.subject.value}`,
        ticketId: ticket.id.value,
        reporterId: currentUser.id,
        answerId: id,
        note: ticket.subject.value,
      });
      inserted.value = null;
    });
  }

  return {
    library: answers.state,
    match,
    candidates,
    current,
    filled,
    trust,
    inserted,
    choose: (id: string | null) => {
      chosenId.value = id;
      inserted.value = null;
    },
    insert,
    reportMisfit,
    suggestExample,
    dismissExample: () => (inserted.value = null),
    retry: () => load(true),
    dispose: () => undefined,
  };
}

export class RetiredAnswerError extends Error {}
