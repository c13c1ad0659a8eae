import { computed, effect, signal } from '@preact/signals';
import { createAction, done, refused, type Report } from '../../app/action';
import { unexpected } from '../../app/errors';
import { loadOnce } from '../../app/loadOnce';
import { nextTask } from '../../app/slices';
import { createResource } from '../../app/resource';
import type { SessionCache } from '../../app/sessionCache';
import { normalizeLocale, otherThanEnglish, searchLocaleFor } from '../../domain/locale';
import type { AppSettings } from '../../domain/settings';
import { htmlToText } from '../../domain/html';
import { inert } from '../../domain/answers/placeholders';
import { escapeHtml, excerpt, safeHttpUrl } from '../../domain/text';
import { getArticle, isRestricted, searchArticles, withoutBody, type Article } from '../../host/api/helpCenter';
import type { ExternalRecord, UnifiedResult } from '../../host/api/unifiedSearch';
import { createFeedback } from '../../host/api/feedback';
import type { HostClient } from '../../host/client';
import { appendToReply } from '../../host/composer';
import type { CurrentUser } from '../../host/schemas';
import type { TextAnalysis } from '../../domain/textAnalysis';
import type { SuggestionSearch, WeightedTerms } from '../../domain/knowledge/relevance';
import type { SearchQuery } from '../../domain/knowledge/query';
import { onDispose } from '../../app/model';
import type { TicketModel } from '../ticket/model';
import { customerWords } from '../ticket/language';
import { knownHelpCenterLocales, readHelpCenterLocales } from './locales';

export type KnowledgeModel = ReturnType<typeof createKnowledgeModel>;

/** A result in the panel: a Help Center article, or a record from a connected source (Confluence, Guru, …). */
export type KnowledgeItem = Article | ExternalRecord;
export const isExternal = (item: KnowledgeItem): item is ExternalRecord => 'source' in item;
/** What identifies a result in the panel: an article's id, a record's URL. */
export const itemKey = (item: KnowledgeItem) => (isExternal(item) ? item.url : item.id);

/** Set for the session once Unified Search answered that the account does not have it. */
const UNIFIED_OFF_KEY = 'hc:unified-off';
const SESSION_MS = 24 * 3600 * 1000;

const RESULTS_MAX_AGE_MS = 15 * 60 * 1000;

/** Unified Search's code: a chunk of its own, downloaded with the query builder, after the first paint. */
const loadUnified = loadOnce(() => import('../../host/api/unifiedSearch'));
/** English words for a customer's, with the glossary: a chunk downloaded only for a customer who wrote in another language. */
const loadEnglish = loadOnce(() => import('../../domain/knowledge/english'));

interface Deps {
  host: HostClient;
  settings: AppSettings;
  ticket: TicketModel;
  currentUser: CurrentUser;
  cache: SessionCache;
  /** Loads the query builder (a chunk of its own). */
  analysis: () => Promise<TextAnalysis>;
  /** Waits between keystrokes of the manual search before asking Help Center. */
  debounceMs?: number;
}

