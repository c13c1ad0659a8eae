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
