import { isLead } from '../domain/escalation';
import type { AppSettings } from '../domain/settings';
import { getGroupMemberIds, getMe, getUsers, type User } from '../host/api/users';
import type { HostClient } from '../host/client';
import type { SessionCache } from './sessionCache';

export interface LeadStatus {
  userId: number;
  name: string;
  isLead: boolean;
}

const ME_MAX_AGE_MS = 30 * 60 * 1000;

/**
 * Whether the signed-in agent is a team lead. The cached answer only decides which buttons to
 * show; every lead action asks `fresh()`, so a role or group removed minutes ago is honoured.
 */
export function createLeadAccess(host: HostClient, settings: AppSettings, cache: SessionCache, currentUserId: number) {
  // Keyed by the signed-in user: another agent in the same browser must never inherit lead powers.
  const meKey = `me:${currentUserId}`;
  async function fresh(): Promise<LeadStatus> {
    const { user, groupIds } = await getMe(host);
    const status = { userId: user.id, name: user.name, isLead: isLead(user, groupIds, settings) };
    cache.set(meKey, { user, groupIds });
    return status;
  }
  async function cached(): Promise<LeadStatus> {
    const hit = cache.get<Awaited<ReturnType<typeof getMe>>>(meKey, ME_MAX_AGE_MS);
    if (!hit) return fresh();
    const { user, groupIds } = hit.value;
    return { userId: user.id, name: user.name, isLead: isLead(user, groupIds, settings) };
  }
  /**
   * Names and lead status of other users (who requested, who escalated), for the history.
   * Lead-group members are read once per session; users are looked up in one call.
   */
  // Panels ask at the same moment (escalation history, answer approvals): one read serves them all.
  let membersInFlight: Promise<number[]> | null = null;
  function leadMembers(): Promise<number[]> {
    const memberKey = `lead-members:${settings.leadGroupIds.join(',')}`;
    const hit = cache.get<number[]>(memberKey, ME_MAX_AGE_MS)?.value;
    if (hit) return Promise.resolve(hit);
    membersInFlight ??= Promise.all(settings.leadGroupIds.map((id) => getGroupMemberIds(host, id)))
      .then((lists) => {
        const members = lists.flat();
        cache.set(memberKey, members);
        return members;
      })
      .finally(() => (membersInFlight = null));
    return membersInFlight;
  }
  async function people(ids: number[]): Promise<Map<number, { name: string; isLead: boolean }>> {
    const members = await leadMembers();
    // Users already looked up this session are not asked for again.
    const known = new Map(cache.get<[number, User][]>('users', ME_MAX_AGE_MS)?.value ?? []);
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length) {
      for (const user of await getUsers(host, missing)) known.set(user.id, user);
      cache.set('users', [...known]);
    }
    const memberSet = new Set(members);
    return new Map(
      [...new Set(ids)]
        .map((id) => known.get(id))
        .filter((u): u is User => u !== undefined)
        .map((u) => [u.id, { name: u.name, isLead: isLead(u, memberSet.has(u.id) ? settings.leadGroupIds : [], settings) }]),
    );
  }
  return { cached, fresh, people };
}
export type LeadAccess = ReturnType<typeof createLeadAccess>;
