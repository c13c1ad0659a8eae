import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const FIELD = 360001;
const APPROVED = '01hqx56d4fzq1e77tgvr755e30'; // "Updating the address (card on its way)", as Zendesk stores the tag

interface ApiTicket {
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  updated_at: string;
}

const c = () => session().console();
const rows = () => c().getByTestId('queue-row');
const row = (id: number) => rows().filter({ hasText: `#${id} ` });
const ticket = async (id: number) => (await session().api<{ ticket: ApiTicket }>(`/api/v2/tickets/${id}.json`)).ticket;
const field = (t: ApiTicket) => t.custom_fields.find((f) => f.id === FIELD)?.value;
const auditCount = async (id: number) => (await session().api<{ audits: unknown[] }>(`/api/v2/tickets/${id}/audits.json`)).audits.length;
const ids = async () => (await rows().locator('td:first-child').allTextContents()).map((text) => Number(/#(\d+)/.exec(text)?.[1]));
// Signed in as the lead before the console opens: a switch afterwards reloads the console, and a
// console still starting when the switch reached Zendesk may already read as the lead.
const asLead = async () => {
  await session().persona('lead');
  await session().open({ route: 'console' });
  await expect.poll(() => c().getByRole('tab', { name: 'Escalations' }).count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(13);
};

describe('escalation queue', () => {
  it('lists what needs a lead first: overdue requests, then requests by time left, then escalated tickets by age', async () => {
    await asLead();
    // Requests by when they were made (the audits), not by when the ticket was created; escalated
    // tickets by when they were escalated.
    expect(await ids()).toEqual([4121, 4127, 4115, 4103, 4133, 4108, 4110, 4102, 4136, 4117, 4129, 4124, 4139]);
    // The agent who asked (from the audit that set the field to requested), not the customer.
    expect(await session().text(row(4121).getByTestId('queue-requested-by'))).toBe('Chloé Martin');
    expect(await session().text(row(4133).getByTestId('queue-requested-by'))).toBe('Sam Whitfield');
    // Escalated straight away, without a request: nobody asked.
    expect(await session().text(row(4139).getByTestId('queue-requested-by'))).toBe('–');
    expect(await session().text(row(4121).getByTestId('queue-assignee'))).toBe('Chloé Martin');
    expect(await session().text(row(4133).getByTestId('queue-priority'))).toBe('Urgent');
    expect(await session().text(row(4133).getByTestId('queue-time-left'))).toMatch(/^\d+ (d|h)( \d+ (h|min))? overdue$/);
  });

  it('shares each ticket’s trail with the sidebar: a ticket opened from the queue, unchanged, reads no audits', async () => {
    const auditReads = async (app: string) =>
      (await session().calls()).calls.filter(
        (call) => call.app === app && call.endpoint === 'tickets.audits' && call.path.includes('/4103/'),
      ).length;
    await asLead();
    expect(await auditReads('nav_bar')).toBe(1);
    await session().open({ ticket: 4103 });
    await expect.poll(() => session().text(session().sidebar().getByTestId('escalation-requested'))).not.toBe('');
    expect(await auditReads('ticket_sidebar')).toBe(0);
  });

  it('counts tickets per status and filters by status, group and assignee', async () => {
    await asLead();
    const counts = c().getByTestId('queue-counts');
    await expect.poll(() => session().text(counts), { timeout: 20_000 }).toContain('Request overdue: 6');
    expect(await session().text(counts)).toContain('Escalated: 7');
    await c().getByLabel('Status', { exact: true }).selectOption('escalated');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(7);
    await c().getByLabel('Status', { exact: true }).selectOption('overdue');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(6);
    // Of the overdue requests, only 4127 is with Support Tier 2.
    await c().getByLabel('Group').selectOption({ label: 'Support Tier 2' });
    await expect.poll(ids, { timeout: 20_000 }).toEqual([4127]);
    await c().getByLabel('Status', { exact: true }).selectOption('all');
    await c().getByLabel('Group').selectOption('');
    await c().getByLabel('Assignee').selectOption({ label: 'Tom Becker' });
    await expect.poll(ids, { timeout: 20_000 }).toEqual([4115, 4117, 4139]);
  });

  it('escalates, declines with a reason and resolves from the row', async () => {
    await asLead();
    await row(4108).getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => session().text(c().getByTestId('queue-status')), { timeout: 20_000 }).toContain('Ticket escalated.');
    expect(field(await ticket(4108))).toBe('escalation_escalated');
    await row(4103).getByRole('button', { name: 'Decline' }).click();
    await row(4103).getByLabel('Why is the request declined?').fill('Tier 1 can handle this.');
    await row(4103).getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => session().text(c().getByTestId('queue-status')), { timeout: 20_000 }).toContain('Request declined.');
    const saved = await ticket(4103);
    expect(field(saved)).toBe('escalation_none');
    await expect.poll(() => row(4103).count(), { timeout: 20_000 }).toBe(0);
    await row(4139).getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => session().text(c().getByTestId('queue-status')), { timeout: 20_000 }).toContain('Escalation resolved.');
    expect(field(await ticket(4139))).toBe('escalation_resolved');
    await expect.poll(() => row(4139).count(), { timeout: 20_000 }).toBe(0);
  });

  it('a row action on a ticket that changed underneath is a conflict, and nothing is overwritten', async () => {
    await asLead();
    await row(4115).getByRole('button', { name: 'Decline' }).click();
    await row(4115).getByLabel('Why is the request declined?').fill('Not for the leads.');
    // Another lead escalates the ticket from elsewhere while this one types the reason.
    const current = await ticket(4115);
    await session().api('/api/v2/tickets/4115.json', 'PUT', {
      ticket: {
        safe_update: true,
        updated_stamp: current.updated_at,
        custom_fields: [{ id: FIELD, value: 'escalation_escalated' }],
        tags: [...current.tags.filter((t) => t !== 'escalation_requested'), 'escalation_escalated'],
        comment: { body: 'Daniel escalated this.', public: false, author_id: 10003 },
      },
    });
    const before = await ticket(4115);
    const audits = await auditCount(4115);
    await row(4115).getByRole('button', { name: 'Decline' }).click();
    await expect
      .poll(() => session().text(c().getByTestId('queue-status')), { timeout: 20_000 })
      .toContain("Someone else changed this ticket's escalation: it is now Escalated.");
    const after = await ticket(4115);
    expect(field(after)).toBe('escalation_escalated');
    expect(after.updated_at).toBe(before.updated_at);
    expect(await auditCount(4115)).toBe(audits);
  });

  it('a request made after the queue was read shows once search has it and the lead refreshes', async () => {
    await asLead();
    const fresh = 4109;
    const current = await ticket(fresh);
    await session().api(`/api/v2/tickets/${fresh}.json`, 'PUT', {
      ticket: {
        safe_update: true,
        updated_stamp: current.updated_at,
        custom_fields: [{ id: FIELD, value: 'escalation_requested' }],
        tags: [...current.tags, 'escalation_requested'],
        comment: { body: 'Escalation requested.', public: false },
      },
    });
    // Zendesk's search lists the change a little later; the page already read does not change by itself.
    await expect.poll(() => session().searchFinds('tags:escalation_requested', fresh), { timeout: 20_000 }).toBe(true);
    expect(await row(fresh).count()).toBe(0);
    await c().getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => row(fresh).count(), { timeout: 20_000 }).toBe(1);
    expect(await rows().count()).toBe(14);
  });

  it('a safe update refused with 409 shows the conflict and leaves the ticket as it was', async () => {
    await asLead();
    const before = await ticket(4133);
    await session().fault(
      'tickets.update',
      { kind: 'status', status: 409, body: { error: 'UpdateConflict', description: 'Safe Update prevented the update' } },
      1,
    );
    await row(4133).getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => session().text(c().getByTestId('queue-status')), { timeout: 20_000 }).toContain('Someone else changed');
    const after = await ticket(4133);
    expect(field(after)).toBe('escalation_requested');
    expect(after.updated_at).toBe(before.updated_at);
  });
});

