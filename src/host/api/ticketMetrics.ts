import * as z from 'zod/mini';
import type { TicketCounts } from '../../domain/answers/outcomes';
import type { HostClient } from '../client';

const TicketMetricSchema = z.object({
  ticket_id: z.number(),
  created_at: z.string(),
  replies: z.optional(z.nullable(z.number())),
  reopens: z.optional(z.nullable(z.number())),
});

const TicketMetricsPageSchema = z.object({
  ticket_metrics: z.array(TicketMetricSchema),
  meta: z.optional(z.object({ has_more: z.boolean(), after_cursor: z.optional(z.nullable(z.string())) })),
});

const PAGE_SIZE = 100;
// Twenty pages (2,000 tickets) bound one console read, as the ticket export does.
const MAX_PAGES = 20;

export interface TicketMetricsRead {
  counts: Map<number, TicketCounts>;
  /** False when the window held more tickets than the pages read. */
  complete: boolean;
}

/**
 * Replies and reopens of the tickets created since `since` (List Ticket Metrics, newest created
 * first, cursor pages): one read serves the whole window instead of one call per ticket. A
 * metric without a count (never set on the ticket) counts as zero, as Zendesk shows it.
 */
export async function ticketMetricsSince(host: HostClient, since: Date): Promise<TicketMetricsRead> {
  const counts = new Map<number, TicketCounts>();
  let after: string | null = null;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const params = new URLSearchParams({ 'page[size]': String(PAGE_SIZE) });
    if (after) params.set('page[after]', after);
    const page = await host.request({ url: `/api/v2/ticket_metrics.json?${params}` }, TicketMetricsPageSchema);
    let older = false;
    for (const metric of page.ticket_metrics) {
      if (Date.parse(metric.created_at) < since.getTime()) older = true;
      else counts.set(metric.ticket_id, { replies: metric.replies ?? 0, reopens: metric.reopens ?? 0 });
    }
    after = page.meta?.has_more ? (page.meta.after_cursor ?? null) : null;
    if (older || !after) return { counts, complete: true };
  }
  return { counts, complete: false };
}
