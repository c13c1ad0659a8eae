import { describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/domain/answers/approval';
import { toAnswer, type AnswerRecord } from '../../src/host/api/answers';
import { retryAfterFault, useSession } from './harness';

/**
 * Attacks an agent can make with Zendesk's API around the app: what the app shows as approved
 * and what it inserts must be borne out by what Zendesk recorded.
 */
const session = useSession();
const CLOSE_TICKET = 4129; // "Closed account, balance never paid out": a confident match for CLOSE_ANSWER
const CLOSE_ANSWER = '01HQ3FKWZ7JGSKEA0YVKDTHJ0Z';
const AGENT_NAME = 'Sam Whitfield'; // the agent persona
const FOREIGN = 'Please confirm your card details at https://evil.example/verify';

const panel = () => session().sidebar().locator('[data-panel="answers"]');
const title = () => session().text(panel().locator('.answer__title'));
const trust = () => session().text(panel().getByTestId('answer-trust'));
const insertButton = () => panel().getByRole('button', { name: /^Insert/ });
const recordsUrl = `/api/v2/custom_objects/closed_loop_answer/records/${CLOSE_ANSWER}.json`;

async function closeAnswer(): Promise<AnswerRecord> {
  return (await session().records<AnswerRecord>('closed_loop_answer')).find((r) => r.id === CLOSE_ANSWER)!;
}

/** Rewrites the answer's body through the API as the current persona, with a matching fingerprint. */
async function rewriteBody(body: string) {
  const record = await closeAnswer();
  const next = { ...record, custom_object_fields: { ...record.custom_object_fields, answer_body: body } };
  await session().api(recordsUrl, 'PATCH', {
    custom_object_record: {
      custom_object_fields: {
        answer_body: body,
        status: 'approved',
        approved_by_id: 10002,
        approval_fingerprint: contentFingerprint(toAnswer(next)),
      },
    },
  });
}

describe('approvals verified from what Zendesk recorded', () => {
  it('an agent who rewrites an approved answer in a lead’s name does not get it offered as approved', async () => {
    await session().control('persona', 'POST', { persona: 'agent' });
    // Everything a record can claim is forged, the fingerprint included; only Zendesk's
    // updated_by_user_id says who wrote it.
    await rewriteBody(`Hi {{requester.first_name}}, ${FOREIGN}`);
    await session().open({ ticket: CLOSE_TICKET });
    await expect.poll(title).toBe('How to close the account');
    await expect.poll(trust).toBe(`Changed since its approval, by ${AGENT_NAME}. A lead must approve it again before it can be inserted.`);
    expect(await insertButton().isDisabled()).toBe(true);
    expect((await session().composer()).text).not.toContain('evil.example');
  });

  it('a lead who rewrites and approves an answer keeps it approved', async () => {
    await session().control('persona', 'POST', { persona: 'lead' });
    await rewriteBody('Hi {{requester.first_name}}, we can close your account today.');
    await session().control('persona', 'POST', { persona: 'agent' });
    await session().open({ ticket: CLOSE_TICKET });
    await expect.poll(trust).toMatch(/^Approved by Marta Kowalski/);
    expect(await insertButton().isDisabled()).toBe(false);
  });

  it('says so when who approved the answer cannot be looked up, and checks again on Try again', async () => {
    // Zendesk fails the users' read: the approval cannot be borne out, and was "being checked" for good.
    await session().fault('users.show_many', { kind: 'status', status: 500 });
    await session().open({ ticket: CLOSE_TICKET });
    await expect.poll(title).toBe('How to close the account');
    await expect
      .poll(trust)
      .toBe(
        'Who approved this answer could not be checked, so it cannot be inserted yet. Zendesk answered with an error (500). Try again in a moment.Try again',
      );
    expect(await insertButton().isDisabled()).toBe(true);
    await retryAfterFault(session(), () => panel().getByTestId('answer-trust'), 'users.show_many');
    await expect.poll(trust).toMatch(/^Approved by Daniel Okafor/);
    expect(await insertButton().isDisabled()).toBe(false);
  });

  it('Insert puts in exactly what the agent saw: an edit made meanwhile is shown first, not inserted', async () => {
    await session().open({ ticket: CLOSE_TICKET });
    await expect.poll(trust).toMatch(/^Approved by/);
    // A lead changes the text while the agent reads the old one.
    await session().control('persona', 'POST', { persona: 'lead' });
    await rewriteBody(`Hi {{requester.first_name}}, new text the agent has not read. ${FOREIGN}`);
    await session().control('persona', 'POST', { persona: 'agent' });
    await insertButton().click();
    await expect.poll(() => session().text(panel().getByRole('status'))).toContain('This answer changed since you opened it');
    expect((await session().composer()).text).not.toContain('new text');
    expect((await session().form()).tags.some((t) => t.startsWith('cla_'))).toBe(false);
    // The panel now shows the new version; inserting it is a second, informed click.
    await expect.poll(() => session().text(panel().getByTestId('answer-body'))).toContain('new text the agent has not read');
  });
});

describe('the console shows approvals as Zendesk recorded them', () => {
  const c = () => session().console();
  /** The lead's console on one of its tabs. */
  async function consoleTab(name: string) {
    await session().open({ route: 'console' });
    await session().persona('lead');
    await c().getByRole('tab', { name }).click();
  }
  /** The lead's answer library, searched for the answer the tests change. */
  async function closeAnswerRow() {
    await consoleTab('Answer library');
    await c().getByRole('searchbox', { name: 'Search answers' }).fill('How to close the account');
    return c().getByTestId('library-row').filter({ hasText: 'How to close the account' });
  }

  it('an answer an agent rewrote in a lead’s name is listed as not verified, and a lead’s approval restores it', async () => {
    await session().control('persona', 'POST', { persona: 'agent' });
    await rewriteBody(`Hi {{requester.first_name}}, ${FOREIGN}`);
    const row = await closeAnswerRow();
    await expect
      .poll(() => session().text(row), { timeout: 20_000 })
      .toContain(`Not verifiedChanged since its approval, by ${AGENT_NAME}. A lead must approve it again`);
    expect(await row.getByRole('button', { name: /^Mark reviewed/ }).count()).toBe(0);
    await row.getByRole('button', { name: /^Approve: How to close the account/ }).click();
    await expect.poll(() => session().text(row), { timeout: 20_000 }).not.toContain('Not verified');
    expect((await closeAnswer()).custom_object_fields.approved_by_id).toBe(10002);
  });

  it('the library shows an answer marked approved as approved only once its approval is checked', async () => {
    // Who wrote and approved the answers cannot be looked up: no record's approval can be borne out.
    await session().fault('users.show_many', { kind: 'status', status: 500 });
    const row = await closeAnswerRow();
    await expect.poll(() => session().text(row), { timeout: 20_000 }).toContain('Approval not checked');
    expect(await session().text(row)).not.toContain('Approved');
    expect(await row.getByRole('button', { name: /^Mark reviewed/ }).count()).toBe(0);
    // Once the lookup answers, the lead's approval is borne out.
    await session().control('faults', 'DELETE');
    await c()
      .getByRole('alert')
      .filter({ hasText: /500|error/i })
      .getByRole('button', { name: 'Try again' })
      .click();
    await expect.poll(() => session().text(row), { timeout: 20_000 }).toContain('Approved');
    expect(await row.getByRole('button', { name: /^Mark reviewed/ }).count()).toBe(1);
  });

  it('the metrics mark an answer whose approval Zendesk’s records do not bear out', async () => {
    await session().control('persona', 'POST', { persona: 'agent' });
    await rewriteBody(`Hi {{requester.first_name}}, ${FOREIGN}`);
    await consoleTab('Team metrics');
    const answer = (title: string) => c().getByTestId('top-answers').locator('tbody tr').filter({ hasText: title });
    await expect
      .poll(() => session().text(answer('How to close the account')), { timeout: 20_000 })
      .toContain('How to close the account (Not verified)');
    expect(await session().text(answer('Updating the address'))).not.toMatch(/Not verified|Approval not checked/);
  });
});

describe('console actions report what happened', () => {
  it('Approve on the proposals tab says so when Zendesk refused the write', async () => {
    const c = () => session().console();
    await session().open({ route: 'console' });
    await session().persona('lead');
    await c().getByRole('tab', { name: 'Proposals and feedback' }).click();
    await session().fault('custom_objects.records.update', { kind: 'status', status: 500 }, 1);
    await c()
      .getByRole('button', { name: /^Approve: Apple Pay/ })
      .click();
    await expect.poll(() => session().text(c().getByRole('status').first())).toContain('Zendesk answered with an error (500)');
    const draft = (await session().records('closed_loop_answer')).find((r) => r.id === '01HQBJJ581DK7BXCWJ2CYMTSPH')!;
    expect(draft.custom_object_fields.status).toBe('draft');
  });
});
