/**
 * `npm run bench`: size, speed and REST economy of the built app, and retrieval quality of the
 * knowledge query builder. Prints one JSON object (figures, not pass/fail: tests assert behaviour).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { htmlToText } from '../src/domain/html';
import { customerText, ticketQuery } from '../src/domain/knowledge/query';
import { relevantOnPage, SUGGESTION_POOL, suggestArticles } from '../src/domain/knowledge/relevance';
import { suggestionSearches } from '../src/domain/knowledge/english';
import type { UnifiedResult } from '../src/host/api/unifiedSearch';
import { detectLanguage } from '../src/domain/language';
import { languageOf, searchLocaleFor } from '../src/domain/locale';
import { ArticleIndex } from '../playground/api/search';
import type { Article } from '../playground/api/store';
import { build } from 'vite';
import { startPlayground } from '../playground/server';
import setup from '../tests/e2e/globalSetup';
import type { Frame, Page } from 'playwright-core';
import { startSession, type Session } from '../tests/e2e/harness';
import { evaluateAnswers } from './answer-eval';
import { bankingAnswers, benchMatching } from './bench-matching';
import { contentFingerprint } from '../src/domain/answers/approval';
import { locationBundleSize, SIDEBAR_DEFERRED } from './bundle-size';

const root = new URL('..', import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

type KnowledgeEntry = { subject: string; body: string; locale: string; relevant_article_ids: number[]; relevant_record_urls: string[] };

/**
 * The knowledge panel's suggestions on the labelled tickets: the articles (ranked offline by the
 * playground's search engine) and the connected sources' records and community posts (from the
 * playground's Unified Search at `base`), before (Help Center's and Unified Search's own ranking)
 * and as the app chooses them (domain/knowledge/relevance's suggestArticles): MRR of the first right
 * article, the wrong articles among the three shown, and the tickets no article answers left empty.
 */
async function retrievalQuality(base: string) {
  const entries = readJson<KnowledgeEntry[]>('playground/fixtures/knowledge_eval.json');
  const articles = readJson<Article[]>('playground/fixtures/help_center/articles.json');
  const index = new ArticleIndex(articles);
  const available = [...new Set(articles.map((a) => a.locale))];
  const fallback = 'en-us';
  const text = (a: Article) => ({ title: a.title, body: htmlToText(a.body) });
  const unifiedPage = async (query: string, locales: string[], size: number) => {
    const params = new URLSearchParams({ query, 'filter[locales]': [...new Set(locales)].join(','), 'page[size]': String(size) });
    const response = await fetch(new URL(`/api/v2/guide/search?${params}`, base));
    return ((await response.json()) as { results: UnifiedResult[] }).results;
  };
  // The playground serves its Help Center's URLs at its own address.
  const path = (url: string) => url.replace(/^https?:\/\/[^/]+\/hc\//, '/hc/');
  const run = async (app: boolean) => {
    let reciprocal = 0;
    let wrong = 0;
    let answerable = 0;
    let quietOnNone = 0;
    let recordsShown = 0;
    let wrongRecords = 0;
    let rightRecordFound = 0;
    for (const entry of entries) {
      const input = { subject: entry.subject, comments: [{ authorId: 1, body: entry.body }], requesterId: 1, locale: entry.locale };
      const query = ticketQuery(input);
      const q = query.query;
      const searchWith = (words: string, l: string, perPage: number) =>
        index
          .search(words, l)
          .slice(0, perPage)
          .map((r) => r.article);
      const search = (l: string, perPage: number) => searchWith(q, l, perPage);
      let shown: Article[];
      let records: UnifiedResult[];
      if (app) {
        const language = detectLanguage(customerText(input)) ?? languageOf(entry.locale);
        const locale = searchLocaleFor(language, entry.locale, available, fallback);
        // The setting's default count (manifest.json): 5.
        shown = await suggestArticles(
          (s) => Promise.resolve(searchWith(s.query.query, s.locale, SUGGESTION_POOL)),
          suggestionSearches(query, language, [locale, fallback]),
          text,
          5,
        );
        records = relevantOnPage(await unifiedPage(q, [locale, fallback], SUGGESTION_POOL), query);
      } else {
        const locale = searchLocaleFor(null, entry.locale, available, fallback);
        shown = search(locale, 5);
        if (!shown.length) shown = search(fallback, 5);
        records = await unifiedPage(q, [locale, fallback], 5);
      }
      records = records.filter((r) => r.type !== 'ARTICLE').slice(0, 5);
      const rightRecords = entry.relevant_record_urls.map(path);
      recordsShown += records.length;
      wrongRecords += records.filter((r) => !rightRecords.includes(path(r.url))).length;
      if (records.some((r) => rightRecords.includes(path(r.url)))) rightRecordFound++;
      shown = shown.slice(0, 3);
      const right = entry.relevant_article_ids;
      wrong += shown.filter((a) => !right.includes(a.id)).length;
      if (!right.length) {
        if (!shown.length) quietOnNone++;
        continue;
      }
      answerable++;
      const first = shown.findIndex((a) => right.includes(a.id));
      reciprocal += first < 0 ? 0 : 1 / (first + 1);
    }
    return {
      mrr: round(reciprocal / answerable, 3),
      wrongArticlesInTop3: wrong,
      noneFitShownNothing: `${quietOnNone}/${entries.length - answerable}`,
      // Records and posts shown beside the articles (up to 5), those not labelled as answering the ticket, and the tickets shown one that is.
      recordsShown,
      wrongRecords,
      ticketsShownARightRecord: `${rightRecordFound}/${entries.filter((e) => e.relevant_record_urls.length).length}`,
    };
  };
  return { labelledTickets: entries.length, before: await run(false), app: await run(true) };
}

async function frameMark(page: Page, name: string): Promise<number | null> {
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const value = await f.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name).catch(() => null);
    if (value !== null) return value;
  }
  return null;
}

