import { describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/domain/answers/approval';
import { toAnswer, type AnswerRecord } from '../../src/host/api/answers';
import { useSession } from './harness';

const session = useSession();
const PAYMENT_TICKET = 4109; // "Payment I didn't make", requester Emma Novak: a confident match
const REQUESTER = 20010;
const PAYMENT_TITLE = "Payment I don't recognise";
const PAYMENT_ANSWER = '01HQH4ZCMT2SQDVMWCHD501YKC';
const GUIDE = 'https://help.lumenbank.example/hc/en-us/articles/disputes';

const FORMATTED =
  'Hi {{requester.first_name}},\n\n**Never share your card PIN or app passcode with anyone.** To dispute the payment:\n\n' +
  `1. Open the app and tap the payment.\n2. Tap *Report a problem*.\n3. Follow the steps in [our guide](${GUIDE}).\n\n` +
  '- We block the card at once.\n- A new card is free.\n\nBest,\n{{agent.first_name}}';

const HOSTILE =
  'Hi {{requester.name}},\n\n<script>window.__xss=1</script><img src=x onerror=window.__xss=1>\n\n' +
  '[a](javascript:window.__xss=1) [b](JaVaScRiPt:window.__xss=1) [c](java\tscript:window.__xss=1) ' +
  '[d](data:text/html,window.__xss=1) [e](&#106;avascript:window.__xss=1) [f]( javascript:window.__xss=1 ) ' +
  '[g](https://ok.example" onmouseover="window.__xss=1)\n\n' +
  `${'*'.repeat(3000)}${'['.repeat(3000)}${'_a'.repeat(1500)}${'**a '.repeat(500)}${'[x]('.repeat(500)}\n\nBest,\n{{agent.first_name}}`;

const panel = () => session().sidebar().locator('[data-panel="answers"]');
const body = () => panel().getByTestId('answer-body');
const title = () => session().text(panel().locator('.answer__title'));

/** The lead (the persona then) rewrites the payment answer and approves it again, as the console does. */
async function rewrite(text: string) {
  await session().control('persona', 'POST', { persona: 'lead' });
  const record = (await session().records<AnswerRecord>('closed_loop_answer')).find((r) => r.id === PAYMENT_ANSWER)!;
  const edited = { ...record, custom_object_fields: { ...record.custom_object_fields, answer_body: text } };
  await session().api(`/api/v2/custom_objects/closed_loop_answer/records/${PAYMENT_ANSWER}.json`, 'PATCH', {
    custom_object_record: { custom_object_fields: { answer_body: text, approval_fingerprint: contentFingerprint(toAnswer(edited)) } },
  });
  await session().control('persona', 'POST', { persona: 'agent' });
}

async function insert() {
  await session().open({ ticket: PAYMENT_TICKET });
  await expect.poll(title, { timeout: 20_000 }).toBe(PAYMENT_TITLE);
  await expect.poll(() => session().text(panel().getByTestId('answer-trust')), { timeout: 20_000 }).toMatch(/Approved by/);
}

describe('formatted answers', () => {
  it('shows the formatting as it will be inserted', async () => {
    await rewrite(FORMATTED);
    await insert();
    // The preview is the inserted formatting: bold, a numbered list of steps, a link.
    expect(await body().locator('strong').first().textContent()).toBe('Never share your card PIN or app passcode with anyone.');
    expect(await body().locator('ol > li').allTextContents()).toEqual([
      'Open the app and tap the payment.',
      'Tap Report a problem.',
      'Follow the steps in our guide.',
    ]);
    expect(await body().locator('a').getAttribute('href')).toBe(GUIDE);
    expect(await session().text(body())).not.toContain('**');
  });

  it('inserts the formatting as HTML into a rich-text reply', async () => {
    await rewrite(FORMATTED);
    await insert();
    await panel()
      .getByRole('button', { name: /^Insert/ })
      .click();
    await expect.poll(async () => (await session().composer()).html, { timeout: 20_000 }).toContain('Hi Emma,');
    const { html, rich } = await session().composer();
    expect(rich).toBe(true);
    expect(html).toContain('<strong>Never share your card PIN or app passcode with anyone.</strong>');
    expect(html).toMatch(/<ol><li>Open the app and tap the payment\.<\/li><li>Tap <em>Report a problem<\/em>\.<\/li>/);
    expect(html).toContain(`<a href="${GUIDE}"`);
    expect(html).toContain('<ul><li>We block the card at once.</li>');
    expect(html).toContain('Hi Emma,');
    expect(html).not.toContain('**');
  });

  it('inserts clean plain text into a plain-text reply', async () => {
    await rewrite(FORMATTED);
    await insert();
    // The agent switches the composer to plain text, as Zendesk's editor allows (comment.useRichText).
    await session().page.getByLabel('Rich text').uncheck();
    await panel()
      .getByRole('button', { name: /^Insert/ })
      .click();
    await expect.poll(async () => (await session().composer()).text, { timeout: 20_000 }).toContain('Hi Emma,');
    const { text, rich } = await session().composer();
    expect(rich).toBe(false);
    expect(text).toContain('Never share your card PIN or app passcode with anyone. To dispute the payment:');
    expect(text).toContain(`1. Open the app and tap the payment.\n2. Tap Report a problem.\n3. Follow the steps in our guide (${GUIDE}).`);
    expect(text).toContain('- We block the card at once.\n- A new card is free.');
    expect(text).not.toMatch(/\*\*|\]\(|_Report/);
  });

  it('the answer form previews the formatting live under the body, with a hint on how to write it', async () => {
    await session().open({ ticket: PAYMENT_TICKET });
    await panel().getByRole('button', { name: 'Propose an answer' }).click();
    const modal = session().modal();
    await expect.poll(() => session().modalTitle(), { timeout: 20_000 }).toBe("Payment I didn't make");
    expect(await session().text(modal.locator('#af-body-format'))).toContain('**bold**');
    await modal
      .getByLabel('Answer', { exact: true })
      .fill(`${FORMATTED}\n\n[bad](javascript:window.__xss=1) <script>window.__xss=1</script>`);
    const preview = modal.getByTestId('answer-preview');
    await expect.poll(() => preview.locator('ol > li').count(), { timeout: 20_000 }).toBe(3);
    expect(await preview.locator('strong').first().textContent()).toBe('Never share your card PIN or app passcode with anyone.');
    expect(await preview.locator('a').count()).toBe(1);
    expect(await preview.locator('a').getAttribute('href')).toBe(GUIDE);
    // Example values fill the placeholders, as in the console's editor.
    expect(await session().text(preview)).toContain('Hi Alex,');
    expect(await session().text(preview)).toContain('[bad](javascript:window.__xss=1) <script>');
    expect(await session().xssRan()).toBe(false);
  });

  it('keeps hostile Markdown and customer values inert in the preview and the reply', async () => {
    // The customer's name carries formatting, a link and markup: it stays the text it is.
    await session().control('seed', 'POST', { users: [{ id: REQUESTER, name: '**Emma** [pay](https://evil.example) <b>Novak</b>' }] });
    await rewrite(HOSTILE);
    await insert();
    await expect.poll(() => session().text(body()), { timeout: 20_000 }).toContain('<script>window.__xss=1</script>');
    const shown = await session().text(body());
    expect(shown).toContain('**Emma**');
    expect(shown.replaceAll('\u200b', '')).toContain('[pay](https://evil.example) <b>Novak</b>');
    expect(shown).toContain('[a](javascript:window.__xss=1)');
    expect(shown).toContain('[b](JaVaScRiPt:window.__xss=1)');
    expect(await body().locator('a, script, img, [onerror], [onmouseover], b').count()).toBe(0);

    await panel()
      .getByRole('button', { name: /^Insert/ })
      .click();
    await expect.poll(async () => (await session().composer()).html, { timeout: 20_000 }).toContain('&lt;script&gt;');
    const { html } = await session().composer();
    expect(html).not.toMatch(/<(a|script|img|b)[\s>]/);
    expect(html).not.toContain('javascript:window.__xss=1"');
    expect(html).toContain('**Emma**');
    expect(html).toContain('[a](javascript:window.__xss=1)');
    expect(await session().page.locator('.composer__editor a, .composer__editor script, .composer__editor img').count()).toBe(0);
    await session().page.waitForTimeout(300);
    expect(await session().xssRan()).toBe(false);
  });
});
