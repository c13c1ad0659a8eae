import type * as z from 'zod/mini';
import type { HostClient } from '../client';
import { TooManyPagesError } from '../errors';

/**
 * Pages read from one list at most. Zendesk gives 100 records a page, so this is 1,000 records:
 * far beyond a ticket's audit trail or a lead group in normal use.
 */
const MAX_PAGES = 10;

/**
 * Reads a list that uses Zendesk's offset pagination by following each page's `next_page`, and
 * sends no pagination parameter of its own (the operations the app lists document none). A
 * next_page already read ends the list, so a host that repeats itself cannot loop the app; more
 * than MAX_PAGES pages is a TooManyPagesError rather than a silently partial list.
 */
export async function readPages<P extends { next_page?: string | null | undefined }, T>(
  host: HostClient,
  first: string,
  schema: z.ZodMiniType<P>,
  items: (page: P) => T[],
): Promise<T[]> {
  const read = new Set<string>();
  const all: T[] = [];
  let url: string | null = first;
  while (url !== null && !read.has(url)) {
    if (read.size >= MAX_PAGES) throw new TooManyPagesError(first, MAX_PAGES);
    read.add(url);
    const page: P = await host.request({ url }, schema);
    all.push(...items(page));
    url = page.next_page ? relative(page.next_page) : null;
  }
  return all;
}

/** next_page is an absolute URL on the account's host; requests go through the host by path. */
function relative(url: string): string {
  const parsed = new URL(url, 'https://zendesk.invalid');
  return parsed.pathname + parsed.search;
}
