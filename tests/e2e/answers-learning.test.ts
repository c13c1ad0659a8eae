import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const PAYMENT_TICKET = 4109; // "Payment I didn't make": the payment answer fits it confidently
const PARAPHRASE_TICKET = 4146; // "A payment I did not make": no answer stands out on the approved examples alone
const PAYMENT_TITLE = "Payment I don't recognise";
const PAYMENT_ANSWER = '01HQH4ZCMT2SQDVMWCHD501YKC';

const panel = () => session().sidebar().locator('[data-panel="answers"]');
const title = () => session().text(panel().locator('.answer__title'));
const empty = () => session().text(panel().getByTestId('answers-empty'));
/** The sidebar's reads of the open example proposals (one filtered search, kind example). */
const proposalReads = async () =>
  (await session().calls()).calls.filter(
    (c) => c.app !== null && c.endpoint === 'custom_objects.records.filtered_search' && JSON.stringify(c.body).includes('"example"'),
  ).length;

interface AnswerFields {
  examples: string;
  approval_fingerprint: string;
}

describe('learning from an inserted answer', () => {
  it('an example an agent proposes counts at once, for them and for the next agent, without touching the approved answer', async () => {
    const before = (await session().records<{ id: string; custom_object_fields: AnswerFields }>('closed_loop_answer')).find(
      (r) => r.id === PAYMENT_ANSWER,
    )!;
    // The paraphrase gets no confident answer from the lead's examples alone.
    await session().open({ ticket: PARAPHRASE_TICKET });
    await expect.poll(empty, { timeout: 30_000 }).toContain('No answer fits this ticket well enough');
    expect(await title()).toBe('');

    // The agent inserts the payment answer on the ticket it fits, and proposes that ticket's subject as an example.
    await session()
      .page.getByRole('button', { name: new RegExp(`#${PAYMENT_TICKET} `) })
      .click();
    await expect.poll(title, { timeout: 30_000 }).toBe(PAYMENT_TITLE);
    await panel()
      .getByRole('button', { name: /^Insert/ })
      .click();
    await panel().getByRole('button', { name: 'Add example' }).click();
    await expect.poll(() => session().text(panel().getByRole('status').first())).toContain('A lead will review the new example');

    // Their next sidebar on the paraphrase offers the answer at once, still as the lead approved it.
    await session()
      .page.getByRole('button', { name: new RegExp(`#${PARAPHRASE_TICKET} `) })
      .click();
    await expect.poll(title, { timeout: 30_000 }).toBe(PAYMENT_TITLE);
    await expect.poll(() => session().text(panel().getByTestId('answer-trust'))).toMatch(/Approved by \w+/);
    // Three ticket views, one read of the proposals: the session keeps it, and the agent's own proposal was added to it.
    expect(await proposalReads()).toBe(1);

    // The answer record is as the lead approved it: the proposal waits for a lead in the feedback records.
    const after = (await session().records<{ id: string; custom_object_fields: AnswerFields }>('closed_loop_answer')).find(
      (r) => r.id === PAYMENT_ANSWER,
    )!;
    expect(after.custom_object_fields).toEqual(before.custom_object_fields);
    const proposals = (await session().records('closed_loop_feedback')).filter((r) => r.custom_object_fields.kind === 'example');
    expect(proposals.map((r) => [r.custom_object_fields.note, r.custom_object_fields.handled])).toEqual([["Payment I didn't make", false]]);

    // Another agent, in a new session, gets it too: from what Zendesk recorded.
    await session().fresh();
    await session().persona('lead');
    await session().open({ ticket: PARAPHRASE_TICKET });
    await expect.poll(title, { timeout: 30_000 }).toBe(PAYMENT_TITLE);
    await expect.poll(() => session().text(panel().getByTestId('answer-trust'))).toMatch(/Approved by \w+/);
  });

  it('a proposal counts only while no lead has handled it', async () => {
    // An agent's proposal, as Zendesk recorded it (made through the API here).
    const { custom_object_record: proposal } = await session().api<{ custom_object_record: { id: string } }>(
      '/api/v2/custom_objects/closed_loop_feedback/records.json',
      'POST',
      {
        custom_object_record: {
          name: "Example: Payment I didn't make",
          custom_object_fields: {
            kind: 'example',
            answer_id: PAYMENT_ANSWER,
            note: "Payment I didn't make",
            ticket_id: 4109,
            handled: false,
          },
        },
      },
    );
    await session().open({ ticket: PARAPHRASE_TICKET });
    await expect.poll(title, { timeout: 30_000 }).toBe(PAYMENT_TITLE);

    // A lead marks it handled without adding it: a new session no longer counts it.
    await session().persona('lead');
    await session().api(`/api/v2/custom_objects/closed_loop_feedback/records/${proposal.id}.json`, 'PATCH', {
      custom_object_record: { custom_object_fields: { handled: true } },
    });
    await session().fresh();
    await session().open({ ticket: PARAPHRASE_TICKET });
    await expect.poll(empty, { timeout: 30_000 }).toContain('No answer fits this ticket well enough');
    expect(await title()).toBe('');
  });
});
