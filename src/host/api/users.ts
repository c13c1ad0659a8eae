import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { readPages } from './pages';

const UserSchema = z.object({
  id: z.number(),
  name: z.string(),
  role: z.string(),
  custom_role_id: z.optional(z.nullable(z.number())),
  locale: z.optional(z.string()),
});
export type User = z.infer<typeof UserSchema>;

const GroupSchema = z.object({ id: z.number(), name: z.string() });

/** The signed-in agent with their groups, read fresh (lead powers are decided from this). */
export async function getMe(host: HostClient): Promise<{ user: User; groupIds: number[] }> {
  const response = await host.request(
    { url: '/api/v2/users/me.json?include=groups' },
    z.object({ user: UserSchema, groups: z.optional(z.array(GroupSchema)) }),
  );
  return { user: response.user, groupIds: (response.groups ?? []).map((g) => g.id) };
}

/** Zendesk's Show Many Users "accepts a comma-separated list of up to 100 user ids". */
const SHOW_MANY_MAX = 100;

/** Users by id: one show_many call per 100 distinct ids, all at once. */
export async function getUsers(host: HostClient, ids: number[]): Promise<User[]> {
  const distinct = [...new Set(ids)];
  const chunks: number[][] = [];
  for (let i = 0; i < distinct.length; i += SHOW_MANY_MAX) chunks.push(distinct.slice(i, i + SHOW_MANY_MAX));
  const Response = z.object({ users: z.array(UserSchema) });
  const pages = await Promise.all(
    chunks.map((chunk) => host.request({ url: `/api/v2/users/show_many.json?ids=${chunk.join(',')}` }, Response)),
  );
  return pages.flatMap((page) => page.users);
}

const MembershipPage = z.object({
  group_memberships: z.array(z.object({ user_id: z.number() })),
  next_page: z.optional(z.nullable(z.string())),
});

/** Ids of the members of a group (GET /api/v2/groups/{id}/memberships), every page. */
export async function getGroupMemberIds(host: HostClient, groupId: number): Promise<number[]> {
  return readPages(host, `/api/v2/groups/${groupId}/memberships.json`, MembershipPage, (page) =>
    page.group_memberships.map((m) => m.user_id),
  );
}
