import { afterAll, describe, expect, it } from 'vitest';
import type { FrameLocator, Locator } from 'playwright-core';
import { useSession } from './harness';
import { ARTICLE_URLS, chunks, joined, PAYLOADS } from './hostile/payloads';
import { contentFingerprint } from '../../src/domain/answers/approval';
import { toAnswer, type AnswerRecord } from '../../src/host/api/answers';

const session = useSession();
const TICKET = 4128; // requester 20020; rewritten below into a hostile question about statements
// The hostile feedback is about another ticket: a misfit on TICKET would keep the hostile answer off it.
const FEEDBACK_TICKET = 4101;
const REQUESTER = 20020;
const AGENT = 10004; // the agent persona: requests the escalation
const LEAD = 10002; // the lead persona: escalates, and approved the statement answer
const HOSTILE_ANSWER = '01HQ5TM7RQ2D9V4K8XWB3NCS6E'; // "Statement download", rewritten by seed() to carry the corpus
/**
 * The corpus is megabytes: every frame and the host page take longer than usual to render it, and
 * on a loaded machine a panel took over a minute (the journey alone takes about two).
 */
const SLOW = { timeout: 120_000 };
/** In every seeded article, so one search finds them all. */
const WORD = 'zqhostile';

/** Every untrusted field the app shows or inserts; each carries the whole corpus. */
const FIELDS = [
  'ticket subject',
  'requester comment',
  'requester name',
  'agent name',
  'lead name',
  'escalation notes',
  'tags',
  'article title',
  'article snippet',
  'article body',
  'article labels',
  'article URL',
  'answer title',
  'answer body',
  'answer examples',
  'notes sending proposals back',
  'feedback notes',
  'feedback names',
  'root cause names',
  'root cause why/because lines',
] as const;

let checks = 0;
function check(ok: boolean, message: string) {
  expect(ok, message).toBe(true);
  checks++;
}
afterAll(() => {
  console.log(`hostile corpus: ${PAYLOADS.length} payloads × ${FIELDS.length} fields, ${checks} checks passed`);
});

const all = joined(' ');
/**
 * Zendesk stores at most 32 KB per custom object record, so in answers and feedback the megabyte
 * payload becomes the longest unbroken word that still leaves the record room for the rest.
 */
const RECORD_WORD = 4096;
const inRecord = (value: string) => value.slice(0, RECORD_WORD);
const recordJoined = (separator: string) => PAYLOADS.map((p) => inRecord(p.value)).join(separator);
const ARTICLES = chunks(ARTICLE_URLS.length).map((chunk, i) => ({
  // Every title ends in Markdown and placeholder syntax, which a plain-text reply must not turn live.
  title: `${WORD} ${chunk.map((p) => p.value).join(' ')} [pay here](https://pay.example) {{ticket.requester.email}}`,
  body: `<p>${WORD}</p>${chunk.map((p) => `<p>${p.value}</p>`).join('')}`,
  snippet: `<em>${WORD}</em> ${chunk.map((p) => p.value).join(' ')}`,
  label_names: chunk.map((p) => p.value),
  html_url: ARTICLE_URLS[i]!.url,
}));

