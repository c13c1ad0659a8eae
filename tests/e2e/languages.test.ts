import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { useSession } from './harness';

const session = useSession();
const FRESH_TICKET = 4109; // not escalated

type Strings = { [key: string]: string | Strings };
const strings = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../../translations/${locale}.json`, import.meta.url), 'utf8')) as Strings;
/** The app's own text for `key` in `locale`, from the translation files it is built from. */
const text = (locale: string, key: string, vars: Record<string, string> = {}) => {
  const value = key.split('.').reduce<string | Strings>((node, part) => (node as Strings)[part]!, strings(locale));
  return (value as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
};

/** Buttons, tabs and panel titles in `frame` whose label breaks over more than one line. */
const wrappedLabels = (frame: FrameLocator) =>
  frame.locator('body').evaluate((body) =>
    [...body.querySelectorAll<HTMLElement>('.btn, [role="tab"], .panel__title')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        return lines.size > 1;
      })
      .map((el) => el.textContent?.trim()),
  );

/** Whether the frame draws these characters as glyphs of their own, not as the same missing-glyph box. */
const glyphsDiffer = (frame: FrameLocator, a: string, b: string) =>
  frame.locator('body').evaluate(
    (body, [first, second]) => {
      const draw = (ch: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 32;
        const context = canvas.getContext('2d')!;
        context.font = `24px ${getComputedStyle(body).fontFamily}`;
        context.fillText(ch, 2, 26);
        return canvas.toDataURL();
      };
      return draw(first!) !== draw(second!);
    },
    [a, b],
  );

describe("the app in German and Japanese, chosen with the playground's language switch", () => {
  it.each(['de', 'ja'])(
    '%s: an agent requests an escalation, a lead escalates it from the console, all in that language',
    async (locale) => {
      const t = (key: string, vars?: Record<string, string>) => text(locale, key, vars);
      expect(t('ui.escalation.state_none')).not.toBe(text('en', 'ui.escalation.state_none'));
      const lang = (frame: FrameLocator) =>
        frame
          .locator('html')
          .getAttribute('lang', { timeout: 1000 })
          .catch(() => '');

      await session().open({ ticket: FRESH_TICKET });
      await session().language(locale);
      const sidebar = session().sidebar();
      await expect.poll(() => lang(sidebar), { timeout: 20_000 }).toBe(locale);
      const panel = sidebar.locator('[data-panel="escalation"]');
      const badge = () => session().text(panel.getByTestId('escalation-badge'));
      await expect.poll(badge, { timeout: 20_000 }).toBe(t('ui.escalation.state_none'));
      await panel.getByRole('button', { name: t('ui.escalation.request') }).click();
      await panel.getByLabel(t('ui.escalation.reason_request')).fill('Karte gesperrt, Kunde in Tokio / カードが使えません');
      await panel.getByRole('button', { name: t('ui.escalation.request') }).click();
      await expect.poll(badge, { timeout: 20_000 }).toBe(t('ui.escalation.state_requested'));
      await sidebar.locator('[data-panel="knowledge"] li.article').first().waitFor({ timeout: 20_000 });
      expect(await wrappedLabels(sidebar)).toEqual([]);
      if (locale === 'ja') expect(await glyphsDiffer(sidebar, '回', '答'), 'no CJK font: install fonts-noto-cjk').toBe(true);

      // The console lists requests from Zendesk's search, which has the request a moment after it was made.
      await expect.poll(() => session().searchFinds('tags:escalation_requested', FRESH_TICKET), { timeout: 20_000 }).toBe(true);
      await session().persona('lead');
      await session().language(locale);
      await session().open({ route: 'console' });
      const lead = session().console();
      await expect.poll(() => lang(lead), { timeout: 20_000 }).toBe(locale);
      await expect
        .poll(() => lead.getByRole('tab', { name: t('ui.console.tab_queue'), selected: true }).count(), { timeout: 20_000 })
        .toBe(1);
      const row = lead.getByTestId('queue-row').filter({ hasText: `#${FRESH_TICKET} ` });
      await expect.poll(() => session().text(row.getByTestId('queue-requested-by')), { timeout: 20_000 }).toBe('Sam Whitfield');
      expect(await wrappedLabels(lead)).toEqual([]);
      await row.getByRole('button', { name: t('ui.escalation.escalate') }).click();
      await expect.poll(() => session().text(row), { timeout: 20_000 }).toContain(t('ui.escalation.state_escalated'));

      // The notes Zendesk keeps are written in the language of the one who acted.
      const { audits } = await session().api<{ audits: { events: { type: string; body?: string }[] }[] }>(
        `/api/v2/tickets/${FRESH_TICKET}/audits.json`,
      );
      const notes = audits.flatMap((a) => a.events.filter((e) => e.type === 'Comment').map((e) => e.body ?? ''));
      expect(notes).toEqual(
        expect.arrayContaining([
          expect.stringContaining(t('ui.escalation.note.request', { actor: 'Sam Whitfield' })),
          expect.stringContaining(t('ui.escalation.note.escalate', { actor: 'Marta Kowalski' })),
        ]),
      );
    },
  );
});
