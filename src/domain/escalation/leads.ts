/** Who counts as a lead, from the app settings. */

export interface LeadSettings {
  leadGroupIds: number[];
  leadRoleIds: number[];
  adminsAreLeads: boolean;
}

export interface LeadCandidate {
  id: number;
  role: string;
  custom_role_id?: number | null;
}

/** A lead is an admin (if so configured), has a lead custom role, or is in a lead group. */
export function isLead(user: LeadCandidate, groupIds: number[], settings: LeadSettings): boolean {
  // End users can never be leads, whatever groups or roles are misconfigured.
  if (user.role !== 'agent' && user.role !== 'admin') return false;
  if (settings.adminsAreLeads && user.role === 'admin') return true;
  if (user.custom_role_id != null && settings.leadRoleIds.includes(user.custom_role_id)) return true;
  return groupIds.some((id) => settings.leadGroupIds.includes(id));
}

/**
 * Parses an ID list typed into an app setting ("123, 456 789;x") into unique
 * positive integers; anything else is ignored rather than failing the whole setting.
 */
export function parseIdList(text: string | null | undefined): number[] {
  const ids: number[] = [];
  for (const token of (text ?? '').split(/[\s,;]+/)) {
    if (!/^\d+$/.test(token)) continue;
    const id = Number(token);
    if (id > 0 && Number.isSafeInteger(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
