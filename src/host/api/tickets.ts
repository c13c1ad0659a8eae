import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { readPages } from './pages';

export const TicketSchema = z.object({
  id: z.number(),
  subject: z.nullable(z.string()),
  /** The first comment's text: what the customer first wrote, for tickets read in bulk (search). */
  description: z.optional(z.nullable(z.string())),
  status: z.string(),
  priority: z.optional(z.nullable(z.string())),
  requester_id: z.optional(z.nullable(z.number())),
  assignee_id: z.optional(z.nullable(z.number())),
  group_id: z.optional(z.nullable(z.number())),
  /** problem, incident, question or task; null when not set. */
  type: z.optional(z.nullable(z.string())),
  /** For an incident, the problem ticket it is linked to. */
  problem_id: z.optional(z.nullable(z.number())),
  tags: z.array(z.string()),
  custom_fields: z.optional(z.array(z.object({ id: z.number(), value: z.unknown() }))),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

const AuditSchema = z.object({
  id: z.number(),
  ticket_id: z.number(),
  created_at: z.string(),
  author_id: z.number(),
  events: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      field_name: z.optional(z.nullable(z.string())),
      value: z.optional(z.unknown()),
      previous_value: z.optional(z.unknown()),
      body: z.optional(z.nullable(z.string())),
      public: z.optional(z.nullable(z.boolean())),
    }),
  ),
});
export type Audit = z.infer<typeof AuditSchema>;

export async function getTicket(host: HostClient, id: number): Promise<Ticket> {
  return (await host.request({ url: `/api/v2/tickets/${id}.json` }, z.object({ ticket: TicketSchema }))).ticket;
}

const AuditPage = z.object({ audits: z.array(AuditSchema), next_page: z.optional(z.nullable(z.string())) });

/** Up to 100 tickets in one call (Show Multiple Tickets takes at most 100 ids); ids Zendesk does not have, or this agent may not see, are left out. */
export async function getTickets(host: HostClient, ids: number[]): Promise<Ticket[]> {
  if (!ids.length) return [];
  const url = `/api/v2/tickets/show_many.json?ids=${ids.slice(0, 100).join(',')}`;
  return (await host.request({ url }, z.object({ tickets: z.array(TicketSchema) }))).tickets;
}

/** A ticket's audits, every page (100 a page, oldest first). */
export async function getAudits(host: HostClient, id: number): Promise<Audit[]> {
  return readPages(host, `/api/v2/tickets/${id}/audits.json`, AuditPage, (page) => page.audits);
}

export interface TicketUpdate {
  custom_fields?: { id: number; value: unknown }[];
  /** The whole list: Zendesk documents no add/remove lists for a single ticket's update. */
  tags?: string[];
  comment?: { body: string; public: boolean };
  priority?: string;
  group_id?: number;
  /** Linking an incident to its problem: Zendesk takes `problem_id` only with `type: incident`. */
  type?: 'incident';
  problem_id?: number;
}

/**
 * One atomic ticket update, sent with `safe_update` and the `updated_at` the app based it on:
 * if anyone changed the ticket since, Zendesk answers 409 and changes nothing.
 */
export async function updateTicketSafely(host: HostClient, id: number, basedOn: string, update: TicketUpdate): Promise<Ticket> {
  const body = { ticket: { ...update, safe_update: true, updated_stamp: basedOn } };
  return (await host.request({ url: `/api/v2/tickets/${id}.json`, method: 'PUT', body }, z.object({ ticket: TicketSchema }))).ticket;
}
