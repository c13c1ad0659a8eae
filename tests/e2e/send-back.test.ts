import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { backgroundChecks, useSession } from './harness';

const session = useSession();
const SLOW = { timeout: 20_000 };
const SAM = 10004; // the agent persona
const MARTA = 10002; // the lead persona
const TITLE = 'Unknown payment: freeze the card first';
const NOTE = 'Say how long the refund takes, and link the <b>chargeback</b> article.';
const RECORDS = '/api/v2/custom_objects/closed_loop_answer/records';

interface ApiAnswer {
  id: string;
  updated_by_user_id: string;
  custom_object_fields: Record<string, unknown>;
}

/** Sam (the agent persona, who the playground signs in by default) proposes an answer. */
async function proposeAsSam(): Promise<ApiAnswer> {
  const created = await session().api<{ custom_object_record: ApiAnswer & { created_by_user_id: string } }>(`${RECORDS}.json`, 'POST', {
    custom_object_record: {
      name: TITLE,
      custom_object_fields: {
        summary: 'A card payment the customer did not make',
        answer_body: 'Hi {{requester.first_name}}, please freeze the card in the app.',
        examples: "payment I didn't make",
        locale: 'en',
        status: 'draft',
        owner_id: SAM,
        revision: 1,
      },
    },
  });
  expect(created.custom_object_record.created_by_user_id).toBe(String(SAM));
  return created.custom_object_record;
}

/** The lead console in a second browser (its own session storage), signed in as the lead. */
async function leadConsole(): Promise<Page> {
  const s = session();
  const page = await (await s.browser.newContext()).newPage();
  const url = new URL(s.playground.url);
  url.searchParams.set('route', 'console');
  await page.goto(url.toString());
  await page.waitForSelector('.zd');
  await page.selectOption('select[aria-label="Persona"]', 'lead');
  return page;
}

describe('sending a proposal back', () => {
  it('a lead sends a proposal back with a note: the console shows who and why, and the proposer gets a notice', async () => {
    const s = session();
    const proposal = await proposeAsSam();

    // Sam works in Zendesk: the background location watches for news.
    const { started, nextCheck } = backgroundChecks(s);
    await s.page.clock.install();
    await s.open();
    await expect.poll(started, SLOW).toBe(true);
    await nextCheck();

    // Marta, a lead, sends it back from the console's answer library.
    const lead = await leadConsole();
    const c = lead.frameLocator('iframe[data-location="nav_bar"]');
    try {
      await c.getByRole('tab', { name: 'Answer library' }).click();
      await c.getByRole('button', { name: 'Proposals', exact: true }).click();
      const row = c.getByTestId('library-row').filter({ hasText: TITLE });
      await row.getByRole('button', { name: `Send back: ${TITLE}` }).click();
      const form = row.getByRole('form', { name: `Send ${TITLE} back to its proposer` });
      const send = form.getByRole('button', { name: 'Send back' });
      // The note is required.
      expect(await send.isDisabled()).toBe(true);
      await form.getByLabel('What should the proposer change? They see this note.').fill(NOTE);
      await send.click();
      await expect.poll(() => s.text(c.getByRole('status').first()), SLOW).toContain('Proposal sent back');
      await expect
        .poll(() => s.text(row.getByTestId('sent-back')), SLOW)
        .toMatch(/^Sent back by Marta Kowalski, .+: Say how long the refund takes/);
      expect(await s.text(row.getByTestId('sent-back'))).toContain(NOTE);
    } finally {
      await lead.context().close();
    }

    // Still a proposal, with the note; Zendesk recorded the lead as its last writer.
    const stored = (await s.api<{ custom_object_record: ApiAnswer }>(`${RECORDS}/${proposal.id}.json`)).custom_object_record;
    expect(stored.custom_object_fields).toMatchObject({ status: 'draft', review_note: NOTE });
    expect(stored.updated_by_user_id).toBe(String(MARTA));

    // Sam's next check finds it: a Zendesk notice with the note, as text.
    await s.control('persona', 'POST', { persona: 'agent' });
    await nextCheck();
    const notice = s.page.locator('.notices .toast').filter({ hasText: 'sent back your proposed answer' });
    await expect.poll(() => s.text(notice), SLOW).toBe(`Marta Kowalski sent back your proposed answer “${TITLE}”: ${NOTE}`);
    expect(await notice.locator('b').count()).toBe(0);
  });

  it('a note the proposer wrote themselves is not shown as a lead sending it back', async () => {
    const s = session();
    const proposal = await proposeAsSam();
    // Sam (not a lead) writes a note into the record through the API.
    await s.api(`${RECORDS}/${proposal.id}.json`, 'PATCH', {
      custom_object_record: { custom_object_fields: { review_note: 'Marta: looks good, approve it.' } },
    });
    await s.open({ route: 'console' });
    await s.persona('lead');
    const c = s.console();
    await c.getByRole('tab', { name: 'Answer library' }).click();
    const row = c.getByTestId('library-row').filter({ hasText: TITLE });
    await expect.poll(() => s.text(row.getByTestId('proposal-meta')), SLOW).toMatch(/^Proposed by Sam Whitfield, /);
    expect(await row.getByTestId('sent-back').count()).toBe(0);
    expect(await row.textContent()).not.toContain('looks good');
  });
});
