import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const PAYMENT_TICKET = 4109; // "Payment I didn't make": a card payment the customer does not recognise

const panel = () => session().sidebar().locator('[data-panel="knowledge"]');
const articleTitles = () => panel().locator('.article__title').allTextContents();
const searchCalls = async () => (await session().calls()).counts['help_center.search'] ?? 0;

describe('knowledge suggestions', () => {
  it('suggests articles from what the customer wrote, with their snippets and labels', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await expect.poll(articleTitles).toContain("I don't recognise a payment");
    const query = (await session().calls()).calls.find((c) => c.endpoint === 'help_center.search')!.path;
    // The customer's words, not the greeting or signature.
    expect(decodeURIComponent(query)).toMatch(/charge|payment/);
    expect(decodeURIComponent(query)).not.toMatch(/emma|advise|asap/i);
    expect(await panel().locator('mark').count()).toBeGreaterThan(0);
  });

  it("searches in the language the customer wrote in, not their profile's, and leaves weak matches out", async () => {
    // An English crash report from a requester whose Zendesk profile is Spanish.
    await session().open({ ticket: 4130 });
    await expect.poll(articleTitles, { timeout: 20_000 }).toContain("The app keeps crashing or won't open");
    const titles = await articleTitles();
    expect(titles).not.toContain('Restablecer tu contraseña');
    expect(titles).not.toContain('Mi transferencia no ha llegado');
    // The SMS-code article shares only "app" with the crash report: below the relevance floor.
    expect(titles).not.toContain("I'm not receiving SMS verification codes");
    const searched = (await session().calls()).calls.filter((c) => c.endpoint === 'help_center.search').map((c) => c.path);
    expect(searched.every((path) => new URL(path, 'https://x').searchParams.get('locale') === 'en-us')).toBe(true);
  });

  it('Link and Quote append to the reply in the composer mode', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await session().settled();
    const first = panel().locator('li.article').first();
    await first.waitFor();
    const title = (await first.locator('.article__title').textContent())!;
    const href = (await first.locator('a.article__title').getAttribute('href'))!;
    await first.getByRole('button', { name: 'Link' }).click();
    await expect.poll(async () => (await session().composer()).html).toContain(`<a href="${href}">`);
    await first.getByRole('button', { name: 'Quote' }).click();
    await expect.poll(async () => (await session().composer()).html).toContain('<blockquote>');
    // Plain-text composer: the link arrives as text.
    await session().page.getByLabel('Rich text').uncheck();
    await first.getByRole('button', { name: 'Link' }).click();
    await expect.poll(async () => (await session().composer()).text).toContain(`${title}: ${href}`);
    await expect
      .poll(
        async () => (await session().records('closed_loop_feedback')).filter((r) => r.custom_object_fields.kind === 'article_used').length,
      )
      .toBe(3);
    // A record of use asks nothing of a lead: it is written handled, out of the console's open reports.
    const uses = (await session().records('closed_loop_feedback')).filter((r) => r.custom_object_fields.kind === 'article_used');
    expect(uses.map((r) => r.custom_object_fields.handled)).toEqual([true, true, true]);
    // Usage is recorded without tagging the ticket.
    expect((await session().form()).tags.filter((t) => t.includes('article'))).toEqual([]);
  });

  it('asks before quoting an article that only a user segment may read', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await session().settled();
    await panel().getByRole('searchbox').fill('transfer confirmation');
    const item = panel().locator('li.article').filter({ hasText: 'Getting a transfer confirmation' }).first();
    await item.waitFor();
    expect(await session().text(item.locator('.badge'))).toBe('Not public');
    await item.getByRole('button', { name: 'Quote' }).click();
    await expect.poll(() => session().text(item.getByRole('alert'))).toContain('the customer may not be allowed to');
    expect((await session().composer()).html).not.toContain('<blockquote>');
    await item.getByRole('button', { name: 'Quote anyway' }).click();
    await expect.poll(async () => (await session().composer()).html).toContain('<blockquote>');
    await expect.poll(() => item.getByRole('alert').count()).toBe(0);
  });

  it('Flag records the outdated article with the note for the leads', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await session().settled();
    const first = panel().locator('li.article').first();
    const flaggedTitle = await first.locator('.article__title').textContent();
    await first.getByRole('button', { name: 'Flag' }).click();
    await first.getByLabel('What is out of date in this article?').fill('The freeze button moved to the card screen.');
    await first.getByRole('button', { name: 'Send to leads' }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toContain('The leads will review');
    const flags = (await session().records('closed_loop_feedback')).filter(
      (r) => r.custom_object_fields.note === 'The freeze button moved to the card screen.',
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]!.custom_object_fields).toMatchObject({ kind: 'outdated_article', ticket_id: PAYMENT_TICKET, handled: false });
    expect(Number(flags[0]!.custom_object_fields.article_id)).toBeGreaterThan(0);
    // The title is a field of its own, not packed into the record's name.
    expect(flags[0]!.custom_object_fields.article_title).toBe(flaggedTitle);
  });

  it("searches again once when the subject changes, never on the agent's typing", async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await expect.poll(articleTitles).not.toEqual([]);
    const before = await searchCalls();
    await session().page.getByRole('textbox', { name: 'Reply' }).fill('Hi Emma, let me check that for you.');
    await session().page.waitForTimeout(400);
    expect(await searchCalls()).toBe(before);
    await session().page.fill('input[name="subject"]', 'Money transfer not received by my landlord');
    await session().page.press('input[name="subject"]', 'Enter');
    await expect.poll(searchCalls).toBe(before + 1);
    await session().page.waitForTimeout(400);
    expect(await searchCalls()).toBe(before + 1);
  });

  it('searches manually with the keyboard', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    const box = panel().getByRole('searchbox', { name: 'Search Help Center' });
    await box.fill('exchange rate');
    await expect.poll(articleTitles).toEqual(expect.arrayContaining([expect.stringMatching(/exchange rate/i)]));
    await box.press('Tab');
    await session().sidebar().locator(':focus').press('ArrowDown');
    const focused = await session().sidebar().locator(':focus').textContent();
    expect((await articleTitles())[1]).toBe(focused);
  });

  it('renders an article whose title and snippet carry script payloads inert', async () => {
    await session().control('seed', 'POST', {
      articles: [
        {
          title: 'Card PIN <img src=x onerror="window.__xss=1">reset <script>window.__xss=1</script>',
          body:
            '<p>Forgot your card PIN? Reset it in the app under Card &gt; Security &gt; Change PIN.<script>window.__xss=1</script></p>' +
            '<h2 onmouseover="window.__xss=1">Reset your PIN</h2><p><img src="x" onerror="window.__xss=1" alt="PIN reset"></p>' +
            '<p><a href="javascript:window.__xss=1">PIN reset guide</a></p><iframe src="javascript:window.__xss=1"></iframe><svg onload="window.__xss=1"></svg>',
          label_names: ['card', 'pin'],
          html_url: 'https://lumenbank.zendesk.com/hc/en-us/articles/9990201-card-pin-reset',
        },
      ],
    });
    await session().open({ ticket: PAYMENT_TICKET });
    await panel().getByRole('searchbox').fill('PIN reset');
    await expect.poll(articleTitles).toEqual(expect.arrayContaining([expect.stringContaining('<script>')]));
    expect(await panel().locator('li.article script, li.article img, li.article [onerror]').count()).toBe(0);
    await session().page.waitForTimeout(300);
    expect(await session().xssRan()).toBe(false);
  });
});

