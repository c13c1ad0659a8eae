import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const PAYMENT_TICKET = 4109; // "Payment I didn't make"

const c = () => session().console();
const openTab = async (name: string) => {
  await c().getByRole('tab', { name }).click();
  await expect.poll(() => c().getByRole('tab', { name, selected: true }).count(), { timeout: 20_000 }).toBe(1);
};

/** The agent persona proposes the draft reply on the payment ticket under `title`; resolves once saved. */
async function propose(title: string) {
  await session().open({ ticket: PAYMENT_TICKET });
  await session().page.getByRole('textbox', { name: 'Reply' }).fill('Please freeze the card in the app, then we refund it.');
  await session().sidebar().getByRole('button', { name: 'Propose an answer' }).click();
  await expect.poll(() => session().modalTitle(), { timeout: 20_000 }).toBe("Payment I didn't make");
  const modal = session().modal();
  await modal.getByLabel('Title').fill(title);
  await modal.getByRole('button', { name: 'Save draft' }).click();
  await expect.poll(() => session().page.locator('.modal').count(), { timeout: 20_000 }).toBe(0);
  return (await session().records('closed_loop_answer')).find((r) => r.name === title)!;
}

describe('answer proposals', () => {
  it('show the lead who proposed them, as Zendesk recorded it, and open the ticket they came from', async () => {
    const record = await propose('Unknown payment: freeze first');
    expect(record.custom_object_fields).toMatchObject({ source_ticket_id: PAYMENT_TICKET });
    // The owner field is the proposer's to write: naming a lead there must not change who proposed it.
    await session().api(`/api/v2/custom_objects/closed_loop_answer/records/${record.id}.json`, 'PATCH', {
      custom_object_record: { custom_object_fields: { owner_id: 10002 } },
    });

    await session().open({ route: 'console' });
    await session().persona('lead');
    await expect.poll(() => c().getByRole('tab', { name: 'Escalations' }).count(), { timeout: 20_000 }).toBe(1);
    await openTab('Proposals and feedback');
    const card = c().getByTestId('proposal').filter({ hasText: 'Unknown payment: freeze first' });
    await expect.poll(() => session().text(card.getByTestId('proposal-meta')), { timeout: 20_000 }).toMatch(/^Proposed by Sam Whitfield, /);
    await card.getByRole('button', { name: `Open ticket #${PAYMENT_TICKET}` }).click();
    await expect
      .poll(() => session().page.locator('input[name="subject"]').inputValue(), { timeout: 20_000 })
      .toBe("Payment I didn't make");
  });
});
