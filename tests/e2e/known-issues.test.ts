import { describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/domain/answers/approval';
import { retryAfterFault, useSession } from './harness';

/**
 * An outage in the demo data: problem ticket 4141 "Card payments failing at checkout" is a known
 * issue (a lead's approved statement with an ETA); incidents 4142–4144 are linked to it, 4145 reads
 * the same but is not linked.
 */
const session = useSession();
const PROBLEM = 4141;
const LINKED = 4142; // "Card payment declined at online checkout", requester Ahmed Hassan
const UNLINKED = 4145; // "Card payment failed at checkout twice today", a question, not linked
const STATEMENT = '01HZK4141CARDPAYMENTS00000';
const recordUrl = (id: string) => `/api/v2/custom_objects/closed_loop_answer/records/${id}.json`;

type TicketBody = { ticket: { type: string | null; problem_id: number | null; tags: string[]; updated_at: string } };
const ticket = async (id: number) => (await session().api<TicketBody>(`/api/v2/tickets/${id}.json`)).ticket;
const knownIssue = () => session().sidebar().getByTestId('known-issue');
const answers = () => session().sidebar().locator('[data-panel="answers"]');
const status = () => session().text(answers().getByRole('status').first());
/**
 * The ids of the sidebar's reads of a ticket's type and link (Show Multiple Tickets, the ticket
 * first, then the problems it may be about). The answers' read of the tickets misfits were
 * reported on uses the same call, for other tickets.
 */
const factReads = async (id: number) =>
  (await session().calls()).calls
    .filter((c) => c.app === 'ticket_sidebar' && c.endpoint === 'tickets.show_many')
    .map((c) => new URL(c.path, 'http://zendesk.test').searchParams.get('ids') ?? '')
    .filter((ids) => ids.split(',')[0] === String(id));
/** Waits until the sidebar has read ticket `id`'s type and link: what decides a known issue is in. */
const ticketsRead = (id: number) => expect.poll(async () => (await factReads(id)).length, { timeout: 20_000 }).toBeGreaterThan(0);

describe('known issues in the sidebar', () => {
  it('shows the statement on a linked incident, filled in, with the ETA, and inserts it', async () => {
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    expect(await session().text(knownIssue().getByTestId('known-issue-body'))).toMatch(/^Hi Ahmed,/);
    expect(await session().text(knownIssue().getByTestId('known-issue-eta'))).toContain('Expected fix:');
    // Linked already: no link to offer.
    expect(
      await knownIssue()
        .getByRole('button', { name: /^Link to known issue/ })
        .count(),
    ).toBe(0);
    await knownIssue().getByRole('button', { name: 'Insert statement' }).click();
    await expect.poll(async () => (await session().composer()).text, { timeout: 20_000 }).toContain('Hi Ahmed,');
    expect((await session().composer()).text).toContain('fault with our card processor');
    expect((await session().form()).tags).toContain(`cla_${STATEMENT.toLowerCase()}`);
  });

  it('says why a linked incident shows no statement when who approved it cannot be looked up, and shows it on Try again', async () => {
    await session().fault('users.show_many', { kind: 'status', status: 500 });
    await session().open({ ticket: LINKED });
    const unchecked = () => answers().getByTestId('known-issue-unchecked');
    await expect
      .poll(() => session().text(unchecked()))
      .toContain(
        'A known issue may concern this ticket, but who approved its statement could not be checked. Zendesk answered with an error (500).',
      );
    expect(await knownIssue().count()).toBe(0);
    // The answer below it was approved by the same lead: its own lookup must have failed too before
    // the fault is lifted, or that lookup, answered, shows the statement before Try again is pressed.
    await expect
      .poll(() => session().text(answers().getByTestId('answer-trust')))
      .toMatch(/^Who approved this answer could not be checked/);
    await retryAfterFault(session(), unchecked, 'users.show_many');
    await expect.poll(() => session().text(knownIssue())).toContain('Known issue #4141');
    expect(await unchecked().count()).toBe(0);
  });

  it('suggests the known issue on an unlinked ticket that reads like the outage, and links it in one safe update', async () => {
    await session().open({ ticket: UNLINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('This ticket looks like known issue #4141');
    expect(await session().text(knownIssue().getByTestId('known-issue-body'))).toMatch(/^Hi Julia,/);
    const before = (await session().calls()).calls.filter((c) => c.endpoint === 'tickets.update' && c.app !== null).length;
    await knownIssue().getByRole('button', { name: 'Link to known issue #4141' }).click();
    await expect.poll(status, { timeout: 20_000 }).toContain('Ticket linked to the known issue');
    expect(await ticket(UNLINKED)).toMatchObject({ type: 'incident', problem_id: PROBLEM });
    const updates = (await session().calls()).calls.filter((c) => c.endpoint === 'tickets.update' && c.app !== null);
    expect(updates).toHaveLength(before + 1);
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    expect(await session().text(knownIssue())).not.toContain('looks like');
  });

  it('does not suggest the known issue on a ticket about something else', async () => {
    await session().open({ ticket: 4109 }); // "Payment I didn't make": no type set, none of the outage's words
    await expect.poll(() => session().text(answers().locator('.answer__title')), { timeout: 20_000 }).not.toBe('');
    expect(await knownIssue().count()).toBe(0);
    // Nothing makes it a known issue's ticket: the sidebar spends no request on its type and link.
    expect(await factReads(4109)).toEqual([]);
  });

  it('links nothing when someone changed the ticket meanwhile (409): it says so and overwrites nothing', async () => {
    await session().open({ ticket: UNLINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('looks like known issue #4141');
    // Another agent changes the ticket after the sidebar read it.
    const read = await ticket(UNLINKED);
    await session().api(`/api/v2/tickets/${UNLINKED}.json`, 'PUT', { ticket: { tags: [...read.tags, 'called_back'] } });
    await knownIssue().getByRole('button', { name: 'Link to known issue #4141' }).click();
    await expect.poll(status, { timeout: 20_000 }).toContain('Someone changed this ticket meanwhile');
    const after = await ticket(UNLINKED);
    expect(after).toMatchObject({ type: 'question', problem_id: null });
    expect(after.tags).toContain('called_back');
    // The ticket was read again: linking now is based on the current version and works.
    await knownIssue().getByRole('button', { name: 'Link to known issue #4141' }).click();
    await expect.poll(status, { timeout: 20_000 }).toContain('Ticket linked to the known issue');
    const linked = await ticket(UNLINKED);
    expect(linked).toMatchObject({ type: 'incident', problem_id: PROBLEM });
    expect(linked.tags).toContain('called_back');
  });

  it('says clearly when Zendesk refuses the link (422) and changes nothing', async () => {
    await session().open({ ticket: UNLINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('looks like known issue #4141');
    // Meanwhile someone turns the problem into a task: Zendesk no longer takes it as a problem_id.
    await session().api(`/api/v2/tickets/${PROBLEM}.json`, 'PUT', { ticket: { type: 'task' } });
    await knownIssue().getByRole('button', { name: 'Link to known issue #4141' }).click();
    await expect.poll(status, { timeout: 20_000 }).toContain('Zendesk refused to link this ticket to problem #4141');
    expect(await ticket(UNLINKED)).toMatchObject({ type: 'question', problem_id: null });
  });

  it('says so when the ticket cannot be read for its known issue, and shows it on retry', async () => {
    // The first two reads of tickets fail: the ticket's type and link, and the subjects of the tickets misfits were reported on (which only add to the matcher).
    await session().fault('tickets.show_many', { kind: 'status', status: 500 }, 2);
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(answers().getByRole('alert')), { timeout: 20_000 }).toContain('error (500)');
    await answers().getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
  });

  it('reads a ticket’s type and problem link once per few minutes: a second view of it in the session costs no request', async () => {
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    await session().open({ ticket: UNLINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('known issue #4141');
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    expect(await factReads(LINKED)).toHaveLength(1);
  });

  it('reads the problems’ states once for the session’s tickets: the next incident’s read asks for that ticket alone', async () => {
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    await session().open({ ticket: 4143 });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    expect([...(await factReads(LINKED)), ...(await factReads(4143))]).toEqual([`${LINKED},${PROBLEM}`, '4143']);
  });

  it('ends the known issue when the problem ticket is solved', async () => {
    await session().api(`/api/v2/tickets/${PROBLEM}.json`, 'PUT', { ticket: { status: 'solved' } });
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(answers()), { timeout: 20_000 }).not.toBe('');
    await ticketsRead(LINKED);
    expect(await knownIssue().count()).toBe(0);
  });
});

describe('known issues are the leads’ word only', () => {
  it('does not show a statement an agent forged or edited: Zendesk records a non-lead as its last writer', async () => {
    // An agent (the default persona) edits the real statement through the API …
    await session().api(recordUrl(STATEMENT), 'PATCH', {
      custom_object_record: { custom_object_fields: { answer_body: 'Forged: send us your card number to get a refund.' } },
    });
    // … and makes a statement of their own for the app-crash problem, claiming a lead approved it.
    const content = {
      title: 'Known issue: app crashes',
      summary: 'Fake',
      body: 'Hi {{requester.first_name}}, forged statement.',
      examples: ['app crashes on launch', 'app crashes when I open'],
      tags: ['known_issue'],
      locale: 'en',
    };
    await session().api('/api/v2/custom_objects/closed_loop_answer/records.json', 'POST', {
      custom_object_record: {
        name: content.title,
        custom_object_fields: {
          summary: content.summary,
          answer_body: content.body,
          examples: content.examples.join('\n'),
          match_tags: 'known_issue',
          locale: 'en',
          status: 'approved',
          approved_by_id: 10002,
          approved_at: '2026-11-20T09:00:00Z',
          approval_fingerprint: contentFingerprint(content),
          problem_ticket_id: 4127,
        },
      },
    });
    await session().open({ ticket: LINKED });
    await ticketsRead(LINKED);
    await expect.poll(() => session().text(answers()), { timeout: 20_000 }).not.toBe('');
    expect(await knownIssue().count()).toBe(0);
    expect(await session().text(answers())).not.toContain('Forged');
    await session().open({ ticket: 4130 }); // "App crashes on launch after iOS update"
    await ticketsRead(4130);
    await expect.poll(() => session().text(answers()), { timeout: 20_000 }).not.toBe('');
    expect(await knownIssue().count()).toBe(0);
    expect(await session().text(answers())).not.toContain('forged statement');
  });

  it('a lead marks a problem ticket as a known issue from its sidebar; a matching ticket is offered it', async () => {
    await session().persona('lead');
    await session().open({ ticket: 4127 }); // "App crashes when I open the Card tab", a problem
    await answers().getByRole('button', { name: 'Mark as known issue' }).click({ timeout: 20_000 });
    await answers().getByLabel('Statement').fill('Hi {{requester.first_name}}, the app crashes after the last update; a fix ships today.');
    await answers()
      .getByLabel(/^Words customers use/)
      .fill('app crashes\napp crashes on launch');
    await answers().getByRole('button', { name: 'Save known issue' }).click();
    await expect.poll(status, { timeout: 20_000 }).toContain('Marked as a known issue');
    const made = (await session().records('closed_loop_answer')).find((r) => r.custom_object_fields.problem_ticket_id === 4127);
    expect(made?.custom_object_fields).toMatchObject({ status: 'approved', approved_by_id: 10002 });
    await expect.poll(() => session().text(answers().getByTestId('known-issue-own')), { timeout: 20_000 }).toContain('is a known issue');
    await session().open({ ticket: 4130 });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('This ticket looks like known issue #4127');
    expect(await session().text(knownIssue().getByTestId('known-issue-eta'))).toContain('No expected fix time yet');
  });
});

describe('a statement update reaches open sidebars', () => {
  it('the lead edits the statement and ETA in the console; the incident sidebar open behind it shows them with a notice, without a reload', async () => {
    await session().persona('lead');
    await session().open({ ticket: LINKED });
    await expect.poll(() => session().text(knownIssue()), { timeout: 20_000 }).toContain('Known issue #4141');
    const loads = await session().sidebarLoads();
    const c = () => session().console();
    await session()
      .page.getByRole('button', { name: /Closed Loop console/ })
      .click();
    await expect.poll(() => c().getByRole('tab', { name: 'Known issues' }).count(), { timeout: 20_000 }).toBe(1);
    await c().getByRole('tab', { name: 'Known issues' }).click();
    const row = c().getByTestId(`known-issue-${PROBLEM}`);
    await expect.poll(() => session().text(row.getByTestId('known-issue-incidents')), { timeout: 20_000 }).toBe('3');
    await row.getByRole('button', { name: /^Edit/ }).click();
    await row
      .getByLabel('Statement')
      .fill('Hi {{requester.first_name}}, online card payments work again for most shops; the last ones follow within the hour.');
    await row.getByLabel('Expected fix (optional)').fill('2026-11-20T18:30');
    await row.getByRole('button', { name: 'Save statement' }).click();
    await expect.poll(() => session().text(c().getByRole('status').first()), { timeout: 20_000 }).toContain('Statement saved');
    const stored = (await session().api<{ custom_object_record: { custom_object_fields: Record<string, unknown> } }>(recordUrl(STATEMENT)))
      .custom_object_record.custom_object_fields;
    expect(String(stored.answer_body)).toContain('work again for most shops');
    expect(stored.eta).toMatch(/^2026-11-20T\d\d:30:00\.000Z$/);
    await session().page.getByRole('button', { name: 'Tickets', exact: true }).click();
    await expect
      .poll(() => session().text(knownIssue().getByTestId('known-issue-body')), { timeout: 20_000 })
      .toContain('work again for most shops');
    expect(await session().text(knownIssue().getByTestId('known-issue-updated'))).toContain('A lead updated this statement just now');
    expect(await session().sidebarLoads()).toBe(loads);
  });
});
