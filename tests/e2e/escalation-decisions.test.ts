import { describe, expect, it } from 'vitest';
import { backgroundChecks, useSession } from './harness';

const session = useSession();
const SAMS_REQUEST = 4103; // Sam Whitfield (the agent persona) asked for a lead; still waiting
const LENAS_REQUEST = 4108; // Lena Vogel's request is waiting
const RESOLVED_TICKET = 4104; // escalated and resolved by Daniel Okafor, a lead
const FIELD = 360001;

interface ApiTicket {
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  updated_at: string;
}

const panel = () => session().sidebar().locator('[data-panel="escalation"]');
const badge = () => session().text(panel().getByTestId('escalation-badge'));
const decision = () => session().text(panel().getByTestId('escalation-decision'));
const ticket = async (id: number) => (await session().api<{ ticket: ApiTicket }>(`/api/v2/tickets/${id}.json`)).ticket;
const field = (t: ApiTicket) => t.custom_fields.find((f) => f.id === FIELD)?.value;
const auditCount = async (id: number) => (await session().api<{ audits: unknown[] }>(`/api/v2/tickets/${id}/audits.json`)).audits.length;
const SLOW = { timeout: 20_000 };

/** A decline made through the API, with the note the app writes, as whoever the playground's persona is now. */
async function declineThroughApi(id: number, note: string) {
  const current = await ticket(id);
  await session().api(`/api/v2/tickets/${id}.json`, 'PUT', {
    ticket: {
      safe_update: true,
      updated_stamp: current.updated_at,
      custom_fields: [{ id: FIELD, value: 'escalation_none' }],
      tags: [...current.tags.filter((t) => !t.startsWith('escalation_')), 'escalation_none'],
      comment: { body: note, public: false },
    },
  });
}

describe('escalation decisions', () => {
  it('the requesting agent sees who declined their request, when, and why', async () => {
    await session().persona('lead');
    await session().open({ ticket: SAMS_REQUEST });
    await panel().getByRole('button', { name: 'Decline' }).click();
    await panel()
      .getByLabel('Why is the request declined?')
      .fill('Tier 1 can handle this: the transfer is still within its normal window.');
    await panel().getByRole('button', { name: 'Decline' }).click();
    await expect.poll(badge, SLOW).toBe('Not escalated');

    await session().persona('agent');
    await session().open({ ticket: SAMS_REQUEST });
    await expect
      .poll(decision, SLOW)
      .toMatch(/^Declined by Marta Kowalski, .+: Tier 1 can handle this: the transfer is still within its normal window\.$/);
  });

  it('a decline noted by someone who is not a lead is not shown as a lead decision', async () => {
    // Sam (an agent) clears Lena's request with a note that claims a lead declined it.
    await declineThroughApi(LENAS_REQUEST, 'Marta Kowalski declined the escalation request (Closed Loop).\n\nReason: Not needed.');
    await session().open({ ticket: LENAS_REQUEST });
    await expect.poll(() => session().text(panel().getByRole('note')), SLOW).toContain('is not a team lead');
    expect(await panel().getByTestId('escalation-decision').count()).toBe(0);
    expect(await panel().textContent()).not.toContain('Declined by');
  });

  it('says which lead resolved an escalation and when', async () => {
    await session().open({ ticket: RESOLVED_TICKET });
    await expect.poll(badge, SLOW).toBe('Resolved');
    await expect.poll(decision, SLOW).toMatch(/^Resolved by Daniel Okafor, .*ago$/);
  });

  it('a lead acting on a state that changed behind the panel is told what changed, and acts only when asked again', async () => {
    await session().persona('lead');
    await session().open({ ticket: SAMS_REQUEST });
    await expect.poll(() => panel().getByRole('button', { name: 'Escalate' }).count(), SLOW).toBe(1);
    await expect.poll(badge, SLOW).toMatch(/Requested|Request overdue/);

    // Another lead (here: the same account, through the API) declines the request meanwhile.
    await declineThroughApi(SAMS_REQUEST, 'Marta Kowalski declined the escalation request (Closed Loop).\n\nReason: Handled by phone.');
    const audits = await auditCount(SAMS_REQUEST);
    const changed = await ticket(SAMS_REQUEST);

    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect
      .poll(() => session().text(panel().getByRole('alert')), SLOW)
      .toMatch(/This request was declined by Marta Kowalski .+ Handled by phone\./);
    // Nothing was done: the ticket is as the other lead left it.
    const after = await ticket(SAMS_REQUEST);
    expect(field(after)).toBe('escalation_none');
    expect(after.updated_at).toBe(changed.updated_at);
    expect(await auditCount(SAMS_REQUEST)).toBe(audits);
    await expect.poll(badge, SLOW).toBe('Not escalated');

    // Asked again with the fresh state on screen, the lead's choice goes through.
    await panel().getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(badge, SLOW).toBe('Escalated');
    expect(field(await ticket(SAMS_REQUEST))).toBe('escalation_escalated');
  });

  it('the agent who asked gets a Zendesk notice when a lead declines their request', async () => {
    const s = session();
    const { started, nextCheck } = backgroundChecks(s);
    const notices = () => s.text(s.page.locator('.notices'));
    await s.page.clock.install();
    await s.open();
    await expect.poll(started, SLOW).toBe(true);
    await nextCheck();

    // A lead declines Sam's request elsewhere (the API speaks as the playground's current user).
    await s.control('persona', 'POST', { persona: 'lead' });
    await declineThroughApi(SAMS_REQUEST, 'Marta Kowalski declined the escalation request (Closed Loop).\n\nReason: Handled by phone.');
    await s.control('persona', 'POST', { persona: 'agent' });
    await expect.poll(() => s.searchFinds('tags:escalation_none', SAMS_REQUEST), SLOW).toBe(true);

    await nextCheck();
    await expect
      .poll(notices, SLOW)
      .toContain(`Marta Kowalski declined your escalation request on ticket #${SAMS_REQUEST}: Handled by phone.`);
  });
});
