import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const ESCALATED = 4110; // "Wrong exchange rate on hotel payment in Boston", escalated, Hannah's ticket
const SUBJECT = 'Wrong exchange rate on hotel payment in Boston';
const SLOW = { timeout: 20_000 };
const NOTE = 'The app showed the estimate; the final rate is the one Mastercard applies on the processing day, plus the 1% fee.';

interface RootCauseRecord {
  id: string;
  name: string;
  custom_object_fields: { ticket_id: number; category: string; whys: string; answer_id: string; merged_ticket_ids: string };
}

const panel = () => session().sidebar().locator('[data-panel="escalation"]');
const rootCauses = () => session().records<RootCauseRecord>('closed_loop_root_cause');

/** The lead resolves the escalated ticket with a note; the root-cause form follows. */
async function resolveWithNote() {
  await session().persona('lead');
  await session().open({ ticket: ESCALATED });
  await panel().getByRole('button', { name: 'Resolve' }).click();
  await panel().getByLabel('Resolution note (optional): what solved it').fill(NOTE);
  await panel().getByRole('button', { name: 'Resolve' }).click();
  await expect.poll(() => session().text(panel().getByTestId('escalation-badge')), SLOW).toBe('Resolved');
  await expect.poll(() => panel().getByRole('form', { name: 'Root cause' }).count(), SLOW).toBe(1);
}

describe('root causes', () => {
  it('a lead resolving an escalation records its root cause, and makes the answer from the ticket', async () => {
    await resolveWithNote();
    const form = panel().getByRole('form', { name: 'Root cause' });
    // The note is stored with the resolution, as escalation notes are.
    const audits = await session().api<{ audits: { events: { type: string; body?: string }[] }[] }>(
      `/api/v2/tickets/${ESCALATED}/audits.json`,
    );
    expect(audits.audits.at(-1)!.events.find((e) => e.type === 'Comment')?.body).toContain(NOTE);

    await form.getByLabel('Why? (1)').fill('Why did the customer see a different amount?');
    await form.getByLabel('Because… (1)').fill('The app shows an estimate at the card terminal.');
    await form.getByRole('button', { name: 'Add why' }).click();
    // The new line takes the focus, for the keyboard.
    await expect.poll(() => form.getByLabel('Why? (2)').evaluate((el) => el === document.activeElement), SLOW).toBe(true);
    await session().page.keyboard.type('Why is the estimate not marked as one?');
    await form.getByLabel('Because… (2)').fill('Nobody documented how the final rate is set.');
    for (let n = 3; n <= 5; n++) await form.getByRole('button', { name: 'Add why' }).click();
    // Five lines at most: the button goes.
    expect(await form.getByRole('button', { name: 'Add why' }).count()).toBe(0);
    await form.getByLabel('Category').selectOption('knowledge_gap');
    await form.getByLabel('Make this an approved answer').check();
    await form.getByRole('button', { name: 'Save root cause' }).click();

    // The record, linked to the ticket, with the lines that were written (empty ones dropped).
    await expect.poll(async () => (await rootCauses()).length, SLOW).toBe(1);
    const [cause] = await rootCauses();
    expect(cause!.custom_object_fields).toMatchObject({ ticket_id: ESCALATED, category: 'knowledge_gap', answer_id: '' });
    expect(JSON.parse(cause!.custom_object_fields.whys)).toEqual([
      { why: 'Why did the customer see a different amount?', because: 'The app shows an estimate at the card terminal.' },
      { why: 'Why is the estimate not marked as one?', because: 'Nobody documented how the final rate is set.' },
    ]);
    expect(cause!.name).toBe('Nobody documented how the final rate is set.');

    // The answer editor, prefilled from the ticket.
    await expect.poll(() => session().modalTitle(), SLOW).toBe(SUBJECT);
    const modal = session().modal();
    expect(await modal.getByLabel('Issue summary').inputValue()).toBe(SUBJECT);
    const body = await modal.getByLabel('Answer', { exact: true }).inputValue();
    expect(body).toMatch(/^Hi \{\{requester\.first_name\}\},\n\n/);
    expect(body).toContain(NOTE);
    expect(await modal.getByLabel('How customers ask (one per line)').inputValue()).toMatch(
      /^Hello, I stayed at the Harborview Hotel in Boston and paid \$1,240\.00 at checkout/,
    );
    await modal.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => session().page.locator('.modal').count(), SLOW).toBe(0);

    // Saved as the lead's draft (approvable in the console), and the cause has its id.
    const answer = (await session().records('closed_loop_answer')).find((r) => r.name === SUBJECT)!;
    expect(answer.custom_object_fields).toMatchObject({ status: 'draft', source_ticket_id: ESCALATED, owner_id: 10002 });
    await expect.poll(async () => (await rootCauses())[0]!.custom_object_fields.answer_id, SLOW).toBe(answer.id);
    await expect
      .poll(() => session().text(panel().getByRole('status').last()), SLOW)
      .toBe('Answer saved as a draft and linked to the root cause. Approve it in the console.');
  });

  it('can be skipped: nothing is recorded', async () => {
    await resolveWithNote();
    await panel().getByRole('button', { name: 'Skip' }).click();
    expect(await panel().getByRole('form', { name: 'Root cause' }).count()).toBe(0);
    expect(await rootCauses()).toEqual([]);
  });
});