/** A frame's tasks over 50 ms so far (Chromium's long tasks), as durations. */
function longTasksIn(frame: Frame): Promise<number[]> {
  return frame
    .evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const seen: number[] = [];
          new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.duration))).observe({
            type: 'longtask',
            buffered: true,
          });
          // Buffered entries arrive in the observer's first callback, queued as a task.
          setTimeout(() => resolve(seen), 100);
        }),
    )
    .catch(() => []);
}

/** The sidebar frame's tasks over 50 ms so far. */
async function frameLongTasks(page: Page): Promise<number[]> {
  for (const f of page.frames()) {
    if (f === page.mainFrame() || !f.url().includes('/app/')) continue;
    const marked = await f.evaluate(() => performance.getEntriesByName('closed-loop:first-content').length > 0).catch(() => false);
    if (marked) return longTasksIn(f);
  }
  return [];
}

/** One cold start of the sidebar on the playground at `url`: its marks' times from the iframe's start, or null. */
async function coldStart(s: Session, url: string, ticket: number): Promise<{ first: number; ready: number; longTasks: number[] } | null> {
  const context = await s.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}?ticket=${ticket}`);
  let ready: number | null = null;
  for (let t = 0; t < 400 && ready === null; t++) {
    await page.waitForTimeout(25);
    ready = await frameMark(page, 'closed-loop:panels-ready');
  }
  const first = await frameMark(page, 'closed-loop:first-content');
  // Work a panel starts once its data is in (training the matcher, rendering) counts too.
  await page.waitForTimeout(2000);
  const longTasks = await frameLongTasks(page);
  await context.close();
  return ready !== null && first !== null ? { first, ready, longTasks } : null;
}

/**
 * Median times from the sidebar iframe's start to its first content and to all three panels
 * settled, each run a new agent session (fresh browser context: nothing cached), so every REST
 * call is on the clock.
 */
async function timeToMarks(s: Session, runs: number, ticket: number, latencyMs = 0) {
  const times: { first: number; ready: number; longTasks: number[] }[] = [];
  for (let i = 0; i < runs; i++) {
    await s.control('reset', 'POST');
    if (latencyMs) await s.fault('*', { kind: 'latency', ms: latencyMs });
    const run = await coldStart(s, s.playground.url, ticket);
    if (run) times.push(run);
  }
  return {
    firstContentMs: round(median(times.map((t) => t.first))),
    panelsReadyMs: round(median(times.map((t) => t.ready))),
    panelsAfterFirstContentMs: round(median(times.map((t) => t.ready - t.first))),
    // Tasks over 50 ms in the sidebar until 2 s after its panels are ready: the median run's longest, and how many.
    longestTaskMs: round(median(times.map((t) => Math.max(0, ...t.longTasks)))),
    longTasksPerView: round(median(times.map((t) => t.longTasks.length))),
  };
}

/**
 * A warm session: the agent viewed ticket `first` (the matcher was trained and the library read),
 * then opens `ticket` in a new sidebar, which finds the matcher trained. Median time from that
 * sidebar's first content to all three panels settled, each run a new agent session; and the
 * same for the first ticket's sidebar, which trained it (cold); each with its longest task (the
 * agent opens the next ticket 2 s after the first settled). `prepare` runs after each reset (a larger library).
 */
async function warmSession(s: Session, runs: number, first: number, ticket: number, prepare?: () => Promise<unknown>) {
  const sidebar = () => s.page.frames().filter((f) => f.url().includes('/app/assets/sidebar.html'));
  const mark = (frame: Frame, name: string) =>
    frame.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name).catch(() => null);
  /** A new sidebar's time from its first content to its panels settled (waiting up to `maxMs`), and its longest task 2 s later. */
  const settle = async (frame: () => Frame | undefined, maxMs: number) => {
    let ready: number | null = null;
    let found: Frame | undefined;
    for (let t = 0; t < maxMs / 25 && ready === null; t++) {
      await s.page.waitForTimeout(25);
      found = frame();
      if (found) ready = await mark(found, 'closed-loop:panels-ready');
    }
    const firstContent = found ? await mark(found, 'closed-loop:first-content') : null;
    if (!found || ready === null || firstContent === null) return null;
    await s.page.waitForTimeout(2000);
    return { ms: ready - firstContent, longestTaskMs: Math.max(0, ...(await longTasksIn(found))) };
  };
  const cold: { ms: number; longestTaskMs: number }[] = [];
  const warm: { ms: number; longestTaskMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    await s.control('reset', 'POST');
    await prepare?.();
    await s.fresh();
    await s.open({ ticket: first });
    const trained = await settle(() => sidebar()[0], 120_000);
    if (trained) cold.push(trained);
    const before = new Set(sidebar());
    await s.page.getByRole('button', { name: new RegExp(`#${ticket} `) }).click();
    const restored = await settle(() => sidebar().find((f) => !before.has(f)), 60_000);
    if (restored) warm.push(restored);
  }
  return {
    runs: warm.length,
    panelsAfterFirstContentMs: round(median(warm.map((w) => w.ms))),
    // The longest task in the new sidebar until 2 s after its panels settled (the median run's).
    longestTaskMs: round(median(warm.map((w) => w.longestTaskMs))),
    coldPanelsAfterFirstContentMs: round(median(cold.map((c) => c.ms))),
    coldLongestTaskMs: round(median(cold.map((c) => c.longestTaskMs))),
  };
}

