import { describe, expect, it } from 'vitest';
import { backgroundChecks, useSession } from './harness';

/**
 * Zendesk search at its documented limits: at most 1,000 results per query (page 11 at 100 per
 * page is a 422), offset pages that shift when results change between reads, and an index that
 * lags behind writes. The app must stay correct under all three.
 */
const session = useSession();
const c = () => session().console();
const SLOW = { timeout: 30_000 };
const MINUTE = 60_000;
const DAY = 86_400_000;

/** `count` tickets created and last updated over the past hour, newest first (already indexed). */
function recentTickets(count: number, firstId: number, tags: (i: number) => string[] = () => []) {
  const newest = Date.now() - 30 * MINUTE;
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(newest - i * 1000).toISOString();
    return { id: firstId + i, subject: `Seeded ticket ${i}`, created_at: at, updated_at: at, tags: tags(i) };
  });
}

const seedTickets = (tickets: object[]) => session().control('seed', 'POST', { tickets });
const setLag = (lagMs: number) => session().control('search', 'POST', { lagMs });

async function asLead() {
  await session().persona('lead');
  await session().open({ route: 'console' });
  await expect.poll(() => c().getByRole('tab', { name: 'Escalations' }).count(), SLOW).toBe(1);
}

async function openMetrics() {
  await c().getByRole('tab', { name: 'Team metrics' }).click();
  await expect.poll(() => c().getByRole('tab', { name: 'Team metrics', selected: true }).count()).toBe(1);
}

/** The app's search calls (offset or export) made for the metrics window of `days`. */
async function metricsSearchCalls(days: number) {
  const since = new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
  const { calls } = await session().calls();
  return calls.filter(
    (call) =>
      call.app === 'nav_bar' &&
      (call.endpoint === 'search' || call.endpoint === 'search.export') &&
      decodeURIComponent(call.path.replace(/\+/g, ' ')).includes(`updated>${since}`),
  );
}

describe('Zendesk search limits', () => {
  it('answers a page past the 1,000th result with a 422, and the queue lists what it can and says so', async () => {
    await seedTickets(recentTickets(1010, 7_000_000, () => ['escalation_requested']));
    const query = 'type:ticket tags:escalation_requested tags:escalation_escalated'; // the queue's tickets
    const page = (n: number, perPage = 100) =>
      fetch(
        new URL(
          `/api/v2/search.json?${new URLSearchParams({ query, page: String(n), per_page: String(perPage) })}`,
          session().playground.url,
        ),
      );

    const tenth = await page(10);
    expect(tenth.status).toBe(200);
    const body = (await tenth.json()) as { results: unknown[]; count: number; next_page: string | null };
    expect(body.results).toHaveLength(100);
    expect(body.count).toBeGreaterThan(1010);
    // Zendesk still links to page 11, which it then refuses.
    expect(body.next_page).toContain('page=11');
    const eleventh = await page(11);
    expect(eleventh.status).toBe(422);
    expect(await eleventh.json()).toEqual({
      error: 'invalid',
      description: 'Invalid search: Requested response size was greater than Search Response Limits',
    });
    expect(((await (await page(1, 500)).json()) as { results: unknown[] }).results).toHaveLength(100);

    await asLead();
    await expect.poll(() => c().getByTestId('queue-row').count(), SLOW).toBe(25);
    const count = body.count;
    await expect.poll(() => session().text(c().getByTestId('queue-limited')), SLOW).toContain(`${count} tickets are waiting`);
    expect(await session().text(c().getByTestId('queue-limited'))).toContain('only the first 1000');
    expect(await c().getByRole('alert').count()).toBe(0);
  });

  it('counts a ticket once in the metrics when a result added between page reads shifts the pages', async () => {
    // 150 tickets newer than the demo data; the 100th, the last of the first page, used an answer.
    await seedTickets(recentTickets(150, 7_100_000, (i) => (i === 99 ? ['cla_boundary'] : [])));
    // A ticket created now is not searchable until the index catches up.
    await setLag(10 * MINUTE);
    await seedTickets([{ id: 7_100_999, subject: 'Created just now' }]);
    // Slow searches leave time to let the index catch up while the second page is on its way.
    for (const endpoint of ['search', 'search.export']) await session().fault(endpoint, { kind: 'latency', ms: 5000 });
    await asLead();
    await openMetrics();
    await expect.poll(async () => (await metricsSearchCalls(7)).length, SLOW).toBeGreaterThanOrEqual(2);
    await setLag(0);

    await expect.poll(() => c().getByTestId('per-day').locator('tbody tr').count(), SLOW).toBe(7);
    const row = c().getByTestId('top-answers').locator('tr').filter({ hasText: 'boundary' });
    // The answer heads its row; the first figure is its uses.
    expect(await row.locator('td').nth(0).textContent()).toBe('1');
  });

  it('says when a metrics window held more tickets than the console reads', async () => {
    await seedTickets(recentTickets(2050, 7_200_000));
    await asLead();
    await openMetrics();
    await expect.poll(() => c().getByTestId('per-day').locator('tbody tr').count(), SLOW).toBe(7);
    await expect.poll(() => session().text(c().getByTestId('metrics-truncated')), SLOW).toContain('More than 2000 tickets');
  });

  it('notifies a lead of an escalation request that reached search after the check that should have found it', async () => {
    const s = session();
    const TICKET = 4101; // not escalated
    const { started, nextCheck } = backgroundChecks(s);
    const notices = () => s.text(s.page.locator('.notices'));

    await setLag(10 * MINUTE);
    await s.persona('lead');
    await s.page.clock.install();
    await s.open();
    await expect.poll(started, SLOW).toBe(true);
    // A first check: the watcher runs, and the request below is new to it.
    await nextCheck();

    await s.api(`/api/v2/tickets/${TICKET}.json`, 'PUT', { ticket: { custom_fields: [{ id: 360001, value: 'escalation_requested' }] } });
    await nextCheck();
    expect(await notices()).not.toContain(`#${TICKET}`);

    // The index catches up after the check.
    await setLag(1000);
    await expect.poll(() => s.searchFinds('tags:escalation_requested', TICKET), SLOW).toBe(true);
    await nextCheck();
    await expect.poll(notices, SLOW).toContain(`Escalation requested on ticket #${TICKET}`);
  });
});
