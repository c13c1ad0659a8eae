import * as z from 'zod/mini';
import { historyFromAudits, type EscalationHistory } from '../../domain/escalation';
import type { EscalationEvent } from '../../domain/metrics';
import { getAudits, type Ticket } from '../../host/api/tickets';
import type { HostClient } from '../../host/client';

const RequirementSchema = z.object({ requirement_id: z.union([z.number(), z.string()]) });

/** The escalation field's id in this account, from the app's installed requirement. */
export async function escalationFieldId(host: HostClient): Promise<number> {
  const result = await host.get({ 'requirement:escalation_status': RequirementSchema });
  return Number(result['requirement:escalation_status'].requirement_id);
}

/** Runs `work` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Each ticket's escalation history from its audits, four tickets at a time (REST budget). */
export async function histories(host: HostClient, tickets: readonly Ticket[], fieldId: number): Promise<Map<number, EscalationHistory>> {
  const found = await mapLimited(
    tickets,
    4,
    async (ticket) => [ticket.id, historyFromAudits(await getAudits(host, ticket.id), fieldId)] as const,
  );
  return new Map(found);
}

/** Request, escalation and the first lead response (escalate or decline) of each escalated ticket. */
export function escalationEvents(history: Map<number, EscalationHistory>, isLead: (id: number) => boolean): EscalationEvent[] {
  const events: EscalationEvent[] = [];
  for (const [ticketId, h] of history) {
    const request = h.lastRequest;
    const response = request ? h.changes.find((c) => c.at >= request.at && c.from === 'requested' && isLead(c.authorId)) : undefined;
    const event: EscalationEvent = { ticketId };
    if (request) event.requestedAt = request.at;
    if (h.lastEscalation) event.escalatedAt = h.lastEscalation.at;
    if (response) event.firstLeadResponseAt = response.at;
    events.push(event);
  }
  return events;
}
