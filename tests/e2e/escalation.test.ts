import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const FRESH_TICKET = 4109; // not escalated
const REQUESTED_TICKET = 4103; // an agent's request is waiting
const NON_LEAD_TICKET = 4139; // an agent set the field to escalated directly
const LENA_REQUEST = 4108; // Lena Vogel's request is waiting
const TOM_REQUEST = 4115; // Tom Becker's request is waiting

interface ApiTicket {
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  updated_at: string;
}
interface ApiAudit {
  author_id: number;
  events: { type: string; body?: string; public?: boolean; field_name?: string; value?: unknown }[];
}

const panel = () => session().sidebar().locator('[data-panel="escalation"]');
const badge = () => session().text(panel().getByTestId('escalation-badge'));
const ticket = async (id: number) => (await session().api<{ ticket: ApiTicket }>(`/api/v2/tickets/${id}.json`)).ticket;
const field = (t: ApiTicket) => t.custom_fields.find((f) => f.id === 360001)?.value;
/** Sets the escalation field through the API as the current persona, around the app (no note). */
async function setField(id: number, value: string) {
  const current = await ticket(id);
  await session().api(`/api/v2/tickets/${id}.json`, 'PUT', { ticket: { custom_fields: [{ id: 360001, value }] } });
  expect((await ticket(id)).updated_at).not.toBe(current.updated_at);
}
const notes = () => panel().getByRole('note');
const queueRow = (id: number) =>
  session()
    .console()
    .getByTestId('queue-row')
    .filter({ hasText: `#${id} ` });

const audits = async (id: number) => (await session().api<{ audits: ApiAudit[] }>(`/api/v2/tickets/${id}/audits.json`)).audits;

