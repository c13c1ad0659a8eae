import { computed, effect, signal } from '@preact/signals';
import { createResource } from '../../app/resource';
import { buildSearchQuery } from '../../domain/knowledge/query';
import type { AppSettings } from '../../domain/settings';
import { htmlToText } from '../../domain/html';
import { escapeHtml, excerpt, safeHttpUrl } from '../../domain/text';
import { searchArticles, type Article } from '../../host/api/helpCenter';
import { createFeedback } from '../../host/api/feedback';
import type { HostClient } from '../../host/client';
import { appendToReply } from '../../host/composer';
import type { CurrentUser } from '../../host/schemas';
import type { TicketModel } from '../ticket/model';

export type KnowledgeModel = ReturnType<typeof createKnowledgeModel>;
export type ActionResult = { ok: true } | { ok: false; error: unknown };

interface Deps {
  host: HostClient;
  settings: AppSettings;
  ticket: TicketModel;
  currentUser: CurrentUser;
  /** Waits between keystrokes of the manual search before asking Help Center. */
  debounceMs?: number;
}

export function createKnowledgeModel({ host, settings, ticket, currentUser, debounceMs = 300 }: Deps) {
  const suggestions = createResource<Article[]>();
  const manual = createResource<Article[]>();
  const manualQuery = signal('');
  const flagged = signal<ReadonlySet<number>>(new Set());
  const cache = new Map<string, Promise<Article[]>>();

  // The query comes from what the customer wrote (subject + latest requester comment), so the
  // agent's typing or replies never trigger a search.
  const customerQuery = computed(() => {
    const requesterId = ticket.requester.value?.id ?? -1;
    const comments = ticket.comments.value.map((c) => ({ authorId: c.author.id, body: htmlToText(c.value), htmlBody: c.value }));
    const built = buildSearchQuery({ subject: ticket.subject.value, comments, requesterId, locale: ticket.requester.value?.locale ?? undefined });
    return built.query || ticket.subject.value.trim();
  });
  const locale = computed(() => (ticket.requester.value?.locale || settings.helpCenterLocale).toLowerCase());

  /** One Help Center search per (locale, query) per ticket; the requester's language first, then the fallback. */
  function search(query: string): Promise<Article[]> {
    const key = `${locale.value}\u0000${query}`;
    let found = cache.get(key);
    if (!found) {
      const perPage = settings.suggestionCount;
      found = searchArticles(host, { query, locale: locale.value, perPage }).then((articles) =>
        articles.length || locale.value === settings.helpCenterLocale
          ? articles
          : searchArticles(host, { query, locale: settings.helpCenterLocale, perPage }),
      );
      found.catch(() => cache.delete(key));
      cache.set(key, found);
    }
    return found;
  }

  const loadSuggestions = () => {
    const query = customerQuery.value;
    if (query) void suggestions.run(() => search(query));
  };
  const stopSuggestions = effect(loadSuggestions);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const runManual = () => {
    const query = manualQuery.value.trim();
    if (query) void manual.run(() => search(query));
  };
  function setManualQuery(query: string) {
    manualQuery.value = query;
    clearTimeout(timer);
    if (query.trim()) timer = setTimeout(runManual, debounceMs);
  }

  const ticketId = () => ticket.id.value;

  /** Records which article was used on which ticket, for the leads, without tagging the ticket. */
  const recordUse = (article: Article, how: 'link' | 'quote') =>
    createFeedback(host, { kind: 'article_used', name: `${how}: ${article.title}`, ticketId: ticketId(), reporterId: currentUser.id, articleId: article.id }).catch(
      () => undefined,
    );

  async function attempt(run: () => Promise<unknown>): Promise<ActionResult> {
    try {
      await run();
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    }
  }

  function link(article: Article): Promise<ActionResult> {
    const url = safeHttpUrl(article.html_url);
    if (!url) return Promise.resolve({ ok: false, error: new Error('unsafe url') });
    return attempt(async () => {
      await appendToReply(host, {
        text: `${article.title}: ${url}`,
        html: `<p><a href="${escapeHtml(url)}">${escapeHtml(article.title)}</a></p>`,
      });
      void recordUse(article, 'link');
    });
  }

  function quote(article: Article): Promise<ActionResult> {
    const url = safeHttpUrl(article.html_url);
    if (!url) return Promise.resolve({ ok: false, error: new Error('unsafe url') });
    const words = excerpt(htmlToText(article.body ?? article.snippet ?? ''));
    return attempt(async () => {
      await appendToReply(host, {
        text: `"${words}"\n${article.title}: ${url}`,
        html: `<blockquote><p>${escapeHtml(words)}</p></blockquote><p><a href="${escapeHtml(url)}">${escapeHtml(article.title)}</a></p>`,
      });
      void recordUse(article, 'quote');
    });
  }

  function flag(article: Article, note: string): Promise<ActionResult> {
    return attempt(async () => {
      await createFeedback(host, {
        kind: 'outdated_article',
        name: `Outdated: ${article.title}`,
        ticketId: ticketId(),
        reporterId: currentUser.id,
        articleId: article.id,
        note: note.trim(),
      });
      flagged.value = new Set([...flagged.value, article.id]);
    });
  }

  return {
    suggestions: suggestions.state,
    manual: manual.state,
    manualQuery,
    flagged,
    customerQuery,
    setManualQuery,
    retry: () => {
      cache.clear();
      loadSuggestions();
    },
    retryManual: () => {
      cache.clear();
      runManual();
    },
    link,
    quote,
    flag,
    dispose: () => {
      stopSuggestions();
      clearTimeout(timer);
    },
  };
}