/** The whole corpus in every field, written through the emulated REST API where Zendesk has one. */
async function seed() {
  const s = session();
  await s.control('settings', 'POST', { suggestion_count: 10 });
  await s.control('seed', 'POST', {
    users: [REQUESTER, AGENT, LEAD].map((id) => ({ id, name: all })),
    articles: ARTICLES,
  });
  const put = (ticket: Record<string, unknown>) => s.api(`/api/v2/tickets/${TICKET}.json`, 'PUT', { ticket });
  await s.control('persona', 'POST', { persona: 'agent' });
  await put({
    subject: `Monthly statement as PDF ${all}`,
    tags: ['statements', 'web_form', ...PAYLOADS.map((p) => p.value)],
    comment: {
      html_body: `<p>How do I download my monthly statement as a PDF?</p>${PAYLOADS.map((p) => `<p>${p.value}</p>`).join('')}`,
      public: true,
      author_id: REQUESTER,
    },
  });
  await put({ custom_fields: [{ id: 360001, value: 'escalation_requested' }], comment: { body: all, public: false } });
  await s.control('persona', 'POST', { persona: 'lead' });
  await put({ custom_fields: [{ id: 360001, value: 'escalation_escalated' }], comment: { body: all, public: false } });

  const answer = (await s.records<AnswerRecord>('closed_loop_answer')).find((r) => r.id === HOSTILE_ANSWER)!;
  const hostile = {
    ...answer,
    name: `Statement download ${recordJoined(' ')}`,
    custom_object_fields: {
      ...answer.custom_object_fields,
      answer_body: `Hi {{requester.first_name}},\n\n${recordJoined('\n\n')}\n\nBest,\n{{agent.first_name}}`,
      examples: `${String(answer.custom_object_fields.examples)}\n${recordJoined('\n')}`,
    },
  };
  // The lead (the persona now) writes and approves the hostile text, as the console would.
  await s.api(`/api/v2/custom_objects/closed_loop_answer/records/${HOSTILE_ANSWER}.json`, 'PATCH', {
    custom_object_record: {
      name: hostile.name,
      custom_object_fields: {
        answer_body: hostile.custom_object_fields.answer_body,
        examples: hostile.custom_object_fields.examples,
        approval_fingerprint: contentFingerprint(toAnswer(hostile)),
      },
    },
  });
  for (const [i, { value: whole }] of PAYLOADS.entries()) {
    const value = inRecord(whole);
    await s.api('/api/v2/custom_objects/closed_loop_answer/records.json', 'POST', {
      custom_object_record: {
        name: value,
        // Written by the lead (the persona now): each proposal shows as sent back with this note.
        custom_object_fields: { answer_body: value, examples: value, summary: value, status: 'draft', locale: 'en', review_note: value },
      },
    });
    await s.api('/api/v2/custom_objects/closed_loop_feedback/records.json', 'POST', {
      custom_object_record: {
        name: `Outdated: ${value}`,
        custom_object_fields: {
          kind: ['misfit', 'example', 'outdated_article'][i % 3],
          answer_id: HOSTILE_ANSWER,
          article_id: 9001001,
          ticket_id: FEEDBACK_TICKET,
          note: value,
          reporter_id: AGENT,
          handled: false,
        },
      },
    });
    // The lead's root causes, with the payload as the cause and as its why/because lines.
    await s.api('/api/v2/custom_objects/closed_loop_root_cause/records.json', 'POST', {
      custom_object_record: {
        name: value,
        custom_object_fields: {
          ticket_id: TICKET,
          category: 'product_bug',
          whys: JSON.stringify([{ why: value, because: value }]),
          merged_ticket_ids: '',
          answer_id: HOSTILE_ANSWER,
        },
      },
    });
  }
  // The escalation reaches the console's queue once Zendesk search has indexed it.
  await expect.poll(() => s.searchFinds('tags:escalation_escalated', TICKET), SLOW).toBe(true);
}

interface Inspection {
  live: string[];
  handlers: string[];
  hrefs: string[];
  scrollWidth: number;
  clientWidth: number;
  text: string;
}

/** What the data could have turned into inside an app frame: live elements, handlers, links, overflow. */
function inspect(frame: FrameLocator): Promise<Inspection> {
  return frame.locator('html').evaluate((root) => {
    const body = root.ownerDocument.body;
    const elements = [...body.querySelectorAll('*')];
    return {
      live: [
        ...body.querySelectorAll(
          'script, iframe, frame, object, embed, img, video, audio, source, form[action], meta, base, link, style, math',
        ),
      ].map((e) => e.outerHTML.slice(0, 120)),
      handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      hrefs: elements
        .filter((e) => e.hasAttribute('href') || e.hasAttribute('xlink:href') || e.hasAttribute('action') || e.hasAttribute('formaction'))
        .map(
          (e) => e.getAttribute('href') ?? e.getAttribute('xlink:href') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? '',
        ),
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      text: body.innerText.slice(0, 200_000),
    };
  });
}

