import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useSession } from './harness';

// The playground as a person sees it: the reply editor and the ticket's conversation.

const session = useSession();
const PAYMENT_TICKET = 4109; // "Payment I didn't make", requester Emma Novak; its answer mentions "the merchant's location"
const SLOW = { timeout: 20_000 };

/** What a person reads in an element: a text field's value, or the rendered text of anything else. */
const shown = (locator: Locator) =>
  locator.evaluate((el) =>
    el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : (el as HTMLElement).innerText,
  );

describe('the playground workspace', () => {
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
});
