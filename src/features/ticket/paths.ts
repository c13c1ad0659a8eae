import * as z from 'zod/mini';
import type { Parsed } from '../../host/client';
import { TagsSchema, TicketCommentSchema, TicketUserSchema } from '../../host/schemas';

/** What the sidebar reads about the ticket on screen, in the boot's one batched `get`. */
export const TicketPaths = {
  'ticket.id': z.number(),
  'ticket.subject': z.string(),
  'ticket.requester': z.nullable(TicketUserSchema),
  'ticket.tags': TagsSchema,
  /** question, incident, problem or task; null when not set. */
  'ticket.type': z.optional(z.nullable(z.string())),
  'ticket.comments': z.array(TicketCommentSchema),
  /** When Zendesk last saved the ticket (ISO 8601): the version its audits belong to. */
  'ticket.updatedAt': z.optional(z.nullable(z.string())),
};
export type TicketSnapshot = Parsed<typeof TicketPaths>;