async function assertInert(where: string, frame: FrameLocator, shown: string[]) {
  const found = await inspect(frame);
  check(found.live.length === 0, `${where}: no live elements from data, found ${found.live.join(' | ')}`);
  check(found.handlers.length === 0, `${where}: no event handler attributes, found ${found.handlers.join(', ')}`);
  for (const href of found.hrefs) check(/^https?:\/\//i.test(href), `${where}: link is http(s): ${href.slice(0, 120)}`);
  check(
    found.scrollWidth <= found.clientWidth + 1,
    `${where}: no horizontal overflow (scrollWidth ${found.scrollWidth} > clientWidth ${found.clientWidth})`,
  );
  // The payloads are there as text, so the checks above looked at the right thing.
  for (const text of shown) check(found.text.includes(text), `${where}: shows ${JSON.stringify(text.slice(0, 60))} as text`);
}

/** The reply is inert: what an agent would send contains no live markup and no unsafe link. */
async function assertComposerInert(where: string) {
  const { html } = await session().composer();
  const found = await session().page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'text/html');
    const elements = [...doc.body.querySelectorAll('*')];
    return {
      tags: [...new Set(elements.map((e) => e.tagName.toLowerCase()))],
      handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      hrefs: elements
        .filter((e) => e.hasAttribute('href') || e.hasAttribute('src'))
        .map((e) => e.getAttribute('href') ?? e.getAttribute('src')!),
    };
  }, html);
  const allowed = new Set(['p', 'br', 'a', 'blockquote']);
  check(
    found.tags.every((t) => allowed.has(t)),
    `${where}: reply has only p, br, a and blockquote, found ${found.tags.join(', ')}`,
  );
  check(found.handlers.length === 0, `${where}: reply has no event handlers, found ${found.handlers.join(', ')}`);
  for (const href of found.hrefs) check(/^https?:\/\//i.test(href), `${where}: reply link is http(s): ${href.slice(0, 120)}`);
}

async function assertNoScriptRan(where: string) {
  // Handlers such as onerror fire asynchronously; give them a moment.
  await session().page.waitForTimeout(300);
  check(!(await session().xssRan()), `${where}: no injected script ran`);
}

/**
 * Waits until `done` holds, as an agent would: when the panel says what it tried failed (on a loaded
 * machine the host, busy with megabytes, can be too late for the SDK's and the app's timeouts), the
 * agent reads why and tries again, up to twice.
 */
async function untilDone(what: string, done: () => Promise<boolean>, failed: Locator, tryAgain: () => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    let failure = '';
    await expect
      .poll(
        async () => {
          if (await done()) return true;
          failure = (await failed.allTextContents()).join(' ').slice(0, 300);
          return failure !== '';
        },
        { ...SLOW, message: `${what}: not done, and the panel showed no error` },
      )
      .toBe(true);
    if (await done()) return;
    console.log(`hostile: ${what}, attempt ${attempt} failed: ${failure}`);
    expect(attempt, `${what} failed ${attempt} times; the panel said: ${failure}`).toBeLessThan(3);
    // The notice goes when the next attempt starts (a slow one, the megabytes again): one seen after
    // that is the next attempt's. A quick failure may bring it back between two looks, as a new
    // element: the one marked here is gone either way.
    await failed.evaluateAll((notices) => notices.forEach((n) => n.setAttribute('data-seen', '')));
    await tryAgain();
    await expect
      .poll(async () => (await done()) || (await failed.evaluateAll((notices) => !notices.some((n) => n.hasAttribute('data-seen')))), {
        ...SLOW,
        message: `${what}: the notice stayed after trying again`,
      })
      .toBe(true);
  }
}

/** Clicks the first Try again in `part`: the retry of what it says failed. */
const retryIn = (part: Locator | FrameLocator) => () => part.getByRole('button', { name: 'Try again' }).first().click();

/** Inserts the answer as an agent would, clicking Insert again when the panel says it failed. */
async function insertAnswer(answers: Locator) {
  const s = session();
  const insert = () => answers.getByRole('button', { name: /^Insert/ }).click();
  await insert();
  await untilDone(
    'the reply gets the answer',
    async () => (await s.composer()).text.includes('Hi '),
    answers.locator('.status--error'),
    insert,
  );
}