/** Adds `records` to the playground's answer library. */
const seedAnswers = (s: Session, records: unknown[]) => s.control('seed', 'POST', { records: { closed_loop_answer: records } });

/**
 * The lead console's answer library with `records` added: median times from opening the console
 * to its first library rows on screen and to the whole library read (the lead opens the library
 * tab at once), and the console frame's longest task until then. Each run a new console.
 */
async function consoleLibrary(s: Session, runs: number, records: unknown[]) {
  const results: { firstRows: number; settled: number; longestTaskMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    await s.control('reset', 'POST');
    await seedAnswers(s, records);
    await s.persona('lead');
    const start = Date.now();
    await s.open({ route: 'console' });
    const c = s.console();
    await c.getByRole('tab', { name: 'Answer library' }).click({ timeout: 60_000 });
    await c.getByTestId('library-row').first().waitFor({ timeout: 120_000 });
    const firstRows = Date.now() - start;
    await c.getByTestId('library-reading').waitFor({ state: 'detached', timeout: 120_000 });
    const settled = Date.now() - start;
    const frame = s.page.frames().find((f) => f.url().includes('/app/assets/console.html'));
    results.push({ firstRows, settled, longestTaskMs: Math.max(0, ...(frame ? await longTasksIn(frame) : [])) });
  }
  return {
    runs: results.length,
    firstRowsMs: round(median(results.map((r) => r.firstRows))),
    libraryReadMs: round(median(results.map((r) => r.settled))),
    longestTaskMs: round(median(results.map((r) => r.longestTaskMs))),
  };
}