describe('escalation', () => {
  it('reads a ticket’s audits once per version: an unchanged ticket seen again costs no request, a changed one is read again', async () => {
    const auditReads = async () =>
      (await session().calls()).calls.filter(
        (c) => c.app === 'ticket_sidebar' && c.endpoint === 'tickets.audits' && c.path.includes(`/${REQUESTED_TICKET}/`),
      ).length;
    const requestShown = () => expect.poll(() => session().text(panel().getByTestId('escalation-requested'))).not.toBe('');
    await session().open({ ticket: REQUESTED_TICKET });
    await requestShown();
    await session().open({ ticket: FRESH_TICKET });
    await expect.poll(badge).toBe('Not escalated');
    await session().open({ ticket: REQUESTED_TICKET });
    await requestShown();
    expect(await auditReads()).toBe(1);
    // Someone adds a tag: a new version of the ticket, whose trail is read from Zendesk.
    const read = await ticket(REQUESTED_TICKET);
    await session().api(`/api/v2/tickets/${REQUESTED_TICKET}.json`, 'PUT', { ticket: { tags: [...read.tags, 'called_back'] } });
    await session().open({ ticket: REQUESTED_TICKET });
    await requestShown();
    await expect.poll(auditReads).toBe(2);
  });

  it('an agent requests, the lead escalates: field, tags (old ones kept) and internal notes in Zendesk', async () => {
    const before = await ticket(FRESH_TICKET);
    await session().open({ ticket: FRESH_TICKET });
    await expect.poll(badge).toBe('Not escalated');
    expect(await panel().getByRole('button', { name: 'Escalate' }).count()).toBe(0);
    await panel().getByRole('button', { name: 'Request escalation' }).click();
    await panel().getByLabel('Why does this ticket need a lead?').fill('Possible fraud, customer wants the card blocked now.');
    await panel().getByRole('button', { name: 'Request escalation' }).click();
    await expect.poll(badge).toBe('Requested');
    let saved = await ticket(FRESH_TICKET);
    expect(field(saved)).toBe('escalation_requested');

    await session().persona('lead');
    await expect.poll(badge).toBe('Requested');
    await expect.poll(() => session().text(panel().getByTestId('escalation-requested'))).toContain('Sam Whitfield');
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(badge).toBe('Escalated');
    saved = await ticket(FRESH_TICKET);
    expect(field(saved)).toBe('escalation_escalated');
    expect(saved.tags).toContain('escalation_escalated');
    expect(saved.tags).not.toContain('escalation_requested');
    for (const tag of before.tags.filter((t) => !t.startsWith('escalation_'))) expect(saved.tags).toContain(tag);
    const notes = (await audits(FRESH_TICKET)).flatMap((a) =>
      a.events.filter((e) => e.type === 'Comment' && e.public === false).map((e) => e.body),
    );
    expect(notes).toEqual(
      expect.arrayContaining([expect.stringContaining('Possible fraud'), expect.stringContaining('Marta Kowalski escalated')]),
    );
  });

  it('moves an escalated ticket to the escalation group with the priority from the settings', async () => {
    await session().control('settings', 'POST', { escalation_group_id: '504', escalation_priority: 'urgent' });
    await session().persona('lead');
    await session().open({ ticket: REQUESTED_TICKET });
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(badge).toBe('Escalated');
    const saved = (await ticket(REQUESTED_TICKET)) as unknown as { group_id: number; priority: string };
    expect(saved).toMatchObject({ group_id: 504, priority: 'urgent' });
  });

  it('refuses to escalate into a group that does not exist, names the setting, and changes nothing', async () => {
    await session().control('settings', 'POST', { escalation_group_id: '998', escalation_priority: 'urgent' });
    await session().persona('lead');
    const before = await ticket(REQUESTED_TICKET);
    const auditsBefore = (await audits(REQUESTED_TICKET)).length;
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(() => panel().getByRole('button', { name: 'Escalate' }).count(), { timeout: 20_000 }).toBe(1);
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect
      .poll(() => session().text(panel().getByRole('alert')), { timeout: 20_000 })
      .toContain('send escalations to group 998, which does not exist in this account');
    expect(await session().text(panel().getByRole('alert'))).toContain('“Escalation group id”');
    const after = await ticket(REQUESTED_TICKET);
    expect(after).toEqual(before);
    expect((await audits(REQUESTED_TICKET)).length).toBe(auditsBefore);
    expect(await badge()).toMatch(/Requested|Request overdue/);
  });

  it('refuses to escalate with a priority Zendesk does not have and lists the allowed ones', async () => {
    await session().control('settings', 'POST', { escalation_group_id: '504', escalation_priority: 'asap' });
    await session().persona('lead');
    const before = await ticket(REQUESTED_TICKET);
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(() => panel().getByRole('button', { name: 'Escalate' }).count(), { timeout: 20_000 }).toBe(1);
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => session().text(panel().getByRole('alert')), { timeout: 20_000 }).toContain('“asap”');
    const text = await session().text(panel().getByRole('alert'));
    expect(text).toContain('low, normal, high, urgent');
    expect(text).toContain('“Escalation priority”');
    expect(await ticket(REQUESTED_TICKET)).toEqual(before);
  });

  it('an agent sees no lead buttons', async () => {
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(badge).toMatch(/Requested|Request overdue/);
    await expect.poll(() => panel().getByTestId('escalation-requested').count()).toBe(1);
    for (const name of ['Escalate', 'Decline', 'Resolve']) expect(await panel().getByRole('button', { name }).count()).toBe(0);
  });

  it('two leads at once: one succeeds, the other gets a conflict and nothing is overwritten', async () => {
    await session().persona('lead');
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(() => panel().getByRole('button', { name: 'Escalate' }).count()).toBe(1);
    await panel().getByRole('button', { name: 'Decline' }).click();
    await panel().getByLabel('Why is the request declined?').fill('Tier 1 can handle this.');
    // Another lead escalates from elsewhere while this lead is still typing the reason.
    const current = await ticket(REQUESTED_TICKET);
    await session().api(`/api/v2/tickets/${REQUESTED_TICKET}.json`, 'PUT', {
      ticket: {
        safe_update: true,
        updated_stamp: current.updated_at,
        custom_fields: [{ id: 360001, value: 'escalation_escalated' }],
        tags: [...current.tags.filter((t) => t !== 'escalation_requested'), 'escalation_escalated'],
        comment: { body: 'Daniel escalated this.', public: false, author_id: 10003 },
      },
    });
    const auditsBefore = (await audits(REQUESTED_TICKET)).length;
    await panel().getByRole('button', { name: 'Decline' }).click();
    // The change was made as the lead persona (the API speaks as the playground's current user).
    await expect.poll(() => session().text(panel().getByRole('alert'))).toContain('This ticket was escalated by Marta Kowalski');
    await expect.poll(badge).toBe('Escalated');
    expect(field(await ticket(REQUESTED_TICKET))).toBe('escalation_escalated');
    expect((await audits(REQUESTED_TICKET)).length).toBe(auditsBefore);
  });

  it('a lead whose safe update hits a 409 sees the conflict and the current state', async () => {
    await session().persona('lead');
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(() => panel().getByRole('button', { name: 'Escalate' }).count()).toBe(1);
    await session().fault(
      'tickets.update',
      { kind: 'status', status: 409, body: { error: 'UpdateConflict', description: 'Safe Update prevented the update' } },
      1,
    );
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => session().text(panel().getByRole('alert'))).toContain('Someone else changed');
    expect(field(await ticket(REQUESTED_TICKET))).toBe('escalation_requested');
  });

  it('a 500 during escalation leaves the ticket unchanged and says so', async () => {
    await session().persona('lead');
    const before = await ticket(REQUESTED_TICKET);
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(() => panel().getByRole('button', { name: 'Escalate' }).count()).toBe(1);
    await session().fault('tickets.update', { kind: 'status', status: 500 });
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => session().text(panel().getByRole('alert'))).toContain('The ticket was not changed');
    const after = await ticket(REQUESTED_TICKET);
    expect(after.updated_at).toBe(before.updated_at);
    expect(after.tags).toEqual(before.tags);
    expect(await badge()).toMatch(/Requested|Request overdue/);
  });

  it('flags an escalation made around the app by someone who is not a lead', async () => {
    await session().open({ ticket: NON_LEAD_TICKET });
    await expect.poll(() => session().text(panel().getByRole('note'))).toContain('is not a team lead');
    expect(await panel().getByRole('note').textContent()).toContain('Tom Becker');
  });

  it('follows a change of the field made in the ticket form, without a reload', async () => {
    await session().open({ ticket: FRESH_TICKET });
    await expect.poll(badge).toBe('Not escalated');
    await session().page.selectOption('select[name="escalation_status"]', 'escalation_requested');
    await session()
      .page.getByRole('button', { name: /Submit as/ })
      .click();
    await expect.poll(badge).toMatch(/Requested/);
  });

  it('flags a decline made around the app by an agent who is not a lead, in the sidebar and the queue', async () => {
    // Sam Whitfield (an agent, not the requester) clears Lena's request through the API.
    await setField(LENA_REQUEST, 'escalation_none');
    await session().open({ ticket: LENA_REQUEST });
    await expect.poll(badge).toBe('Not escalated');
    await expect.poll(() => session().text(notes()), { timeout: 20_000 }).toContain('is not a team lead');
    expect(await notes().textContent()).toContain('Sam Whitfield');

    // Asked again, the ticket is back in the lead queue, and its row carries the flag.
    await setField(LENA_REQUEST, 'escalation_requested');
    await expect.poll(() => session().searchFinds('tags:escalation_requested', LENA_REQUEST), { timeout: 20_000 }).toBe(true);
    await session().open({ route: 'console' });
    await session().persona('lead');
    await expect
      .poll(() => session().text(queueRow(LENA_REQUEST).getByTestId('queue-flag')), { timeout: 20_000 })
      .toBe('Changes against the escalation rules: 1');
  });

  it('flags an escalate-then-revert made around the app by an agent, in the sidebar and the queue', async () => {
    await setField(TOM_REQUEST, 'escalation_escalated');
    await setField(TOM_REQUEST, 'escalation_requested');
    await session().open({ ticket: TOM_REQUEST });
    await expect.poll(badge, { timeout: 20_000 }).toMatch(/Requested|Request overdue/);
    await expect.poll(() => notes().count(), { timeout: 20_000 }).toBe(2);
    expect(await notes().nth(0).textContent()).toContain('is not a team lead');
    expect(await notes().nth(1).textContent()).toMatch(
      /Sam Whitfield changed this ticket from Escalated to Requested .*which the escalation rules do not allow/,
    );

    await session().open({ route: 'console' });
    await session().persona('lead');
    await expect
      .poll(() => session().text(queueRow(TOM_REQUEST).getByTestId('queue-flag')), { timeout: 20_000 })
      .toBe('Changes against the escalation rules: 2');

    // The team metrics count them too (with any the demo data holds in the window).
    const c = session().console();
    await c.getByRole('tab', { name: 'Team metrics' }).click();
    await expect
      .poll(async () => Number(await session().text(c.getByTestId('flagged-changes'))), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
  });

  it('shows the reason of a request noted in German in the queue, without its label', async () => {
    // The note as the app writes it for an agent whose Zendesk speaks German.
    await session().api(`/api/v2/tickets/${FRESH_TICKET}.json`, 'PUT', {
      ticket: {
        custom_fields: [{ id: 360001, value: 'escalation_requested' }],
        comment: {
          body: 'Sam Whitfield hat eine Eskalation angefordert (Closed Loop).\n\nGrund: Karte gesperrt, Kunde im Ausland',
          public: false,
        },
      },
    });
    await expect.poll(() => session().searchFinds('tags:escalation_requested', FRESH_TICKET), { timeout: 20_000 }).toBe(true);
    await session().open({ route: 'console' });
    await session().persona('lead');
    await expect
      .poll(() => session().text(queueRow(FRESH_TICKET).locator('.cell-text')), { timeout: 20_000 })
      .toBe('Karte gesperrt, Kunde im Ausland');
  });
});