describe('hostile input', { timeout: 480_000 }, () => {
  it('the sidebar shows every hostile field as text, links only http(s), does not overflow and still works', async () => {
    await seed();
    const s = session();
    await s.open({ ticket: TICKET });
    const sidebar = s.sidebar();
    const answers = sidebar.locator('[data-panel="answers"]');
    const knowledge = sidebar.locator('[data-panel="knowledge"]');

    // Each panel reads megabytes here: one too late for Zendesk's answer says so, and the agent
    // clicks its Try again.
    // The hostile answer is the match; if the matcher abstains it is one click away.
    await untilDone(
      'the answers panel offers the hostile answer',
      async () =>
        ((await s.text(answers.locator('.answer__title'))) || (await s.text(answers.locator('.alternates')))).includes(
          'Statement download',
        ),
      answers.locator('.notice--error'),
      retryIn(answers),
    );
    if (!(await answers.locator('.answer__title').count()))
      await answers.locator('.alternates button', { hasText: 'Statement download' }).click();
    await expect.poll(() => s.text(answers.locator('.answer__title')), SLOW).toContain('Statement download');
    const escalation = sidebar.locator('[data-panel="escalation"]');
    await untilDone(
      'the escalation says who escalated',
      async () => (await s.text(sidebar.getByTestId('escalation-escalated'))).includes('Escalated by'),
      escalation.locator('.notice--error'),
      retryIn(escalation),
    );
    await knowledge.getByRole('searchbox').fill(WORD);
    await untilDone(
      'the knowledge search finds the hostile articles',
      async () => (await knowledge.locator('li.article').count()) === ARTICLE_URLS.length,
      knowledge.locator('.notice--error'),
      retryIn(knowledge),
    );

    // Move over the whole frame, in case a hover handler made it into the page.
    const box = (await s.page.locator('iframe[data-location="ticket_sidebar"]').boundingBox())!;
    for (let y = box.y + 5; y < box.y + box.height; y += 60) await s.page.mouse.move(box.x + box.width / 2, y);

    await assertInert('sidebar', sidebar, [
      '<script>window.__xss=1</script>',
      '<img src=x onerror=window.__xss=1>',
      'javascript:',
      '\u202E',
      '👩🏽‍💻',
    ]);
    // A megabyte is clipped for display (laying it out takes seconds), not dropped.
    const subject = await s.text(sidebar.getByTestId('ticket-subject'));
    check(subject.startsWith('Monthly statement as PDF <script>') && subject.length < 1000, 'sidebar: the subject is clipped for display');
    check(
      (await s.text(sidebar.getByTestId('escalation-requested'))).includes('<svg onload=window.__xss=1>'),
      'sidebar: requester and note shown as text',
    );
    await assertNoScriptRan('sidebar');

    // Articles with an unsafe URL have no link and cannot be linked, quoted or opened.
    const items = knowledge.locator('li.article');
    for (const [i, { url, safe }] of ARTICLE_URLS.entries()) {
      const item = items.filter({ hasText: ARTICLES[i]!.title.slice(0, 40) }).first();
      const link = item.getByRole('button', { name: 'Link', exact: true });
      check((await link.isDisabled()) === !safe, `article URL ${JSON.stringify(url.slice(0, 40))}: Link ${safe ? 'enabled' : 'refused'}`);
      check(
        (await item.locator('a').count()) === (safe ? 1 : 0),
        `article URL ${JSON.stringify(url.slice(0, 40))}: ${safe ? 'one link' : 'no link'}`,
      );
    }

    // Still usable: Link, Quote (the one-megabyte article) and Insert reach the composer, inert.
    const safeItems = ARTICLE_URLS.flatMap((u, i) => (u.safe ? [i] : []));
    for (const i of safeItems) {
      const item = items.filter({ hasText: ARTICLES[i]!.title.slice(0, 40) }).first();
      await item.getByRole('button', { name: 'Link', exact: true }).click();
      await item.getByRole('button', { name: 'Quote', exact: true }).click();
    }
    await expect.poll(async () => (await s.composer()).html.match(/<blockquote>/g)?.length ?? 0, SLOW).toBe(safeItems.length);
    await insertAnswer(answers);
    await expect.poll(async () => (await s.composer()).html, SLOW).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    await assertComposerInert('reply');
    check((await s.form()).tags.includes(`cla_${HOSTILE_ANSWER.toLowerCase()}`), 'Insert tagged the ticket');
    await assertInert('sidebar after actions', sidebar, []);
    await assertNoScriptRan('sidebar after actions');

    // A plain-text reply is formatted by Zendesk as Markdown: nothing from data may become a link,
    // an image or a placeholder there.
    await s.page.getByLabel('Rich text').uncheck();
    // The agent empties the reply first: the megabyte quoted above would only slow every append down.
    await s.page.getByRole('textbox', { name: 'Reply' }).fill('');
    const before = (await s.composer()).text.length;
    for (const i of safeItems) {
      const item = items.filter({ hasText: ARTICLES[i]!.title.slice(0, 40) }).first();
      await item.getByRole('button', { name: 'Link', exact: true }).click();
      await item.getByRole('button', { name: 'Quote', exact: true }).click();
    }
    const appended = async () => (await s.composer()).text.slice(before);
    await expect.poll(async () => ((await appended()).match(/\n/g)?.length ?? 0) >= safeItems.length * 2, SLOW).toBe(true);
    const plain = await appended();
    check(!/\]\(/.test(plain), `plain reply: no Markdown link or image, found ${plain.match(/.{0,30}\]\(.{0,30}/)?.[0] ?? ''}`);
    check(!/\{\{|\{%/.test(plain), 'plain reply: no Zendesk placeholder');
    check(plain.includes(WORD) && plain.includes('\u200b'), 'plain reply: the titles are there as text, their syntax broken');
  });

  it('the lead console shows hostile answers, notes and feedback inert and stays usable', async () => {
    await seed();
    const s = session();
    await s.open({ route: 'console' });
    const console_ = s.console();
    const tab = (name: string) => console_.getByRole('tab', { name });
    // Each list is megabytes here: a read too late for Zendesk's answer says so, and the lead tries again.
    const failed = console_.locator('.notice--error');
    const retry = retryIn(console_);

    // The newest request comes last in the queue, oldest first.
    await untilDone('the console lists the queue', async () => (await console_.getByTestId('queue-row').count()) > 0, failed, retry);
    const ours = console_.getByTestId('queue-row').filter({ hasText: `#${TICKET}` });
    for (let page = 2; page <= 10 && !(await ours.count()); page++) {
      await console_.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => s.text(console_.locator('.pager')), SLOW).toContain(`Page ${page} `);
    }
    check((await ours.count()) === 1, 'console queue: the hostile ticket is listed');
    await assertInert('console queue', console_, ['<script>window.__xss=1</script>', '<SCRIPT>window.__xss=1</SCRIPT>']);

    await tab('Answer library').click();
    // Every answer on screen once the whole library is read: the table shows fifty at a time, and "Show more" adds fifty.
    const rows = console_.getByTestId('library-row');
    await untilDone(
      'the console reads the whole library',
      async () => (await rows.count()) > 0 && (await console_.getByTestId('library-reading').count()) === 0,
      failed,
      retry,
    );
    const more = console_.getByRole('button', { name: 'Show more' });
    await expect
      .poll(async () => {
        if (await more.count()) await more.click();
        return more.count();
      }, SLOW)
      .toBe(0);
    expect(await rows.count()).toBeGreaterThan(PAYLOADS.length);
    await assertInert('console library', console_, [
      '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
      '{{constructor.constructor',
    ]);
    check(
      (await console_.getByTestId('sent-back').count()) >= PAYLOADS.length,
      'console library: every hostile note is shown as sent back',
    );

    // The editor and its preview of the hostile answer; saving still works.
    const row = console_.getByTestId('library-row').filter({ hasText: 'Statement download' });
    await row.getByRole('button', { name: /^Edit/ }).click();
    await expect.poll(() => console_.locator('.preview').count(), SLOW).toBe(1);
    await assertInert('console editor', console_, ['<svg><script>window.__xss=1</script></svg>']);
    await console_.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => s.text(console_.getByRole('status').filter({ hasText: 'saved' })), SLOW).toContain('Answer saved.');

    await tab('Proposals and feedback').click();
    await untilDone(
      'the console lists the feedback',
      async () => (await console_.locator('[data-testid^="feedback-"]').count()) >= PAYLOADS.length,
      failed,
      retry,
    );
    await assertInert('console feedback', console_, ['"><img src=x onerror=window.__xss=1>', '[click me](javascript:window.__xss=1)']);
    const before = await console_.locator('[data-testid^="feedback-"]').count();
    await console_.locator('[data-testid="feedback-misfit"]').first().getByRole('button', { name: 'Mark handled' }).click();
    await expect.poll(() => console_.locator('[data-testid^="feedback-"]').count(), SLOW).toBe(before - 1);

    await tab('Root causes').click();
    await untilDone(
      'the console lists the root causes',
      async () => (await console_.getByTestId('root-cause').count()) === PAYLOADS.length,
      failed,
      retry,
    );
    await assertInert('console root causes', console_, ['<script>window.__xss=1</script>', '<img src=x onerror=window.__xss=1>']);
    await assertInert('console after actions', console_, []);
    await assertNoScriptRan('console');
  });
});
