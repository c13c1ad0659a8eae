import * as z from 'zod/mini';
import type { HostClient } from '../client';

const ArticleSchema = z.object({
  id: z.number(),
  title: z.string(),
  html_url: z.string(),
  snippet: z.optional(z.nullable(z.string())),
  body: z.optional(z.nullable(z.string())),
  label_names: z.optional(z.array(z.string())),
  section_id: z.optional(z.nullable(z.number())),
  locale: z.optional(z.string()),
  updated_at: z.optional(z.string()),
  vote_sum: z.optional(z.number()),
  /** Set when only a user segment (signed-in users, agents) may read the article. */
  user_segment_id: z.optional(z.nullable(z.number())),
});
export type Article = z.infer<typeof ArticleSchema>;

const SearchResponseSchema = z.object({
  results: z.array(ArticleSchema),
  count: z.optional(z.number()),
  next_page: z.optional(z.nullable(z.string())),
});

export interface ArticleSearch {
  query: string;
  locale: string;
  perPage: number;
}

/** Help Center full-text search (GET /api/v2/help_center/articles/search). */
export async function searchArticles(host: HostClient, search: ArticleSearch): Promise<Article[]> {
  const params = new URLSearchParams({ query: search.query, locale: search.locale, per_page: String(search.perPage) });
  const response = await host.request({ url: `/api/v2/help_center/articles/search.json?${params}` }, SearchResponseSchema);
  return response.results;
}

/** The Help Center's enabled locales (GET /api/v2/help_center/locales), e.g. ['en-us', 'de']. */
export async function helpCenterLocales(host: HostClient): Promise<string[]> {
  const response = await host.request({ url: '/api/v2/help_center/locales.json' }, z.object({ locales: z.array(z.string()) }));
  return response.locales.map((l) => l.toLowerCase());
}

/** One article with its body (GET /api/v2/help_center/{locale}/articles/{id}). */
export async function getArticle(host: HostClient, locale: string, id: number): Promise<Article> {
  const url = `/api/v2/help_center/${encodeURIComponent(locale)}/articles/${id}.json`;
  return (await host.request({ url }, z.object({ article: ArticleSchema }))).article;
}

/** Only a user segment (signed-in users, agents) may read it: the customer may not be allowed to. */
export const isRestricted = (article: Article) => article.user_segment_id != null;

/** What a session keeps of a search result: everything but the article's body, read again when quoted. */
export function withoutBody({ body: _body, ...rest }: Article): Article {
  return rest;
}
