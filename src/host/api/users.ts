import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { ApiError } from '../errors';
import { readPages } from './pages';

const UserSchema = z.object({
  id: z.number(),
  name: z.string(),
  role: z.string(),
  // A number, but Zendesk sends it as a string for some roles (its administrator roles, for one).
  custom_role_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  locale: z.optional(z.string()),
});

export interface User {
  id: number;
  name: string;
  role: string;
  custom_role_id: number | null;
  locale?: string;
}

function toUser({ custom_role_id, ...user }: z.infer<typeof UserSchema>): User {
  const roleId = custom_role_id === null || custom_role_id === undefined || custom_role_id === '' ? NaN : Number(custom_role_id);
  return { ...user, custom_role_id: Number.isFinite(roleId) ? roleId : null };
}

const GroupSchema = z.object({ id: z.number(), name: z.string() });

/** The signed-in agent with their groups, read fresh (lead powers are decided from this). */
export async function getMe(host: HostClient): Promise<{ user: User; groupIds: number[] }> {
  const response = await host.request(
    { url: '/api/v2/users/me.json?include=groups' },
    z.object({ user: UserSchema, groups: z.optional(z.array(GroupSchema)) }),
  );
  return { user: toUser(response.user), groupIds: (response.groups ?? []).map((g) => g.id) };
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
  return pages.flatMap((page) => page.users.map(toUser));
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

const GroupPage = z.object({ groups: z.array(GroupSchema), next_page: z.optional(z.nullable(z.string())) });

/** The account's groups (GET /api/v2/groups), every page: names for the queue's group filter. */
export async function getGroups(host: HostClient): Promise<{ id: number; name: string }[]> {
  return readPages(host, '/api/v2/groups.json', GroupPage, (page) => page.groups);
}

const ShownGroup = z.object({ group: z.object({ id: z.number(), name: z.string(), deleted: z.optional(z.boolean()) }) });

/**
 * One group (GET /api/v2/groups/{id}): null when the account has no such group (404). Zendesk
 * keeps a deleted group and marks it `deleted`; a ticket can no longer be assigned to it.
 */
export async function getGroup(host: HostClient, id: number): Promise<{ id: number; name: string; deleted: boolean } | null> {
  try {
    const { group } = await host.request({ url: `/api/v2/groups/${id}.json` }, ShownGroup);
    return { id: group.id, name: group.name, deleted: group.deleted === true };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
