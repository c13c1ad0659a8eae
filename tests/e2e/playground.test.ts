import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useSession } from './harness';

// The playground as a person sees it: the reply editor, the ticket's conversation, Help Center pages.

const session = useSession();
const PAYMENT_TICKET = 4109; // "Payment I didn't make", requester Emma Novak; its answer mentions "the merchant's location"
const SLOW = { timeout: 20_000 };

/** What a person reads in an element: a text field's value, or the rendered text of anything else. */
const shown = (locator: Locator) =>
  locator.evaluate((el) =>
    el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : (el as HTMLElement).innerText,
  );

/** Clicks something that opens a new tab and returns that tab once its page has loaded. */
async function opensTab(click: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([session().page.context().waitForEvent('page', SLOW), click()]);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

const onPlayground = (tab: Page) => tab.url().startsWith(new URL(session().playground.url).origin);
/** A page's main heading, or '' while there is none: safe inside expect.poll. */
const heading = (tab: Page) => session().text(tab.locator('h1'));

describe('the playground workspace', () => {
  it("loads each location from the page the app's manifest names for it, as Zendesk does", async () => {
    const s = session();
    const { manifest } = await s.api<{ manifest: { location: { support: Record<string, { url: string }> } } }>('/__playground/manifest');
    await s.open();
    await s.page.getByRole('button', { name: 'Closed Loop console (nav bar app)' }).click();
    for (const [location, { url }] of Object.entries(manifest.location.support)) {
      const frame = s.page.locator(`iframe[data-location="${location}"]`);
      await expect.poll(() => frame.getAttribute('src'), SLOW).toContain(`/app/${url}?`);
    }
    expect(Object.keys(manifest.location.support).sort()).toEqual(['background', 'nav_bar', 'ticket_sidebar']);
  });

  it("shows an inserted reply as Zendesk's editor does, and the submitted comment the same way", async () => {
    const s = session();
    await s.open({ ticket: PAYMENT_TICKET });
    const answers = s.sidebar().locator('[data-panel="answers"]');
    await expect.poll(() => s.text(answers.locator('.answer__title')), SLOW).toBe("Payment I don't recognise");
    await answers.getByRole('button', { name: /^Insert/ }).click();

    const editor = s.page.getByRole('textbox', { name: 'Reply' });
    await expect.poll(() => shown(editor), SLOW).toContain('Hi Emma,');
    const inEditor = await shown(editor);
    expect(inEditor).toContain("check the merchant's location");
    expect(inEditor).not.toMatch(/&#?\w+;/);
    // One paragraph per paragraph: a blank line between them, not run together or on the next line.
    expect(inEditor).toMatch(/^Hi Emma,\n\nThanks for letting us know so quickly\./);
    const { text, html } = await s.composer();
    expect(text).toMatch(/^Hi Emma,\n\nThanks for letting us know so quickly\. .*merchant's location/);
    expect(html).toMatch(/^<p>Hi Emma,<\/p><p>Thanks for letting us know/);

    await s.page.getByRole('button', { name: /^Submit as/ }).click();
    const last = s.page.locator('.conversation .comment').last();
    await expect.poll(() => shown(last.locator('.comment__body')), SLOW).toContain('Hi Emma,');
    const inConversation = await shown(last.locator('.comment__body'));
    expect(inConversation).toContain("check the merchant's location");
    expect(inConversation).not.toMatch(/&#?\w+;/);
    expect(inConversation).toMatch(/^Hi Emma,\n\nThanks for letting us know so quickly\./);

    const { comments } = await s.api<{ comments: { body: string; html_body: string; plain_body: string }[] }>(
      `/api/v2/tickets/${PAYMENT_TICKET}/comments.json`,
    );
    const comment = comments[comments.length - 1]!;
    expect(comment.html_body).toMatch(/^<p>Hi Emma,<\/p><p>Thanks for letting us know/);
    expect(comment.body).toMatch(/^Hi Emma,\n\nThanks for letting us know so quickly\. .*merchant's location/);
    expect(comment.plain_body).toBe(comment.body);
  });

  it('"Open" on a suggested article opens its page on the playground, with its title', async () => {
    const s = session();
    await s.open({ ticket: PAYMENT_TICKET });
    const first = s.sidebar().locator('[data-panel="knowledge"] li.article').first();
    await first.waitFor(SLOW);
    const title = (await first.locator('.article__title').textContent())!;
    const tab = await opensTab(() => first.getByRole('button', { name: 'Open', exact: true }).click());
    expect(onPlayground(tab), tab.url()).toBe(true);
    expect(new URL(tab.url()).pathname).toMatch(/^\/hc\/en-us\/articles\/\d+-[a-z0-9-]+$/);
    await expect.poll(() => heading(tab), SLOW).toBe(title);
    expect(await tab.locator('article').innerText()).toMatch(/\w+ \w+ \w+/);
    await tab.close();
  });

  it("the console's link to a flagged article opens its page on the playground", async () => {
    const s = session();
    await s.persona('lead');
    await s.open({ route: 'console' });
    await s.console().getByRole('tab', { name: 'Proposals and feedback' }).click();
    const link = s.console().locator('[data-testid="feedback-outdated_article"] a').first();
    await link.waitFor(SLOW);
    const title = (await link.textContent())!;
    const tab = await opensTab(() => link.click());
    await expect.poll(() => onPlayground(tab), SLOW).toBe(true);
    expect(new URL(tab.url()).pathname).toMatch(/^\/hc\/en-us\/articles\/\d+-[a-z0-9-]+$/);
    await expect.poll(() => heading(tab), SLOW).toBe(title);
    await tab.close();
  });

  it('shows an article page with hostile title and body as text, running nothing', async () => {
    const s = session();
    const payload = '<script>window.__xss=1</script><img src=x onerror=window.__xss=1>';
    await s.control('seed', 'POST', {
      articles: [
        {
          id: 9990101,
          title: `PIN help ${payload}`,
          body: `<p>Change your PIN.</p>${payload}<a href="javascript:window.__xss=1">guide</a><svg onload=window.__xss=1></svg>`,
          html_url: 'https://lumenbank.zendesk.com/hc/en-us/articles/9990101-pin-help',
        },
      ],
    });
    const tab = await s.page.context().newPage();
    await tab.goto(new URL('/hc/en-us/articles/9990101-pin-help', s.playground.url).toString());
    await expect.poll(() => heading(tab), SLOW).toBe(`PIN help ${payload}`);
    expect(await tab.locator('article').innerText()).toContain('Change your PIN.');
    expect(await tab.locator('script:not([src]), img, svg, [onerror], [onload], a[href^="javascript"]').count()).toBe(0);
    await tab.waitForTimeout(300);
    expect(await tab.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await tab.close();
  });
});
