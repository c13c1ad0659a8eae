import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { TicketSchema } from './tickets';

/* Problem and incident tickets, for known issues: the sidebar's known-issue part and the console read them. */

const IncidentPage = z.object({
  tickets: z.array(TicketSchema),
  count: z.optional(z.number()),
  next_page: z.optional(z.nullable(z.string())),
});

/** How many incidents are linked to a problem ticket (List Ticket Incidents' `count`, one small page read). */
export async function countIncidents(host: HostClient, problemId: number): Promise<number> {
  const page = await host.request({ url: `/api/v2/tickets/${problemId}/incidents.json?per_page=1` }, IncidentPage);
  return page.count ?? page.tickets.length;
}