/**
 * `size` approved answers made from BANKING77's customer messages (bench-matching.ts), as records
 * a lead wrote and approved: with the demo library, a library grown over years.
 */
function largeLibrary(size: number) {
  const lead = 10002;
  const approvedAt = new Date().toISOString();
  return bankingAnswers(size, 10).answers.map((a) => {
    const content = {
      title: a.title,
      summary: '',
      body: `Hi {{requester.first_name}},\n\nAbout ${a.title}: …`,
      examples: a.examples,
      tags: a.tags ?? [],
      locale: 'en-us',
    };
    return {
      name: content.title,
      created_by_user_id: String(lead),
      updated_by_user_id: String(lead),
      custom_object_fields: {
        summary: content.summary,
        answer_body: content.body,
        examples: content.examples.join('\n'),
        match_tags: content.tags.join(' '),
        locale: content.locale,
        status: 'approved',
        owner_id: lead,
        approved_by_id: lead,
        approved_at: approvedAt,
        approval_fingerprint: contentFingerprint(content),
        revision: 1,
      },
    };
  });
}

/**
 * The floor: a page that loads only the SDK and shows the ticket's subject (scripts/floor), served
 * by a second playground in place of the app. Both pages mark once the frame showing the subject is painted. Runs alternate between the two in one browser, so
 * both see the same machine load; the ratio is the app's median over the floor's.
 */
async function againstFloor(s: Session, runs: number, ticket: number) {
  const floorDist = fileURLToPath(new URL('.cache/floor', root));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: fileURLToPath(new URL('scripts/floor', root)),
    base: './',
    build: {
      outDir: `${floorDist}/assets`,
      emptyOutDir: true,
      assetsDir: '.',
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: { input: fileURLToPath(new URL('scripts/floor/sidebar.html', root)) },
    },
  });
  const floor = await startPlayground({ appDist: floorDist });
  const app: number[] = [];
  const sdkOnly: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await s.control('reset', 'POST');
      const [a, f] = [await coldStart(s, s.playground.url, ticket), await coldStart(s, floor.url, ticket)];
      if (a && f) {
        app.push(a.first);
        sdkOnly.push(f.first);
      }
    }
  } finally {
    await floor.close();
  }
  return {
    appFirstContentMs: round(median(app)),
    sdkOnlySubjectMs: round(median(sdkOnly)),
    ratio: round(median(app) / median(sdkOnly), 2),
  };
}

/**
 * REST calls the app itself makes per ticket view over many views in one agent session, the demo
 * library grown by `records` when given (each view waits up to 4 s for its panels: a large
 * library's first view, training the matcher, takes longer and the next ticket opens meanwhile).
 */