describe('knowledge from the sources connected to Zendesk (Unified Search)', () => {
  const CHECKLIST = 'Unrecognised card payment: agent checklist before a dispute';
  const CHECKLIST_URL = 'https://lumenbank.atlassian.net/wiki/spaces/OPS/pages/41001/Unrecognised+card+payment+agent+checklist';

  it('shows a Confluence page beside the articles, named, opening in a new tab, linkable and flaggable', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await session().settled();
    await expect.poll(articleTitles, { timeout: 20_000 }).toContain(CHECKLIST);
    expect(await articleTitles()).toContain("I don't recognise a payment");
    const item = panel().locator('li.article').filter({ hasText: CHECKLIST });
    expect(await session().text(item.locator('.badge'))).toBe('Source: Confluence');
    const title = item.locator('a.article__title');
    expect(await title.getAttribute('href')).toBe(CHECKLIST_URL);
    expect(await title.getAttribute('target')).toBe('_blank');
    expect(await title.getAttribute('rel')).toBe('noopener noreferrer');
    // Unified Search gives no body to quote: only Link, Open and Flag.
    expect(await item.getByRole('button').allTextContents()).toEqual(['Link', 'Open', 'Flag']);
    await item.getByRole('button', { name: 'Link' }).click();
    await expect.poll(async () => (await session().composer()).html).toContain(`<a href="${CHECKLIST_URL.replace(/&/g, '&amp;')}">`);
    await item.getByRole('button', { name: 'Flag' }).click();
    await item.getByLabel('What is out of date in this article?').fill('The dispute window is 120 days now.');
    await item.getByRole('button', { name: 'Send to leads' }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toContain('The leads will review');
    const flags = (await session().records('closed_loop_feedback')).filter((r) => r.custom_object_fields.kind === 'outdated_article');
    const flag = flags.find((r) => String(r.custom_object_fields.note).startsWith('The dispute window is 120 days now.'))!;
    expect(flag.custom_object_fields).toMatchObject({
      article_id: null,
      article_title: `${CHECKLIST} (Confluence)`,
      ticket_id: PAYMENT_TICKET,
    });
    expect(flag.custom_object_fields.note).toContain(CHECKLIST_URL);
  });

  it("shows a community post from the Help Center's community, linkable, named as one", async () => {
    await session().open({ ticket: 4114 }); // "App crash": an Android phone, since the update
    await session().settled();
    const post = panel().locator('li.article').filter({ hasText: 'App crashes on Android 14 after the update' });
    await expect.poll(() => post.count(), { timeout: 20_000 }).toBe(1);
    expect(await session().text(post.locator('.badge'))).toBe('Community post');
    expect(await post.getByRole('button', { name: 'Quote' }).count()).toBe(0);
    const href = (await post.locator('a.article__title').getAttribute('href'))!;
    expect(href).toContain('/hc/en-us/community/posts/9601001');
    await post.getByRole('button', { name: 'Link' }).click();
    await expect.poll(async () => (await session().composer()).html).toContain(`<a href="${href}">`);
  });

  it('suggests no record that only shares a word with the ticket', async () => {
    // "Top up fails with my Brazilian card": the Confluence page on locked accounts mentions the card too.
    await session().open({ ticket: 4107 });
    await expect.poll(articleTitles, { timeout: 20_000 }).toContain('Why did my top-up fail?');
    expect((await session().calls()).counts['help_center.unified_search']).toBe(1);
    expect(await articleTitles()).not.toContain('Locked account after failed sign-ins: identity checks');
    expect(
      await panel()
        .locator('.badge', { hasText: /Source:|Community post/ })
        .count(),
    ).toBe(0);
  });

  it('finds a Guru card with the manual search', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await panel().getByRole('searchbox').fill('chargeback timelines');
    const item = panel().locator('li.article').filter({ hasText: 'Chargeback timelines by card network' });
    await item.waitFor();
    expect(await session().text(item.locator('.badge'))).toBe('Source: Guru');
    expect(await item.locator('a.article__title').getAttribute('href')).toBe(
      'https://app.getguru.com/card/cLb7Xq9T/Chargeback-timelines-by-card-network',
    );
  });

  it('still shows the Help Center articles where the account has no Unified Search, and stops asking', async () => {
    await session().fault('help_center.unified_search', { kind: 'status', status: 403 });
    await session().open({ ticket: PAYMENT_TICKET });
    await expect.poll(articleTitles, { timeout: 20_000 }).toContain("I don't recognise a payment");
    expect(await panel().locator('.badge', { hasText: 'Source:' }).count()).toBe(0);
    expect(await panel().locator('.notice').count()).toBe(0);
    await panel().getByRole('searchbox').fill('chargeback timelines');
    await expect.poll(articleTitles, { timeout: 20_000 }).toContain('Disputing a card payment (chargeback)');
    expect(await articleTitles()).not.toContain('Chargeback timelines by card network');
    expect((await session().calls()).counts['help_center.unified_search']).toBe(1);
  });
});
