import { describe, expect, it } from 'vitest';
import { faultMatrix, faultsFor } from './faultMatrix';
import { useSession } from './harness';

const session = useSession();
const REQUESTED_TICKET = 4103; // escalated tickets read their audits
const check = faultMatrix('sidebar reads and the SDK');

type Panel = 'escalation' | 'answers' | 'knowledge';
const PANELS: Panel[] = ['escalation', 'answers', 'knowledge'];

/** Each REST endpoint the sidebar uses, and the one panel that needs it. */
const ENDPOINTS: { endpoint: string; panel: Panel }[] = [
  { endpoint: 'help_center.search', panel: 'knowledge' },
  { endpoint: 'custom_objects.records.list', panel: 'answers' },
  { endpoint: 'custom_objects.records.filtered_search', panel: 'answers' },
  { endpoint: 'users.me', panel: 'escalation' },
  { endpoint: 'tickets.audits', panel: 'escalation' },
  { endpoint: 'users.show_many', panel: 'escalation' },
];

const panel = (name: Panel) => session().sidebar().locator(`[data-panel="${name}"]`);

/** A panel is working when it shows its content: escalation the lead's buttons, answers a card or a verdict, knowledge articles. */
async function working(name: Panel): Promise<boolean> {
  const p = panel(name);
  if (name === 'escalation') return (await p.getByRole('button', { name: 'Escalate' }).count()) > 0;
  if (name === 'answers') return (await p.locator('.answer, [data-testid="answers-empty"], .alternates').count()) > 0;
  return (await p.locator('li.article').count()) > 0;
}

describe('REST faults: the panel that needs the call says so, the others keep working', () => {
  for (const [index, { endpoint, panel: needs }] of ENDPOINTS.entries()) {
    for (const { name, fault, times, fails, message } of faultsFor(index)) {
      it(`${endpoint} × ${name}`, () =>
        check(async () => {
          await session().persona('lead');
          await session().fault(endpoint, fault, times);
          await session().open({ ticket: REQUESTED_TICKET });
          await expect.poll(() => session().text(session().sidebar().getByTestId('ticket-subject'))).not.toBe('');
          for (const other of PANELS.filter((p) => p !== needs)) await expect.poll(() => working(other)).toBe(true);
          if (fails) {
            const alert = panel(needs).getByRole('alert');
            await expect.poll(() => session().text(alert)).toMatch(message!);
            expect(await panel(needs).getByRole('button', { name: 'Try again' }).count()).toBe(1);
            for (const other of PANELS.filter((p) => p !== needs)) expect(await panel(other).getByRole('alert').count()).toBe(0);
            // Retry once the fault is gone: the panel recovers without a reload.
            await session().control('faults', 'DELETE');
            await panel(needs).getByRole('button', { name: 'Try again' }).click();
            await expect.poll(() => working(needs)).toBe(true);
          } else {
            await expect.poll(() => working(needs)).toBe(true);
            expect(await panel(needs).getByRole('alert').count()).toBe(0);
          }
        }));
    }
  }
});

describe('SDK faults', () => {
  it('a get path that errors: the action says so and nothing is inserted', () =>
    check(async () => {
      await session().open({ ticket: REQUESTED_TICKET });
      await session().settled();
      await session().page.evaluate(() =>
        (
          window as unknown as { __playground: { host: { faults: { failingPaths: string[] } } } }
        ).__playground.host.faults.failingPaths.push('comment.useRichText'),
      );
      const first = panel('knowledge').locator('li.article').first();
      await first.getByRole('button', { name: 'Link' }).click();
      await expect.poll(() => session().text(panel('knowledge').locator('.status--error'))).toMatch(/went wrong/);
      expect((await session().composer()).html).toBe('');
    }));

  it('a get the host never answers: the SDK times out after 5 s and the action reports it', () =>
    check(async () => {
      // A ticket whose suggestions hold a public article ("I don't recognise a payment").
      await session().open({ ticket: 4109 });
      await session().settled();
      await session().page.evaluate(() =>
        (
          window as unknown as { __playground: { host: { faults: { silentRequests: string[] } } } }
        ).__playground.host.faults.silentRequests.push('comment.useRichText'),
      );
      // A public article: quoting one only a user segment may read asks first (knowledge.test.ts).
      const article = panel('knowledge').locator('li.article:not(:has(.badge))').first();
      await article.waitFor();
      await article.getByRole('button', { name: 'Quote' }).click();
      await expect.poll(() => session().text(panel('knowledge').locator('.status--error'))).toMatch(/took too long/);
    }));

  it('a host that never answers at all: the app says it could not start instead of staying blank', () =>
    check(async () => {
      await session().open();
      await session().page.evaluate(() => {
        const host = (window as unknown as { __playground: { host: { faults: { silent: boolean }; reloadAll(): void } } }).__playground
          .host;
        host.faults.silent = true;
        host.reloadAll();
      });
      await expect.poll(() => session().text(session().sidebar().getByRole('alert'))).toMatch(/could not start/);
    }));
});
