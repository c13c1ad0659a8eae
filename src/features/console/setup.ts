import { readSettings, TICKET_PRIORITIES, type AppSettings } from '../../domain/settings';
import { mapLimited } from '../../host/mapLimited';
import { ANSWER_OBJECT, FEEDBACK_OBJECT } from '../../host/api/customObjects';
import { escalationFieldId } from '../../host/api/escalation';
import { helpCenterLocales } from '../../host/api/helpCenter';
import { unifiedSearchSources } from '../../host/api/unifiedSearch';
import { customObjectExists, groupExists, rolesThatEdit, ticketFieldIds } from '../../host/api/setup';
import type { HostClient } from '../../host/client';

export interface SetupProblem {
  /** Translation key under ui.setup */
  key: string;
  vars?: Record<string, string | number>;
}

/** Checks that the app's requirements are installed and its settings make sense; each problem says how to fix it. */
export async function checkSetup(host: HostClient, settings: AppSettings): Promise<SetupProblem[]> {
  const problems: SetupProblem[] = [];
  const metadata = await host.metadata();
  for (const p of readSettings(metadata.settings).problems)
    problems.push({
      key: `setting_${p.problem}`,
      vars: { setting: p.setting, value: p.value, ...(p.problem === 'not_a_priority' ? { allowed: TICKET_PRIORITIES.join(', ') } : {}) },
    });

  const [fieldId, fields, answerObject, feedbackObject, groups, escalationGroup, answerEditors] = await Promise.all([
    escalationFieldId(host).catch(() => null),
    ticketFieldIds(host),
    customObjectExists(host, ANSWER_OBJECT),
    customObjectExists(host, FEEDBACK_OBJECT),
    mapLimited(settings.leadGroupIds, 4, async (id) => [id, await groupExists(host, id)] as const),
    settings.escalationGroupId === null ? true : groupExists(host, settings.escalationGroupId),
    rolesThatEdit(host, ANSWER_OBJECT),
  ]);
  if (settings.escalationGroupId !== null && !escalationGroup)
    problems.push({ key: 'escalation_group_missing', vars: { id: settings.escalationGroupId } });
  if (fieldId === null || !fields.includes(fieldId)) problems.push({ key: 'field_missing' });
  if (!answerObject) problems.push({ key: 'object_missing', vars: { key: ANSWER_OBJECT } });
  if (!feedbackObject) problems.push({ key: 'object_missing', vars: { key: FEEDBACK_OBJECT } });
  for (const [id, exists] of groups) if (!exists) problems.push({ key: 'group_missing', vars: { id } });
  // The app detects an edit it did not make (approval.ts), but only Zendesk can prevent one.
  if (answerEditors === null) problems.push({ key: 'answer_permissions_unknown' });
  else {
    const nonLeads = answerEditors.filter((role) => !settings.leadRoleIds.includes(role.id));
    if (nonLeads.length)
      problems.push({ key: 'answers_editable', vars: { roles: nonLeads.map((r) => `“${r.name}”`).join(', '), setting: 'lead_role_ids' } });
  }
  if (!settings.leadGroupIds.length && !settings.leadRoleIds.length && !settings.adminsAreLeads) problems.push({ key: 'no_leads' });
  return problems;
}

/**
 * What the knowledge panel searches besides Help Center articles: the sources Unified Search
 * returns records from on this account, or that it has no Unified Search (articles only).
 */
export async function checkKnowledgeSources(host: HostClient, settings: AppSettings): Promise<SetupProblem> {
  const locales = await helpCenterLocales(host).catch(() => [settings.helpCenterLocale]);
  const sources = await unifiedSearchSources(host, locales.length ? locales : [settings.helpCenterLocale]);
  if (sources === null) return { key: 'knowledge_unified_off' };
  return sources.length ? { key: 'knowledge_sources', vars: { sources: sources.join(', ') } } : { key: 'knowledge_sources_none' };
}
