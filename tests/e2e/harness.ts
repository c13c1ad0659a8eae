import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { CallRecord, Fault } from '../../playground/api/faults';
import { startPlayground, type Playground } from '../../playground/server';
import { checkCalls, Contract, CoverageTally } from '../contract/check';
import { launchChromium } from './browser';
import { saveCoverage } from './contractCoverage';

export interface Session {
  browser: Browser;
  playground: Playground;
  /** The current tab; `fresh()` replaces it with a new agent session. */
  page: Page;
  /** A new browser context: no storage, no cached session data, as a newly signed-in agent. */
  fresh(): Promise<void>;
  /** Opens the workspace (optionally on a ticket or a route) and waits for it to render. */
  open(query?: { ticket?: number; route?: 'console' | 'settings' }): Promise<void>;
  sidebar(): FrameLocator;
  /**
   * Waits until the sidebar's panels are done loading: the answers panel has its verdict and no
   * loading line is left. A click then lands on what it aims at, not on whatever a panel that grew
   * above it pushed under the pointer.
   */
  settled(): Promise<void>;
  console(): FrameLocator;
  modal(): FrameLocator;
  /** The proposal modal's Title, '' until the modal is open and seeded. */
  modalTitle(): Promise<string>;
  control<T = unknown>(name: string, method?: string, body?: unknown): Promise<T>;
  fault(endpoint: string, fault: Fault, times?: number): Promise<void>;
  calls(): Promise<{ counts: Record<string, number>; calls: CallRecord[] }>;
  api<T = unknown>(path: string, method?: string, body?: unknown): Promise<T>;
  persona(persona: 'agent' | 'lead' | 'admin'): Promise<void>;
  /** The signed-in agent's language (their profile's locale), chosen with the workspace's switch. */
  language(locale: string): Promise<void>;
  /** The reply composer's content in the host page. */
  composer(): Promise<{ text: string; html: string; rich: boolean }>;
  /** The open ticket's form as the agent sees it (unsaved edits included). */
  form(): Promise<{ tags: string[]; subject: string }>;
  records<T = { id: string; name: string; custom_object_fields: Record<string, unknown> }>(key: string): Promise<T[]>;
  /** Whether Zendesk search finds ticket `id` for `query` yet: a change reaches search only after the index lag. */
  searchFinds(query: string, id: number): Promise<boolean>;
  /** A locator's text, or '' while its frame is (re)loading: safe inside expect.poll. */
  text(locator: Locator): Promise<string>;
  /** Whether any injected script ran in the host page or an app frame. */
  xssRan(): Promise<boolean>;
  /** How often the host registered a ticket sidebar: a reloaded or remounted sidebar registers again. */
  sidebarLoads(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Zendesk's search index trails writes by up to a few minutes; the tests run with a short lag so
 * that none can rely on a change being searchable at once (`/__playground/search` changes it).
 */
const SEARCH_LAG_MS = 1500;

/** One playground and one Chromium for a test file; pages are fresh per `open`. */
export async function startSession(options: { thirdPartyStorage?: boolean } = {}): Promise<Session> {
  const [playground, browser] = await Promise.all([startPlayground({ searchLagMs: SEARCH_LAG_MS }), launchChromium(options)]);
  let context: BrowserContext = await browser.newContext();
  const request = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await fetch(new URL(path, playground.url), init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const session: Session = {
    browser,
    playground,
    page: await context.newPage(),
    async fresh() {
      await context.close();
      context = await browser.newContext();
      session.page = await context.newPage();
    },
    async open(query = {}) {
      const url = new URL(playground.url);
      if (query.ticket) url.searchParams.set('ticket', String(query.ticket));
      if (query.route) url.searchParams.set('route', query.route);
      await session.page.goto(url.toString());
      await session.page.waitForSelector('.zd');
    },
    sidebar: () => session.page.frameLocator('iframe[data-location="ticket_sidebar"]'),
    async settled() {
      const frame = session.sidebar();
      const verdict = frame.locator('[data-panel="answers"] :is(.answer__title, [data-testid="answers-empty"])');
      await expect
        .poll(async () => (await verdict.count()) > 0 && (await frame.locator('.spinner').count()) === 0, { timeout: 30_000 })
        .toBe(true);
    },
    console: () => session.page.frameLocator('iframe[data-location="nav_bar"]'),
    modal: () => session.page.frameLocator('.modal iframe'),
    modalTitle: () =>
      session.page
        .frameLocator('.modal iframe')
        .getByLabel('Title')
        .inputValue()
        .catch(() => ''),
    control: (name, method = 'GET', body) => request(`/__playground/${name}`, method, body),
    async fault(endpoint, fault, times) {
      await request('/__playground/faults', 'POST', times === undefined ? { endpoint, fault } : { endpoint, fault, times });
    },
    calls: () => request('/__playground/calls'),
    api: (path, method = 'GET', body) => request(path, method, body),
    async persona(persona) {
      // Before the workspace is open, sign in as the persona directly; afterwards use the switch.
      if (!session.page.url().startsWith(playground.url)) {
        await request('/__playground/persona', 'POST', { persona });
        return;
      }
      await session.page.selectOption('select[aria-label="Persona"]', persona);
      // Done when the workspace shows the persona and its profile (the language switch acts on that profile).
      await session.page.waitForFunction((p) => {
        type Ws = { state: { value: { persona: string; personas: Record<string, number> } }; me: { value: { id: number } | null } };
        const { state, me } = (window as unknown as { __playground: { ws: Ws } }).__playground.ws;
        return state.value.persona === p && me.value?.id === state.value.personas[p];
      }, persona);
    },
    async language(locale) {
      await session.page.selectOption('select[aria-label="Language"]', locale);
      await session.page.waitForFunction(
        (l) => (window as unknown as { __playground: { ws: { me: { value: { locale: string } } } } }).__playground.ws.me.value.locale === l,
        locale,
      );
    },
    composer: () =>
      session.page.evaluate(
        () =>
          (window as unknown as { __playground: { ws: { composer: { value: { text: string; html: string; rich: boolean } } } } })
            .__playground.ws.composer.value,
      ),
    form: () =>
      session.page.evaluate(
        () =>
          (window as unknown as { __playground: { ws: { form: { value: { tags: string[]; subject: string } } } } }).__playground.ws.form
            .value,
      ),
    async records(key) {
      const body = await request<{ custom_object_records: never[] }>(`/api/v2/custom_objects/${key}/records.json?page[size]=100`);
      return body.custom_object_records;
    },
    async searchFinds(query, id) {
      const params = new URLSearchParams({ query: `type:ticket ${query}`, per_page: '100' });
      const body = await request<{ results: { id: number }[] }>(`/api/v2/search.json?${params}`);
      return body.results.some((t) => t.id === id);
    },
    text: (locator) =>
      locator.textContent({ timeout: 1000 }).then(
        (t) => t ?? '',
        () => '',
      ),
    sidebarLoads: () =>
      session.page.evaluate(() => {
        const host = (
          window as unknown as {
            __playground: {
              host: { log: { direction: string; guid: string; data: { key?: unknown } }[]; instances: Map<string, { location: string }> };
            };
          }
        ).__playground.host;
        return host.log.filter(
          (e) => e.direction === 'out' && e.data.key === 'zaf.app.registered' && host.instances.get(e.guid)?.location === 'ticket_sidebar',
        ).length;
      }),
    async xssRan() {
      for (const frame of session.page.frames()) {
        const ran = await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss !== undefined).catch(() => false);
        if (ran) return true;
      }
      return false;
    },
    async close() {
      await browser.close();
      await playground.close();
    },
  };
  return session;
}

/**
 * One playground and one Chromium per test file, a reset account and a fresh agent session per
 * test. After each test, every REST call the app made is checked against Zendesk's API contract
 * (tests/contract); a violation fails the test. Returns a getter for use inside tests.
 */
export function useSession(options: { thirdPartyStorage?: boolean } = {}): () => Session {
  let session: Session | undefined;
  const contract = new Contract();
  const coverage = new CoverageTally();
  beforeAll(async () => {
    session = await startSession(options);
  });
  afterEach(async () => {
    if (!session) return;
    // The app's own calls only: the workspace page and the tests' direct calls play other people.
    const calls = (await session.calls()).calls.filter((call) => call.app !== null);
    const violations = checkCalls(contract, calls, coverage);
    expect(violations, `API calls that break Zendesk's documented contract:\n  ${violations.join('\n  ')}\n`).toEqual([]);
  });
  afterAll(async () => {
    await session?.close();
    saveCoverage(coverage);
  });
  beforeEach(async ({ onTestFailed }) => {
    await session!.control('reset', 'POST');
    await session!.fresh();
    onTestFailed(() => failureReport(session!));
  });
  return () => session!;
}

/**
 * What a failed test left on screen and the app's last REST calls, printed with the failure: a
 * test that fails once on a loaded machine can then be understood from the log alone.
 */
async function failureReport(s: Session): Promise<void> {
  const frames = await Promise.all(
    s.page.frames().map(async (frame) => {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '(frame gone)');
      return `--- ${frame.name() || frame.url().split('?')[0]}\n${text.replace(/\n{2,}/g, '\n').slice(0, 1500)}`;
    }),
  ).catch(() => []);
  const calls = await s.calls().then(
    ({ calls }) =>
      calls
        .filter((call) => call.app !== null)
        .slice(-20)
        .map((c) => `${c.app} ${c.method} ${c.path} → ${c.response?.status ?? 'no answer'}${c.fault ? ` (fault ${c.fault})` : ''}`),
    () => [],
  );
  console.log(`On screen when the test failed:\n${frames.join('\n')}\nThe app's last REST calls:\n  ${calls.join('\n  ')}`);
}

/**
 * The background location's watchers check every five minutes: with the page's clock installed
 * (`page.clock.install()` before `open`), `started()` says the background app is registered and
 * has asked Zendesk something, and `nextCheck()` moves the page's clock on by five minutes
 * (keeping it on the server's time, as checks compare it with updated_at) while nothing is
 * pending, again until a new search reached Zendesk, then waits for its answers to be handled.
 */
export function backgroundChecks(s: Session) {
  const MINUTE = 60_000;
  const SLOW = { timeout: 30_000 };
  const state = () =>
    s.page.evaluate(() => {
      type Message = { direction: 'in' | 'out'; guid: string; data: { key?: string; request?: string; id?: number } };
      const host = (
        window as unknown as {
          __playground: { host: { log: Message[]; instances: Map<string, { guid: string; location: string; registered: boolean }> } };
        }
      ).__playground.host;
      const instance = [...host.instances.values()].find((i) => i.location === 'background');
      const guid = instance?.guid;
      const log = host.log.filter((m) => m.guid === guid);
      const count = (test: (m: Message) => boolean) => log.filter(test).length;
      const asked =
        count((m) => m.direction === 'in' && /^request:\d+$/.test(m.data.key ?? '')) +
        count((m) => m.direction === 'in' && typeof m.data.request === 'string');
      const answered =
        count((m) => m.direction === 'out' && /^zaf\.request:\d+\.(done|fail)$/.test(m.data.key ?? '')) +
        count((m) => m.direction === 'out' && m.data.key === undefined && typeof m.data.id === 'number');
      return { started: instance?.registered === true && asked > 0, pending: asked - answered };
    });
  const searches = async () => (await s.calls()).calls.filter((call) => call.app === 'background' && call.endpoint === 'search').length;
  return {
    started: async () => (await state()).started,
    nextCheck: async () => {
      const before = await searches();
      await expect
        .poll(
          async () => {
            if ((await searches()) > before) return true;
            if ((await state()).pending === 0) {
              await s.page.clock.setSystemTime(Date.now() - 5 * MINUTE);
              await s.page.clock.fastForward(5 * MINUTE);
            }
            return false;
          },
          { timeout: 60_000, interval: 2000 },
        )
        .toBe(true);
      await expect.poll(async () => (await state()).pending, SLOW).toBe(0);
    },
  };
}

/**
 * Presses the Try again of `notice`, shown because the sidebar's call to `endpoint` failed under a
 * fault: while Zendesk still fails, it asks again and says so again. Then the fault is lifted and
 * Try again pressed once more, unless the sidebar got there on its own meanwhile (a view made anew,
 * a match for instance, asks again by itself): then there is nothing left to press. The caller
 * checks what recovered.
 */
export async function retryAfterFault(s: Session, notice: () => Locator, endpoint: string) {
  const asked = async () => (await s.calls()).calls.filter((c) => c.app === 'ticket_sidebar' && c.endpoint === endpoint).length;
  const tryAgain = () => notice().getByRole('button', { name: 'Try again' });
  const before = await asked();
  await tryAgain().click();
  await expect.poll(asked).toBeGreaterThan(before);
  await expect.poll(() => tryAgain().count()).toBe(1);
  await s.control('faults', 'DELETE');
  await tryAgain().evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
}
