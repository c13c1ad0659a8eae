import { describe, expect, it } from 'vitest';
import { usePlayground } from './playgroundApi';

// Problem and incident tickets as Zendesk documents them: `type`, `problem_id` on incidents only,
// List Ticket Incidents, and a 422 for a link Zendesk refuses.

const call = usePlayground();
type TicketBody = { ticket: { id: number; type: string | null; problem_id: number | null; updated_at: string } };
const ticket = async (id: number) => (await call<TicketBody>(`/api/v2/tickets/${id}.json`)).body.ticket;
const update = (id: number, change: Record<string, unknown>) => call<TicketBody>(`/api/v2/tickets/${id}.json`, 'PUT', { ticket: change });
const incidents = async (id: number, query = '') =>
  (await call<{ tickets: { id: number }[]; next_page: string | null; count: number }>(`/api/v2/tickets/${id}/incidents.json${query}`)).body;

const PROBLEM = 4141;
const UNLINKED = 4145;

describe('playground problems and incidents', () => {
  it('has an outage in the demo data: a problem, incidents linked to it, and a similar ticket not linked', async () => {
    expect(await ticket(PROBLEM)).toMatchObject({ type: 'problem', problem_id: null });
    const linked = await incidents(PROBLEM);
    expect(linked.tickets.map((t) => t.id)).toEqual([4142, 4143, 4144]);
    expect(linked).toMatchObject({ count: 3, next_page: null });
    expect(await ticket(UNLINKED)).toMatchObject({ type: 'question', problem_id: null });
  });

  it('shows several tickets at once with their type and problem link (Show Multiple Tickets)', async () => {
    const { status, body } = await call<{ tickets: { id: number; type: string; problem_id: number | null }[] }>(
      `/api/v2/tickets/show_many.json?ids=4142,${PROBLEM}`,
    );
    expect(status).toBe(200);
    expect(body.tickets).toEqual([
      expect.objectContaining({ id: 4142, type: 'incident', problem_id: PROBLEM }),
      expect.objectContaining({ id: PROBLEM, type: 'problem', problem_id: null }),
    ]);
  });

  it('lists incidents in offset pages', async () => {
    const first = await incidents(PROBLEM, '?per_page=2');
    expect(first.tickets.map((t) => t.id)).toEqual([4142, 4143]);
    expect(first.next_page).toMatch(/page=2/);
    expect((await incidents(PROBLEM, '?per_page=2&page=2')).tickets.map((t) => t.id)).toEqual([4144]);
    expect((await call('/api/v2/tickets/999999/incidents.json')).status).toBe(404);
  });

  it('links an incident in one safe update, and refuses a stale stamp with 409', async () => {
    const before = await ticket(UNLINKED);
    const linked = await update(UNLINKED, { type: 'incident', problem_id: PROBLEM, safe_update: true, updated_stamp: before.updated_at });
    expect(linked.status).toBe(200);
    expect(linked.body.ticket).toMatchObject({ type: 'incident', problem_id: PROBLEM });
    expect((await incidents(PROBLEM)).tickets.map((t) => t.id)).toContain(UNLINKED);
    const stale = await update(UNLINKED, { type: 'question', safe_update: true, updated_stamp: before.updated_at });
    expect(stale.status).toBe(409);
    expect(await ticket(UNLINKED)).toMatchObject({ type: 'incident', problem_id: PROBLEM });
  });

  it('refuses problem_id on a ticket that is not an incident, or naming one that is not a problem, with 422', async () => {
    const notIncident = await update(UNLINKED, { problem_id: PROBLEM });
    expect(notIncident.status).toBe(422);
    expect(notIncident.body).toMatchObject({ error: 'RecordInvalid', details: { problem_id: [expect.anything()] } });
    const notProblem = await update(UNLINKED, { type: 'incident', problem_id: 4142 });
    expect(notProblem.status).toBe(422);
    expect(await ticket(UNLINKED)).toMatchObject({ type: 'question', problem_id: null });
  });

  it('drops the link when an incident becomes another type, as Zendesk keeps problem_id on incidents only', async () => {
    const changed = await update(4142, { type: 'question' });
    expect(changed.body.ticket).toMatchObject({ type: 'question', problem_id: null });
    expect((await incidents(PROBLEM)).tickets.map((t) => t.id)).toEqual([4143, 4144]);
  });
});