describe('team metrics', () => {
  it('count a request still waiting when its trail comes from the session, read back as a copy', async () => {
    await asLead();
    // The queue has read every request's trail and kept it for the session: who asked is on screen.
    await expect.poll(() => session().text(row(4121).getByTestId('queue-requested-by')), { timeout: 20_000 }).toBe('Chloé Martin');
    await expect.poll(() => session().text(row(4133).getByTestId('queue-requested-by')), { timeout: 20_000 }).toBe('Sam Whitfield');
    // The app loads again in the same tab (as after saving settings): its trails come back from the session's storage.
    await session().page.reload();
    await expect.poll(() => c().getByRole('tab', { name: 'Team metrics' }).count(), { timeout: 20_000 }).toBe(1);
    const audits = async () => (await session().calls()).calls.filter((call) => call.endpoint === 'tickets.audits').length;
    const read = await audits();
    await c().getByRole('tab', { name: 'Team metrics' }).click();
    const median = c().getByTestId('median-response');
    await expect.poll(() => session().text(median), { timeout: 20_000 }).not.toBe('');
    // The trails came from the session, not from Zendesk again.
    expect(await audits()).toBe(read);
    // Six requests have waited for days without an answer: they count as waiting so far.
    expect(await session().text(median)).toMatch(/^\d+ d( \d+ h)?$/);
  });

  it('labels follow the chosen period and durations read as people say them', async () => {
    // An agent inserts an approved answer in a ticket from this week, so the week has a most used answer.
    const recent = await ticket(4126);
    await session().api('/api/v2/tickets/4126.json', 'PUT', { ticket: { tags: [...recent.tags, `cla_${APPROVED}`] } });
    await expect.poll(() => session().searchFinds(`tags:cla_${APPROVED}`, 4126), { timeout: 20_000 }).toBe(true);
    await session().open({ route: 'console' });
    await session().persona('lead');
    await expect.poll(() => c().getByRole('tab', { name: 'Team metrics' }).count(), { timeout: 20_000 }).toBe(1);
    await c().getByRole('tab', { name: 'Team metrics' }).click();
    const uses = c().getByTestId('top-answers').locator('thead th').nth(1);
    await expect.poll(() => session().text(uses), { timeout: 20_000 }).toBe('Uses (7 days)');
    // Six requests have waited for days without an answer: they count as waiting so far.
    expect(await session().text(c().getByTestId('median-response'))).toMatch(/^\d+ d( \d+ h)?$/);
    await c().getByRole('button', { name: 'Last 30 days' }).click();
    await expect.poll(() => session().text(uses), { timeout: 20_000 }).toBe('Uses (30 days)');
  });
});
