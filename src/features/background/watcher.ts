import * as z from 'zod/mini';
import type { LeadAccess, LeadStatus } from '../../app/lead';
import type { SessionCache } from '../../app/sessionCache';
import { sendBackPeople, sentBack } from '../../domain/answers/sendBack';
import { decisionOnRequest } from '../../domain/escalation';
import type { AppSettings } from '../../domain/settings';
import { escapeHtml, longText, shortText } from '../../domain/text';
import { escalationHistory } from '../../host/api/escalation';
import { searchTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import type { I18n } from '../../i18n';
import { createAnswerLibrary } from '../answers/cachedLibrary';

const WATCH_INTERVAL_MS = 5 * 60 * 1000;
/** Zendesk: "It can take up to a few minutes for new tickets ... to be indexed for search". */
const INDEX_LAG_MS = 10 * 60 * 1000;
/** Audit reads one decision check may make; more candidates wait for the next check. */
const MAX_TRAILS_PER_CHECK = 10;

interface WatchDeps {
  host: HostClient;
  lead: LeadAccess;
  i18n: I18n;
  intervalMs?: number;
  now?: () => Date;
}

/**
 * Runs `check` every interval once the signed-in user is known and `wanted` says so. Search
 * finds a change only once it is indexed, which can be after the check that should have found
 * it, so each check searches back over the index lag again (never before the watcher started):
 * `from` is that bound, and a check calls `done()` when it has handled everything up to its start.
 */
function watchEvery(
  { lead, intervalMs = WATCH_INTERVAL_MS, now = () => new Date() }: WatchDeps,
  wanted: (me: LeadStatus) => boolean,
  check: (me: LeadStatus, from: string, done: () => void, startedAt: number) => Promise<void>,
): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const startedAt = now().getTime();
  let since = startedAt;
  const run = async (me: LeadStatus) => {
    const checkedAt = now().getTime();
    const from = new Date(Math.max(startedAt, since - INDEX_LAG_MS)).toISOString();
    try {
      await check(me, from, () => (since = checkedAt), startedAt);
    } catch {
      // A failed check is retried at the next interval; nothing is lost because `since` stays put.
    }
  };
  void lead.cached().then(
    (me) => {
      if (stopped || !wanted(me)) return;
      timer = setInterval(() => void run(me), intervalMs);
    },
    () => undefined,
  );
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/**
 * Tells a lead about new escalation requests without opening the ticket: the background
 * location asks Zendesk search for requested tickets every few minutes and shows a Zendesk
 * notice for each one not seen before. Only leads, and only when notify_leads is on.
 */
export function startRequestWatcher(deps: WatchDeps & { settings: AppSettings }): () => void {
  const { host, settings, i18n } = deps;
  if (!settings.notifyLeads) return () => undefined;
  const seen = new Set<number>();
  return watchEvery(
    deps,
    (me) => me.isLead,
    async (_me, from, done) => {
      const { tickets } = await searchTickets(host, `tags:escalation_requested updated>${from}`, 1, 100);
      for (const ticket of tickets) {
        if (seen.has(ticket.id)) continue;
        seen.add(ticket.id);
        // Zendesk renders a notice as HTML: the customer's subject goes in as escaped, shortened text.
        const subject = escapeHtml(shortText(ticket.subject));
        await host.invoke('notify', i18n.t('ui.background.new_request', { id: ticket.id, subject }), 'notice', { sticky: true });
      }
      done();
    },
  );
}

/** Tickets a lead decided on (escalated, declined, resolved) that the signed-in agent commented on. */
const DECIDED_QUERY = 'tags:escalation_escalated tags:escalation_none tags:escalation_resolved commenter:me';

/**
 * Tells the agent who asked for an escalation when a lead decides on it: one search every few
 * minutes for decided tickets the agent commented on (a request's note is a comment), then the
 * audits of those not read before at their current version, at most a few per check. Who asked
 * and who decided come from the audits (a decision counts only if Zendesk records a lead making
 * it), never from the notes; decisions made before the watcher started are not news.
 */
export function startDecisionWatcher(deps: WatchDeps): () => void {
  const { host, lead, i18n } = deps;
  const read = new Set<string>();
  const told = new Set<number>();
  return watchEvery(
    deps,
    () => true,
    async (me, from, done, startedAt) => {
      const { tickets } = await searchTickets(host, `${DECIDED_QUERY} updated>${from}`, 1, 100);
      const unread = tickets.filter((t) => !read.has(`${t.id}@${t.updated_at}`));
      for (const ticket of unread.slice(0, MAX_TRAILS_PER_CHECK)) {
        const history = await escalationHistory(host, ticket.id);
        const people = await lead.people(history.changes.map((c) => c.authorId));
        read.add(`${ticket.id}@${ticket.updated_at}`);
        const decision = decisionOnRequest(history, me.userId, (id) => people.get(id)?.isLead);
        if (!decision || told.has(decision.change.auditId) || Date.parse(decision.change.at) < startedAt) continue;
        told.add(decision.change.auditId);
        // Zendesk renders a notice as HTML: names and reasons go in as escaped text.
        const vars = {
          id: ticket.id,
          name: escapeHtml(shortText(people.get(decision.change.authorId)?.name ?? `#${decision.change.authorId}`)),
          reason: escapeHtml(longText(decision.reason)),
        };
        const key = decision.kind === 'declined' && decision.reason ? 'decided_declined_reason' : `decided_${decision.kind}`;
        await host.invoke('notify', i18n.t(`ui.background.${key}`, vars), 'notice', { sticky: true });
      }
      if (unread.length <= MAX_TRAILS_PER_CHECK) done();
    },
  );
}

/** Read back from storage any frame of this origin can write: checked like any other input. */
const ToldSchema = z.array(z.string());

/**
 * The send-backs this user was told about, kept in localStorage so a send-back made while they
 * were away is told at their next sign-in, once. Without storage (blocked in a third-party frame),
 * only send-backs after the watcher started are news, as for decisions.
 */
function toldSendBacks(storage: Storage | null, userId: number) {
  const key = `closed-loop:v1:sent-back-told:${userId}`;
  let told = new Set<string>();
  try {
    const raw = storage?.getItem(key);
    const parsed = raw ? ToldSchema.safeParse(JSON.parse(raw)) : null;
    if (parsed?.success) told = new Set(parsed.data);
  } catch {
    // Unreadable or not ours: start afresh.
  }
  return {
    remembers: storage !== null,
    has: (id: string) => told.has(id),
    /** Keeps only the send-backs still open (the list never grows past them). */
    keep(ids: string[]) {
      told = new Set(ids);
      try {
        storage?.setItem(key, JSON.stringify(ids));
      } catch {
        // Storage full or blocked: this session still remembers.
      }
    },
  };
}

/**
 * Tells an agent when a lead sends one of their proposals back: every few minutes the session's
 * copy of the answer library is brought up to date (one small request when nothing changed:
 * features/answers/cachedLibrary.ts) and searched for drafts this agent made (Zendesk's
 * `created_by_user_id`) whose last write is a lead's with a note (domain/answers/sendBack.ts).
 * One notice per send-back (a send-back is one write: its `updated_at`).
 */
export function startSendBackWatcher(deps: WatchDeps & { cache: SessionCache; storage: Storage | null }): () => void {
  const { host, lead, i18n, cache, storage } = deps;
  const library = createAnswerLibrary(host, cache);
  let told: ReturnType<typeof toldSendBacks> | null = null;
  return watchEvery(
    deps,
    () => true,
    async (me, _from, done, startedAt) => {
      told ??= toldSendBacks(storage, me.userId);
      const remembered = told;
      const mine = (await library.current()).filter(
        (a) =>
          a.createdById === me.userId &&
          a.status === 'draft' &&
          a.reviewNote.trim() &&
          (remembered.remembers || Date.parse(a.updatedAt) >= startedAt),
      );
      const people = mine.length ? await lead.people(sendBackPeople(mine)) : new Map<number, never>();
      const open: string[] = [];
      for (const answer of mine) {
        const found = sentBack(answer, (id) => people.get(id)?.isLead ?? false);
        if (!found) continue;
        const key = `${answer.id}@${answer.updatedAt}`;
        open.push(key);
        if (remembered.has(key)) continue;
        // Zendesk renders a notice as HTML: names, titles and notes go in as escaped text.
        const vars = {
          name: escapeHtml(shortText(people.get(found.byId)?.name ?? `#${found.byId}`)),
          title: escapeHtml(shortText(answer.title)),
          note: escapeHtml(longText(found.note)),
        };
        await host.invoke('notify', i18n.t('ui.background.sent_back', vars), 'notice', { sticky: true });
      }
      remembered.keep(open);
      done();
    },
  );
}
