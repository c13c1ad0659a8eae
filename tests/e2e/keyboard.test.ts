import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();

/** Presses Tab inside the sidebar until the focused element has the given accessible text. */
async function tabTo(text: string, limit = 40) {
  const frame = session().sidebar();
  for (let i = 0; i < limit; i++) {
    const focused = await frame
      .locator(':focus')
      .textContent({ timeout: 500 })
      .catch(() => null);
    if (focused?.trim() === text) return;
    // Focus that left the app (past its last control, or a control re-rendered away) comes back
    // the way the workspace hands it over: to the app's first control.
    if (focused === null) await frame.locator('button, a, input').first().focus();
    else await session().page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach "${text}" with Tab`);
}

describe('keyboard only', () => {
  it('an agent requests an escalation without a mouse', async () => {
    await session().open({ ticket: 4109 });
    await expect.poll(() => session().sidebar().getByRole('button', { name: 'Request escalation' }).count()).toBe(1);
    // The panels settled: no control is replaced under the focus while it moves.
    await expect.poll(() => session().sidebar().locator('li.article').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Enter the app frame the way the agent workspace hands focus to it: its first control.
    await session().sidebar().locator('button, a, input').first().focus();
    await tabTo('Request escalation');
    await session().page.keyboard.press('Enter');
    await session().page.keyboard.press('Tab');
    await session().page.keyboard.type('Customer threatens to leave; needs a lead today.');
    await session().page.keyboard.press('Tab');
    await session().page.keyboard.press('Enter');
    await expect.poll(() => session().text(session().sidebar().getByTestId('escalation-badge'))).toBe('Requested');
  });

  it('links an article into the reply and opens the proposal modal with focus in its first field', async () => {
    await session().open({ ticket: 4109 });
    await expect.poll(() => session().sidebar().locator('li.article').count()).toBeGreaterThan(0);
    // Enter the app frame the way the agent workspace hands focus to it: its first control.
    await session().sidebar().locator('button, a, input').first().focus();
    await tabTo('Link');
    await session().page.keyboard.press('Enter');
    await expect.poll(async () => (await session().composer()).html).toContain('<a href=');
    await session().sidebar().locator('button, a, input').first().focus();
    await tabTo('Propose an answer');
    await session().page.keyboard.press('Enter');
    const modalFrame = async () => (await session().page.waitForSelector('.modal iframe')).contentFrame();
    await expect.poll(async () => (await modalFrame())?.evaluate(() => document.activeElement?.id).catch(() => null)).toBe('af-title');
  });
});
