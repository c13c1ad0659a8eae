import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { ApiError } from '../errors';
import { sourceName } from '../../domain/knowledge/sources';

/*
 * Unified Search (GET /api/v2/guide/search): Help Center articles, community posts and the records
 * of the sources a team connects to Zendesk (knowledge connectors, federated search). A module of
 * its own, so the sidebar downloads it with the query builder, after its first paint.
 */
/**
 * One Unified Search result (GET /api/v2/guide/search) as Zendesk's reference documents it: its
 * type (ARTICLE, POST or EXTERNAL_RECORD), title, snippet, url and updated_at. It documents no id,
 * locale or source, so an external record is known by its URL.
 */
const UnifiedResultSchema = z.object({
  type: z.string(),
  title: z.string(),
  url: z.string(),
  snippet: z.optional(z.nullable(z.string())),
  updated_at: z.optional(z.nullable(z.string())),
});
const UnifiedSearchSchema = z.object({
  results: z.array(UnifiedResultSchema),
  meta: z.optional(z.object({ has_more: z.optional(z.boolean()), after_cursor: z.optional(z.nullable(z.string())) })),
});

/** A record from a knowledge source the team connected to Zendesk (Confluence, Guru, …), or a post of the Help Center's community. */
export interface ExternalRecord {
  kind: 'record' | 'post';
  title: string;
  url: string;
  snippet?: string | null;
  updated_at?: string | null;
  /** The tool it lives in, named from its URL (see domain/knowledge/sources); "Community" for a post. */
  source: string;
}

/** Unified Search's page size limit ("Returns a maximum of 50 records per page"). */
const UNIFIED_MAX_PAGE_SIZE = 50;

/**
 * Unified Search is off for the account (plan, feature or permission): 403 or 404. Other failures
 * (rate limits, server errors) are passing and say nothing about the account.
 */
export const unifiedSearchUnavailable = (error: unknown) => error instanceof ApiError && (error.status === 403 || error.status === 404);

async function unifiedPage(host: HostClient, params: URLSearchParams) {
  return host.request({ url: `/api/v2/guide/search?${params}` }, UnifiedSearchSchema);
}

/** One result of a Unified Search page, of any type. */
export type UnifiedResult = z.infer<typeof UnifiedResultSchema>;

const externalOf = (results: UnifiedResult[]): ExternalRecord[] =>
  results.flatMap(({ type, title, url, snippet, updated_at }): ExternalRecord[] => {
    if (type === 'EXTERNAL_RECORD') return [{ kind: 'record', title, url, snippet, updated_at, source: sourceName(url) }];
    if (type === 'POST') return [{ kind: 'post', title, url, snippet, updated_at, source: 'Community' }];
    return [];
  });

/**
 * The external content records and community posts among the results that `choose` keeps of the
 * first page of a Unified Search (the whole page when not given): the page's articles are there
 * for `choose` to weigh them against, while the articles shown come from the articles search,
 * whose results carry what the panel needs (id, labels, user segment).
 */
export async function searchExternalRecords(
  host: HostClient,
  search: { query: string; locales: string[]; pageSize: number },
  choose: (page: UnifiedResult[]) => UnifiedResult[] = (page) => page,
): Promise<ExternalRecord[]> {
  const params = new URLSearchParams({
    query: search.query,
    'filter[locales]': search.locales.join(','),
    'page[size]': String(Math.min(UNIFIED_MAX_PAGE_SIZE, search.pageSize)),
  });
  return externalOf(choose((await unifiedPage(host, params)).results));
}

/**
 * The sources the account's Unified Search returns records from, read from its results without a
 * query (up to `maxPages` pages, following the cursor); null when Unified Search is unavailable.
 */
export async function unifiedSearchSources(host: HostClient, locales: string[], maxPages = 4): Promise<string[] | null> {
  const params = new URLSearchParams({ 'filter[locales]': locales.join(','), 'page[size]': String(UNIFIED_MAX_PAGE_SIZE) });
  const names = new Set<string>();
  try {
    for (let i = 0; i < maxPages; i++) {
      const page = await unifiedPage(host, params);
      for (const record of externalOf(page.results)) if (record.kind === 'record') names.add(record.source);
      if (!page.meta?.has_more || !page.meta.after_cursor) break;
      params.set('page[after]', page.meta.after_cursor);
    }
  } catch (error) {
    if (unifiedSearchUnavailable(error)) return null;
    throw error;
  }
  return [...names].sort();
}