export function createKnowledgeModel({ host, settings, ticket, currentUser, cache, analysis, debounceMs = 300 }: Deps) {
  const suggestions = createResource<KnowledgeItem[]>();
  const manual = createResource<KnowledgeItem[]>();
  const manualQuery = signal('');
  const flagged = signal<ReadonlySet<number | string>>(new Set());
  const tools = signal<TextAnalysis | null>(null);

  // The query comes from what the customer wrote (subject + latest requester comment), so the
  // agent's typing or replies never trigger a search.
  /** The requester's and the agent's names: never part of a query, a cache key or a request. */
  const names = computed(() => [ticket.requester.value?.name ?? '', currentUser.name]);
  const builtQuery = computed(
    () => tools.value?.ticketQuery({ ...ticket.thread.value, locale: ticket.requesterLocale.value, names: names.value }) ?? null,
  );
  const customerQuery = computed(() => builtQuery.value?.query ?? '');

  // Started with the model, so the list is usually here before the query builder is.
  let localesRead: Promise<string[]> | null = null;
  const readLocales = () =>
    (localesRead ??= readHelpCenterLocales(host, cache).catch(() => {
      localesRead = null;
      return [settings.helpCenterLocale];
    }));
  void readLocales();

  const fetchArticles = (query: string, locale: string, perPage = settings.suggestionCount) =>
    searchArticles(host, { query, locale, perPage });

  /** The language the customer wrote in decides the Help Center locale, not only their profile. */
  const { language } = customerWords(ticket, tools);
  const searchLocale = (available: readonly string[] | null) =>
    searchLocaleFor(language.value, ticket.requesterLocale.value, available, settings.helpCenterLocale);
  const fallbackLocale = normalizeLocale(settings.helpCenterLocale);
  const articleText = (article: Article) => ({ title: article.title, body: htmlToText(article.body ?? '') });

  /** The suggestions' searches: in an English locale, a customer's words in another language go in English (domain/knowledge/english). */
  const notEnglish = () => otherThanEnglish(language.value);
  async function suggestionSearches(query: SearchQuery, locales: string[]): Promise<SuggestionSearch<SearchQuery>[]> {
    const lang = notEnglish();
    const english = lang ? await loadEnglish().catch(() => null) : null; // a failed download searches as written
    return english?.suggestionSearches(query, lang, locales) ?? locales.map((locale) => ({ locale, query }));
  }

  /**
   * One Help Center search per (locale, query) per agent session, in the customer's language if
   * the Help Center has it, else in the fallback locale from the settings. While the list of
   * locales is still on its way (a session's first ticket), the search starts in the likeliest
   * locale at the same time: one round trip instead of two when the guess is right.
   * Suggestions are the results about what the customer wrote (up to the setting's count), chosen
   * from a page of results, else from the fallback locale, else none (see domain/knowledge/relevance).
   * What the agent searches for is shown as found.
   */
  async function search(query: string, suggested: SearchQuery | null): Promise<Article[]> {
    const suggest = suggested && tools.value;
    if (suggest && notEnglish()) void loadEnglish().catch(() => undefined); // downloading while the locales are read
    const perPage = suggest ? suggest.SUGGESTION_POOL : settings.suggestionCount;
    const known = knownHelpCenterLocales(cache);
    const guess = searchLocale(known ?? null);
    const early = known ? null : fetchArticles(query, guess, perPage);
    early?.catch(() => undefined); // awaited below only if the guess was right
    const available = known ?? (await readLocales());
    const locale = searchLocale(available);
    const key = `hc:${perPage}:${suggest ? 'suggested' : 'searched'}:${locale}:${query}`;
    const hit = cache.get<Article[]>(key, RESULTS_MAX_AGE_MS);
    if (hit) return hit.value;
    const fetchIn = (l: string, q = query) => (early && l === guess && q === query ? early : fetchArticles(q, l, perPage));
    const found = suggest
      ? await suggest.suggestArticles(
          (s) => fetchIn(s.locale, s.query.query),
          await suggestionSearches(suggested, [locale, fallbackLocale]),
          articleText,
          settings.suggestionCount,
        )
      : await fetchIn(locale);
    cache.set(key, found.map(withoutBody));
    return found;
  }

  /**
   * The records of the sources connected to Zendesk, from Unified Search in the same locales as the
   * articles: for a ticket's suggestions, those about what the customer wrote, weighed against
   * every result of a page (see domain/knowledge/relevance); what the agent searches for, as found.
   * Where the account has no Unified Search (403/404) it is not asked again this session; any
   * failure leaves the articles alone, so the agent only misses the other sources.
   */
  async function searchExternal(query: string, suggested: WeightedTerms | null): Promise<ExternalRecord[]> {
    if (cache.get<boolean>(UNIFIED_OFF_KEY, SESSION_MS)) return [];
    const suggest = suggested && tools.value;
    const pageSize = suggest ? suggest.SUGGESTION_POOL : settings.suggestionCount;
    const available = knownHelpCenterLocales(cache) ?? (await readLocales());
    const locales = [...new Set([searchLocale(available), fallbackLocale])];
    const key = `hc:unified:${suggest ? 'suggested' : 'searched'}:${settings.suggestionCount}:${locales.join(',')}:${query}`;
    const hit = cache.get<ExternalRecord[]>(key, RESULTS_MAX_AGE_MS);
    if (hit) return hit.value;
    const unified = await loadUnified().catch(() => null); // a failed download is tried again at the next search
    if (!unified) return [];
    try {
      const choose = suggest ? (page: UnifiedResult[]) => suggest.relevantOnPage(page, suggested) : undefined;
      const records = (await unified.searchExternalRecords(host, { query, locales, pageSize }, choose)).slice(0, settings.suggestionCount);
      cache.set(key, records);
      return records;
    } catch (error) {
      if (unified.unifiedSearchUnavailable(error)) cache.set(UNIFIED_OFF_KEY, true);
      return [];
    }
  }

  /** Articles first (a ticket's suggestions in their own ranking, a search as Help Center ranks it), then the other sources' records. */
  async function searchAll(query: string, suggested: SearchQuery | null): Promise<KnowledgeItem[]> {
    const [articles, records] = await Promise.all([search(query, suggested), searchExternal(query, suggested)]);
    return [...articles, ...records];
  }

  const loadSuggestions = () => {
    const query = customerQuery.value;
    const terms = builtQuery.value;
    if (query && terms) void suggestions.run(() => searchAll(query, terms));
  };
  onDispose(effect(loadSuggestions));
  /** Until the query builder is here the suggestions are loading; once it is, the effect above starts the search, which supersedes this run. */
  const prepare = () =>
    void suggestions.run(async () => {
      void loadUnified().catch(() => undefined); // downloading beside the query builder
      const loaded = await analysis();
      // The ticket's query is built in a task of its own: in a cold sidebar the chunk's evaluation
      // and the query (its patterns' first use) took one task together, 60 ms and more.
      await nextTask();
      tools.value = loaded;
      return [];
    });
  prepare();

  let timer: ReturnType<typeof setTimeout> | undefined;
  onDispose(() => clearTimeout(timer));
  const runManual = () => {
    if (!manualQuery.value.trim()) return;
    void manual.run(async () => {
      const query = (tools.value ?? (await analysis())).scrubQuery(manualQuery.value, names.value);
      return query ? searchAll(query, null) : [];
    });
  };
  function setManualQuery(query: string) {
    manualQuery.value = query;
    clearTimeout(timer);
    if (query.trim()) timer = setTimeout(runManual, debounceMs);
  }

  const ticketId = () => ticket.id.value;

  /** The title leads see in a record: a connected source's record names its source. */
  const titleFor = (item: KnowledgeItem) => (isExternal(item) ? `${item.title} (${item.source})` : item.title);

  /** Records which result was used on which ticket, for the leads, without tagging the ticket. */
  const recordUse = (item: KnowledgeItem, how: 'link' | 'quote') =>
    createFeedback(host, {
      kind: 'article_used',
      name: `${how}: ${titleFor(item)}`,
      ticketId: ticketId(),
      reporterId: currentUser.id,
      articleId: isExternal(item) ? undefined : item.id,
      articleTitle: titleFor(item),
    }).catch(() => undefined);

  /** The panel's status line: the last of its actions. */
  const status = signal<Report | null>(null);

  /** A result's link, only if it is a plain web address (the buttons are disabled otherwise). */
  const urlOf = (item: KnowledgeItem) => safeHttpUrl(isExternal(item) ? item.url : item.html_url) ?? unexpected();

  const link = createAction(
    async (article: KnowledgeItem) => {
      const url = urlOf(article);
      await appendToReply(host, {
        // A plain-text reply is Markdown to Zendesk: the title must not become a link or a placeholder.
        text: `${inert(article.title)}: ${url}`,
        html: `<p><a href="${escapeHtml(url)}">${escapeHtml(article.title)}</a></p>`,
      });
      void recordUse(article, 'link');
      return done();
    },
    { report: status, done: 'ui.knowledge.done_linked' },
  );

  const quote = createAction(
    async (article: Article, confirmed = false) => {
      // An article only a user segment may read is not quoted into a reply without the agent saying so.
      if (isRestricted(article) && !confirmed) return refused('ui.knowledge.restricted_warning');
      const url = urlOf(article);
      // Bodies are not kept in the session cache: a result read from it is read again here.
      const body = article.body ?? (article.locale ? (await getArticle(host, article.locale, article.id)).body : null);
      const words = excerpt(htmlToText(body ?? article.snippet ?? ''));
      await appendToReply(host, {
        text: `"${inert(words)}"\n${inert(article.title)}: ${url}`,
        html: `<blockquote><p>${escapeHtml(words)}</p></blockquote><p><a href="${escapeHtml(url)}">${escapeHtml(article.title)}</a></p>`,
      });
      void recordUse(article, 'quote');
      return done();
    },
    { report: status, done: 'ui.knowledge.done_quoted' },
  );

  const flag = createAction(
    async (item: KnowledgeItem, note: string) => {
      await createFeedback(host, {
        kind: 'outdated_article',
        name: `Outdated: ${titleFor(item)}`,
        ticketId: ticketId(),
        reporterId: currentUser.id,
        articleId: isExternal(item) ? undefined : item.id,
        articleTitle: titleFor(item),
        // A record has no id the feedback object can hold: its address goes with the note.
        note: isExternal(item) ? `${note.trim()}\n${urlOf(item)}` : note.trim(),
      });
      flagged.value = new Set([...flagged.value, itemKey(item)]);
      return done();
    },
    { report: status, done: 'ui.knowledge.done_flagged' },
  );

  return {
    suggestions: suggestions.state,
    manual: manual.state,
    manualQuery,
    flagged,
    customerQuery,
    setManualQuery,
    retry: () => (tools.value ? loadSuggestions() : prepare()),
    retryManual: runManual,
    status,
    link,
    quote,
    flag,
  };
}
