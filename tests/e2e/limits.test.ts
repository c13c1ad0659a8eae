import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

// What a person sees when the app meets Zendesk's documented limits: long audit trails and large
// groups (100 a page), records of at most 32 KB, and the ticket update rate limits.

const session = useSession();
const TICKET = 4109; // "Payment I didn't make": not escalated, one audit
const LEADS = 503; // the lead group in the default settings
const APPROVED = '01HQX56D4FZQ1E77TGVR755E30'; // "Updating the address (card on its way)"

const panel = () => session().sidebar().locator('[data-panel="escalation"]');
const badge = () => session().text(panel().getByTestId('escalation-badge'));
const c = () => session().console();
const appCalls = async (endpoint: string, path?: string) =>
  (await session().calls()).calls.filter(
    (call) => call.endpoint === endpoint && call.app !== null && (!path || call.path.startsWith(path)),
  );

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

describe('limits', () => {
  it('reads a ticket history of more than 100 audits and a lead group of more than 100 members, page by page', async () => {
    // 120 more lead-group members: the one who escalates is on the second page of memberships.
    const agents = Array.from({ length: 120 }, (_, i) => ({
      id: 30001 + i,
      name: i === 114 ? 'Ravi Menon' : `Agent ${30001 + i}`,
      group_ids: [LEADS],
    }));
    // 127 replies, then the request and the escalation: both on the second page of audits.
    const replies = Array.from({ length: 127 }, (_, i) => ({
      ticket_id: TICKET,
      author_id: 20010,
      created_at: at(300 - i),
      events: [{ id: 71000000 + i, type: 'Comment', body: `Customer reply ${i}`, public: true }],
    }));
    const change = (id: number, author: number, minutesAgo: number, from: string | null, to: string, note: string) => ({
      ticket_id: TICKET,
      author_id: author,
      created_at: at(minutesAgo),
      events: [
        { id: id, type: 'Comment', body: note, public: false },
        { id: id + 1, type: 'Change', field_name: '360001', previous_value: from, value: to },
      ],
    });
    await session().control('seed', 'POST', {
      agents,
      audits: [
        ...replies,
        change(72000000, 10005, 100, null, 'escalation_requested', 'Lena Vogel requested an escalation: card fraud.'),
        change(72000010, 30115, 60, 'escalation_requested', 'escalation_escalated', 'Ravi Menon escalated this ticket.'),
      ],
      tickets: [
        {
          id: TICKET,
          tags: ['escalation_escalated', 'fraud', 'web_form'],
          custom_fields: [{ id: 360001, value: 'escalation_escalated' }],
        },
      ],
    });
    await session().open({ ticket: TICKET });
    await expect.poll(badge, { timeout: 20_000 }).toBe('Escalated');
    await expect.poll(() => session().text(panel().getByTestId('escalation-escalated')), { timeout: 20_000 }).toContain('Ravi Menon');
    expect(await session().text(panel().getByTestId('escalation-requested'))).toContain('Lena Vogel');
    // Ravi is a lead only through the second page of memberships: no warning about a non-lead.
    expect(await panel().getByRole('note').count()).toBe(0);
    expect((await appCalls('tickets.audits', `/api/v2/tickets/${TICKET}/audits.json`)).map((call) => call.path)).toEqual([
      `/api/v2/tickets/${TICKET}/audits.json`,
      `/api/v2/tickets/${TICKET}/audits.json?page=2`,
    ]);
    expect(await appCalls('groups.memberships')).toHaveLength(2);
  });

  it('the answer editor shows how much of the 32 KB is left and refuses to save more', async () => {
    await session().open({ route: 'console' });
    await session().persona('lead');
    await expect.poll(() => c().getByRole('tab', { name: 'Escalations' }).count(), { timeout: 20_000 }).toBe(1);
    await c().getByRole('tab', { name: 'Answer library' }).click();
    await c()
      .getByRole('button', { name: /^Edit: Updating the address/ })
      .first()
      .click();
    await expect.poll(() => session().text(c().getByTestId('answer-size')), { timeout: 20_000 }).toMatch(/KB of 32 KB left/);
    const before = await session().text(c().getByTestId('answer-size'));
    await c()
      .getByLabel('Answer', { exact: true })
      .fill('x'.repeat(33 * 1024));
    await expect.poll(() => session().text(c().getByRole('alert')), { timeout: 20_000 }).toContain('Too long for Zendesk');
    expect(await c().getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await c()
      .getByLabel('Answer', { exact: true })
      .fill('x'.repeat(20 * 1024));
    await expect.poll(() => session().text(c().getByTestId('answer-size'))).toMatch(/KB of 32 KB left/);
    expect(await session().text(c().getByTestId('answer-size'))).not.toBe(before);
    expect(await c().getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(false);
    const record = await session().api<{ custom_object_record: { custom_object_fields: { answer_body: string } } }>(
      `/api/v2/custom_objects/closed_loop_answer/records/${APPROVED}.json`,
    );
    expect(record.custom_object_record.custom_object_fields.answer_body.length).toBeLessThan(5000);
  });

  it('the proposal form refuses an answer over 32 KB with a clear message', async () => {
    await session().open({ ticket: TICKET });
    await session().sidebar().locator('[data-panel="answers"]').getByRole('button', { name: 'Propose an answer' }).click();
    const modal = session().modal();
    await expect.poll(() => session().modalTitle(), { timeout: 20_000 }).toBe("Payment I didn't make");
    await expect.poll(() => session().text(modal.getByTestId('answer-size'))).toMatch(/KB of 32 KB left/);
    await modal.getByLabel('Answer', { exact: true }).fill('y'.repeat(40 * 1024));
    await expect.poll(() => session().text(modal.getByRole('alert')), { timeout: 20_000 }).toContain('Too long for Zendesk');
    expect(await modal.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);
    expect((await session().records('closed_loop_answer')).filter((r) => r.name === "Payment I didn't make")).toHaveLength(0);
  });

  it('30 updates per ticket and user in 10 minutes: the escalation panel says to wait, and the app does not retry in a loop', async () => {
    await session().control('limits', 'POST', { ticket_updates_per_user: { max: 1, window_seconds: 600 } });
    await session().open({ ticket: TICKET });
    await expect.poll(badge, { timeout: 20_000 }).toBe('Not escalated');
    await panel().getByRole('button', { name: 'Request escalation' }).click();
    await panel().getByLabel('Why does this ticket need a lead?').fill('Card fraud, customer is waiting.');
    await panel().getByRole('button', { name: 'Request escalation' }).click();
    await expect.poll(badge, { timeout: 20_000 }).toBe('Requested');
    await panel().getByRole('button', { name: 'Withdraw request' }).click();
    await expect
      .poll(() => session().text(panel().getByRole('alert')), { timeout: 20_000 })
      .toContain('Wait 10 minutes, then try again. The ticket was not changed.');
    expect(await badge()).toBe('Requested');
    expect(await appCalls('tickets.update')).toHaveLength(2);
  });

  it('100 ticket updates a minute per account: the escalation panel says to wait and try again', async () => {
    await session().control('limits', 'POST', { ticket_updates_per_account: { max: 2, window_seconds: 120 } });
    for (const id of [4101, 4105])
      await session().api(`/api/v2/tickets/${id}.json`, 'PUT', { ticket: { comment: { body: 'Bulk note.', public: false } } });
    await session().open({ ticket: TICKET });
    await expect.poll(badge, { timeout: 20_000 }).toBe('Not escalated');
    await panel().getByRole('button', { name: 'Request escalation' }).click();
    await panel().getByLabel('Why does this ticket need a lead?').fill('Card fraud, customer is waiting.');
    await panel().getByRole('button', { name: 'Request escalation' }).click();
    await expect
      .poll(() => session().text(panel().getByRole('alert')), { timeout: 20_000 })
      .toMatch(/Wait \d+ (minutes|seconds), then try again\. The ticket was not changed\./);
    expect(await badge()).toBe('Not escalated');
    expect(await appCalls('tickets.update')).toHaveLength(1);
  });
});