async function callsPerView(s: Session, views: number, records?: unknown[]) {
  await s.control('reset', 'POST');
  if (records) await seedAnswers(s, records);
  await s.control('calls', 'DELETE');
  await s.fresh();
  await s.open();
  const tickets = await s.page.evaluate(() =>
    (window as unknown as { __playground: { ws: { tickets: { value: { id: number }[] } } } }).__playground.ws.tickets.value.map(
      (t) => t.id,
    ),
  );
  for (let i = 0; i < views; i++) {
    const id = tickets[i % tickets.length]!;
    await s.page.evaluate(
      (ticket) =>
        (window as unknown as { __playground: { ws: { openTicket(id: number): Promise<void> } } }).__playground.ws.openTicket(ticket),
      id,
    );
    for (let t = 0; t < 200 && !(await frameMark(s.page, 'closed-loop:panels-ready')); t++) await s.page.waitForTimeout(20);
  }
  const { calls } = await s.calls();
  const app = calls.filter((c) => c.app === 'ticket_sidebar');
  const byEndpoint: Record<string, number> = {};
  for (const c of app) byEndpoint[c.endpoint] = (byEndpoint[c.endpoint] ?? 0) + 1;
  return {
    views,
    callsPerView: round(app.length / views, 2),
    answersPanelCalls: app.filter((c) => c.endpoint.startsWith('custom_objects.records') && c.path.includes('closed_loop_answer')).length,
    byEndpoint,
  };
}

async function main() {
  await setup();
  const dist = fileURLToPath(new URL('dist/assets', root));
  const sidebar = locationBundleSize(dist, 'sidebar.html', SIDEBAR_DEFERRED);
  const consoleBundle = locationBundleSize(dist, 'console.html');
  const s = await startSession();
  try {
    const economy = await callsPerView(s, 100);
    const startup = await timeToMarks(s, 9, 4109);
    const floor = await againstFloor(s, 9, 4109);
    const startup100msApi = await timeToMarks(s, 9, 4109, 100);
    const warm = await warmSession(s, 5, 4106, 4109);
    const large = largeLibrary(5_000);
    const economy1000 = await callsPerView(s, 100, large.slice(0, 1_000));
    const economy5000 = await callsPerView(s, 100, large);
    const warm5000 = await warmSession(s, 3, 4106, 4109, () => seedAnswers(s, large));
    const console5000 = await consoleLibrary(s, 3, large);
    console.log(
      JSON.stringify(
        {
          // Before the first paint; the panels and the text analysis (query builder) download alongside (SIDEBAR_DEFERRED).
          sidebarGzipBytes: sidebar.gzipBytes,
          sidebarBytes: sidebar.bytes,
          sidebarFiles: sidebar.files.length,
          sidebarDeferredGzipBytes: sidebar.deferred.gzipBytes,
          sidebarTotalGzipBytes: sidebar.gzipBytes + sidebar.deferred.gzipBytes,
          consoleGzipBytes: consoleBundle.gzipBytes,
          timeToSubjectMs: startup.firstContentMs,
          // The same, interleaved with an SDK-only page that shows the subject: the floor, and the app's ratio to it.
          floor,
          startup,
          startup100msApi,
          // The same ticket's sidebar on a warm session (another ticket viewed first): the matcher is restored, not trained.
          warmSession: warm,
          // The same with 5,000 more approved answers (BANKING77's messages as their examples).
          warmSession5000: warm5000,
          // The lead console's answer library with the same 5,000 answers more.
          consoleLibrary5000: console5000,
          restCalls: economy,
          // The same with 1,000 and 5,000 more approved answers.
          restCalls1000: economy1000,
          restCalls5000: economy5000,
          knowledgeRetrieval: await retrievalQuality(s.playground.url),
          // The sidebar's matcher on the labelled demo tickets: coverage, precision, false-confident share on "none" tickets.
          answerMatching: evaluateAnswers().figures,
          // BANKING77-derived libraries of 25, 1,000 and 5,000 answers: cold build, warm restore, what is stored, match time.
          matcher: benchMatching(),
        },
        null,
        2,
      ),
    );
  } finally {
    await s.close();
  }
}

await main();
