import * as z from 'zod/mini';
import type { HostClient } from '../client';

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

export async function getUsers(host: HostClient, ids: number[]): Promise<User[]> {
  if (!ids.length) return [];
  const response = await host.request(
    { url: `/api/v2/users/show_many.json?ids=${ids.join(',')}` },
    z.object({ users: z.array(UserSchema) }),
  );
  return response.users.map(toUser);
}

/** Ids of the members of a group (GET /api/v2/groups/{id}/memberships), all pages. */
export async function getGroupMemberIds(host: HostClient, groupId: number): Promise<number[]> {
  const Page = z.object({
    group_memberships: z.array(z.object({ user_id: z.number() })),
    next_page: z.optional(z.nullable(z.string())),
  });
  const ids: number[] = [];
  let url: string | null = `/api/v2/groups/${groupId}/memberships.json`;
  while (url) {
    const page: z.infer<typeof Page> = await host.request({ url }, Page);
    ids.push(...page.group_memberships.map((m) => m.user_id));
    url = page.next_page ? new URL(page.next_page).pathname + new URL(page.next_page).search : null;
  }
  return ids;
}
