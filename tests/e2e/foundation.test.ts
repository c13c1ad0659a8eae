import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from './harness';

// The strict mode: this Chromium denies the cross-site app frame any storage; the app must not need it.
const session = useSession({ thirdPartyStorage: false });
let ticket: { id: number; subject: string };

beforeEach(async () => {
  const { results } = await session().api<{ results: { id: number; subject: string }[] }>(
    '/api/v2/search.json?query=type:ticket status<solved order_by:updated_at sort:desc',
  );
  ticket = results[0]!;
});

describe('the app inside the offline Zendesk', () => {
  it('boots through the real SDK in a cross-origin iframe and shows the ticket subject', async () => {
    await session().open({ ticket: ticket.id });
    const frame = session().page.locator('iframe[data-location="ticket_sidebar"]');
    const src = new URL((await frame.getAttribute('src'))!);
    expect(src.origin).not.toBe(new URL(session().page.url()).origin);
    expect(src.searchParams.get('origin')).toBe(new URL(session().page.url()).origin);
    await expect.poll(() => session().sidebar().getByTestId('ticket-subject').textContent()).toBe(ticket.subject);
    // The handshake and registration went over postMessage, as in Zendesk.
    const keys = await session().page.evaluate(() =>
      (window as unknown as { __playground: { host: { log: { data: { key?: string } }[] } } }).__playground.host.log.map((l) => l.data.key),
    );
    expect(keys).toContain('iframe.handshake');
    expect(keys).toContain('zaf.app.registered');
  });

  it('follows the ticket when the agent edits the subject, without a reload', async () => {
    await session().open({ ticket: ticket.id });
    await expect.poll(() => session().sidebar().getByTestId('ticket-subject').textContent()).toBe(ticket.subject);
    await session().page.fill('input[name="subject"]', 'Card blocked after travelling abroad');
    await session().page.press('input[name="subject"]', 'Enter');
    await expect.poll(() => session().sidebar().getByTestId('ticket-subject').textContent()).toBe('Card blocked after travelling abroad');
  });

  it('shows a clear message in the knowledge panel when Help Center fails, keeps the rest working and recovers on retry', async () => {
    await session().fault('help_center.search', { kind: 'status', status: 500 });
    await session().open({ ticket: ticket.id });
    const panel = session().sidebar().locator('[data-panel="knowledge"]');
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Zendesk answered with an error (500)');
    await expect.poll(() => session().sidebar().getByTestId('ticket-subject').textContent()).toBe(ticket.subject);
    await session().control('faults', 'DELETE');
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => panel.locator('li.article').count()).toBeGreaterThan(0);
    await expect(panel.getByRole('alert').count()).resolves.toBe(0);
  });

  it("shows the ticket and its escalation status when the other panels' download fails, and loads them on retry", async () => {
    // The network drops the panels' code (as a flaky connection would) until the agent asks again.
    let failing = true;
    const served: boolean[] = [];
    await session().page.route(/\/app\/assets\/SidebarPanels-[\w-]+\.js(\?retry=\d+)?$/, (route) => {
      served.push(!failing);
      return failing ? route.abort('connectionreset') : route.continue();
    });
    await session().open({ ticket: ticket.id });
    const sidebar = session().sidebar();
    await expect.poll(() => sidebar.getByTestId('ticket-subject').textContent(), { timeout: 20_000 }).toBe(ticket.subject);
    await expect.poll(() => sidebar.getByRole('alert').count(), { timeout: 20_000 }).toBe(1);
    expect(await sidebar.locator('[data-panel="escalation"]').count()).toBe(1);
    expect(await sidebar.locator('[data-panel="answers"], [data-panel="knowledge"]').count()).toBe(0);
    failing = false;
    await sidebar.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => sidebar.locator('[data-panel="knowledge"] li.article').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await sidebar.locator('[data-panel="answers"]').count()).toBe(1);
    expect(await sidebar.getByRole('alert').count()).toBe(0);
    // Dropped first, then fetched again on Try again.
    expect(served[0]).toBe(false);
    expect(served.at(-1)).toBe(true);
  });

  it('passes a setting saved on the settings page to the app', async () => {
    await session().open({ ticket: ticket.id });
    const panel = session().sidebar().locator('[data-panel="knowledge"]');
    // Help Center's articles a search shows: the setting caps them (suggestions are fewer when fewer fit).
    const articles = panel.locator('li.article:has(a.article__title[href*="/articles/"])');
    await panel.getByRole('searchbox').fill('card');
    await expect.poll(() => articles.count(), { timeout: 20_000 }).toBeGreaterThan(2);
    const loads = await session().sidebarLoads();
    await session().page.getByRole('button', { name: 'Admin Center · App settings' }).click();
    const field = session().page.getByLabel('Number of article suggestions');
    await field.fill('2');
    await session().page.getByRole('button', { name: 'Save settings' }).click();
    await session().page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // Saved settings reload the app, as in Zendesk: type into the new sidebar, not the one it replaces.
    await expect.poll(() => session().sidebarLoads(), { timeout: 20_000 }).toBeGreaterThan(loads);
    await session().page.getByRole('button', { name: 'Tickets' }).click();
    await panel.getByRole('searchbox').fill('card');
    await expect.poll(() => articles.count(), { timeout: 20_000 }).toBe(2);
  });

  it('lets a person switch persona, and the app sees the new user', async () => {
    await session().open({ route: 'console' });
    await expect.poll(() => session().console().getByTestId('leads-only').count()).toBe(1);
    expect(await session().console().getByRole('tab').count()).toBe(0);
    await session().persona('lead');
    await expect.poll(() => session().console().getByRole('tab', { name: 'Escalations' }).count()).toBe(1);
    expect(await session().console().getByTestId('leads-only').count()).toBe(0);
  });

  it("boots as the location Zendesk names, even from another location's page", async () => {
    // The console's page mounted in the ticket sidebar: the handshake's context has the last word.
    await session().open({ ticket: ticket.id, route: 'console' });
    await session().page.evaluate(() => {
      (
        window as unknown as { __playground: { host: { locationUrls: Record<string, string> } } }
      ).__playground.host.locationUrls.ticket_sidebar = 'assets/console.html';
    });
    await session().page.getByRole('button', { name: 'Tickets' }).click();
    const frame = session().page.locator('iframe[data-location="ticket_sidebar"]');
    await expect.poll(() => frame.getAttribute('src'), { timeout: 20_000 }).toContain('/assets/console.html?');
    await expect.poll(() => session().sidebar().getByTestId('ticket-subject').textContent(), { timeout: 20_000 }).toBe(ticket.subject);
  });

  it('explains itself when opened outside Zendesk', async () => {
    await session().page.goto(`${session().playground.appOrigin}/app/assets/sidebar.html`);
    await expect.poll(() => session().page.getByRole('heading').textContent()).toBe('Closed Loop runs inside Zendesk');
  });

  it("follows the agent's colour scheme when the app opens and when it changes", async () => {
    await session().page.emulateMedia({ colorScheme: 'dark' });
    await session().open();
    const frame = (await (await session().page.waitForSelector('iframe[data-location="ticket_sidebar"]')).contentFrame())!;
    const background = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor).catch(() => '');
    await expect.poll(() => session().text(session().sidebar().getByTestId('ticket-subject'))).not.toBe('');
    expect(await background()).toBe('rgb(28, 35, 41)');
    await session().page.selectOption('select[aria-label="Colour scheme"]', 'light');
    await expect.poll(background).toBe('rgb(255, 255, 255)');
  });
});
