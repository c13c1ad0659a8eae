import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Runs axe-core inside an app frame (cross-origin, so it is injected there) and returns the violations. */
async function axe(frame: Frame): Promise<Violation[]> {
  await frame.evaluate(axeSource);
  return frame.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

async function frameFor(location: string): Promise<Frame> {
  const handle = await session().page.waitForSelector(`iframe[data-location="${location}"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no ${location} frame`);
  return frame;
}

describe.each(['light', 'dark'] as const)('accessibility (axe-core in Chromium), %s scheme', (scheme) => {
  // The playground's workspace starts in the system's scheme and hands it to the app, as Zendesk does.
  beforeEach(() => session().page.emulateMedia({ colorScheme: scheme }));

  it('the sidebar with all three panels has no violations', async () => {
    await session().persona('lead');
    await session().open({ ticket: 4103 });
    await expect.poll(() => session().text(session().sidebar().locator('[data-panel="knowledge"] .article__title').first())).not.toBe('');
    await expect.poll(() => session().sidebar().getByRole('button', { name: 'Escalate' }).count()).toBe(1);
    const frame = await frameFor('ticket_sidebar');
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
    expect(await axe(frame)).toEqual([]);
  });

  it('the root-cause form a lead gets after resolving has no violations', async () => {
    await session().persona('lead');
    await session().open({ ticket: 4110 });
    const panel = session().sidebar().locator('[data-panel="escalation"]');
    await panel.getByRole('button', { name: 'Resolve' }).click();
    await panel.getByRole('button', { name: 'Resolve' }).click();
    // The resolve's write and the form's download: the suite's own wait (30 s), as a loaded machine once took longer than 20 s.
    await expect.poll(() => panel.getByRole('form', { name: 'Root cause' }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Add why' }).click();
    expect(await axe(await frameFor('ticket_sidebar'))).toEqual([]);
  });

  it('every console tab has no violations', async () => {
    await session().persona('admin');
    await session().control('settings', 'POST', { lead_group_ids: '503' });
    await session().open({ route: 'console' });
    const frame = await frameFor('nav_bar');
    for (const tab of ['Escalations', 'Answer library', 'Proposals and feedback', 'Team metrics', 'Root causes', 'Setup check']) {
      await session().console().getByRole('tab', { name: tab }).click();
      await session().page.waitForTimeout(600);
      expect(await axe(frame), tab).toEqual([]);
    }
  });
});

describe('accessibility of the modal (axe-core in Chromium)', () => {
  it('the proposal modal has no violations', async () => {
    await session().open({ ticket: 4109 });
    await session().sidebar().getByRole('button', { name: 'Propose an answer' }).click();
    await expect.poll(() => session().modal().getByLabel('Title').count()).toBe(1);
    const handle = await session().page.waitForSelector('.modal iframe');
    expect(await axe((await handle.contentFrame())!)).toEqual([]);
  });
});
