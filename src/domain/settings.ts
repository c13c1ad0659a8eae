/**
 * The app's settings as Zendesk delivers them in `metadata.settings`: values may arrive as
 * strings ("5", "true") or be missing, so every one is normalised and range-checked here.
 */
export interface AppSettings {
  leadGroupIds: number[];
  leadRoleIds: number[];
  adminsAreLeads: boolean;
  suggestionCount: number;
  helpCenterLocale: string;
  answerReviewDays: number;
  leadResponseMinutes: number;
  notifyLeads: boolean;
  /** Where an escalated ticket moves, and the priority it gets; null leaves the ticket's own. */
  escalationGroupId: number | null;
  escalationPriority: TicketPriority | null;
  /**
   * What is wrong with the two settings above, as given: escalating without them would send the
   * ticket somewhere other than the admin meant, so escalation is refused while one is listed.
   */
  escalationProblems: SettingProblem[];
}

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export interface SettingProblem {
  setting: string;
  /** Its words are ui.setup.setting_<problem> */
  problem: 'not_ids' | 'out_of_range' | 'not_a_number' | 'not_a_priority';
  value: string;
}

const ESCALATION_SETTINGS = ['escalation_group_id', 'escalation_priority'];

const RANGES = {
  suggestion_count: { min: 1, max: 10, fallback: 5 },
  answer_review_days: { min: 1, max: 3650, fallback: 90 },
  lead_response_minutes: { min: 1, max: 10080, fallback: 60 },
} as const;

/** "360001, 360002" → [360001, 360002]; anything that is not a positive whole number is dropped. */
export function parseIdList(value: unknown): { ids: number[]; junk: string[] } {
  const parts = String(value ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean);
  const ids: number[] = [];
  const junk: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part) && Number(part) > 0 && Number.isSafeInteger(Number(part))) ids.push(Number(part));
    else junk.push(part);
  }
  return { ids: [...new Set(ids)], junk };
}

function parseBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return fallback;
}

export function readSettings(raw: Record<string, unknown>): { settings: AppSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];

  const ids = (name: string) => {
    const { ids, junk } = parseIdList(raw[name]);
    if (junk.length) problems.push({ setting: name, problem: 'not_ids', value: junk.join(', ') });
    return ids;
  };

  const number = (name: keyof typeof RANGES) => {
    const { min, max, fallback } = RANGES[name];
    const value = raw[name];
    if (value === undefined || value === null || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n)) {
      problems.push({ setting: name, problem: 'not_a_number', value: String(value) });
      return fallback;
    }
    if (n < min || n > max) {
      problems.push({ setting: name, problem: 'out_of_range', value: String(value) });
      return Math.min(max, Math.max(min, Math.round(n)));
    }
    return Math.round(n);
  };

  const priority = (value: unknown): TicketPriority | null => {
    const text = String(value ?? '')
      .trim()
      .toLowerCase();
    if (!text) return null;
    if ((TICKET_PRIORITIES as readonly string[]).includes(text)) return text as TicketPriority;
    problems.push({ setting: 'escalation_priority', problem: 'not_a_priority', value: String(value) });
    return null;
  };

  const settings: Omit<AppSettings, 'escalationProblems'> = {
    leadGroupIds: ids('lead_group_ids'),
    leadRoleIds: ids('lead_role_ids'),
    adminsAreLeads: parseBoolean(raw.admins_are_leads, true),
    suggestionCount: number('suggestion_count'),
    helpCenterLocale:
      String(raw.help_center_locale ?? '')
        .trim()
        .toLowerCase() || 'en-us',
    answerReviewDays: number('answer_review_days'),
    leadResponseMinutes: number('lead_response_minutes'),
    notifyLeads: parseBoolean(raw.notify_leads, true),
    escalationGroupId: ids('escalation_group_id')[0] ?? null,
    escalationPriority: priority(raw.escalation_priority),
  };
  return { settings: { ...settings, escalationProblems: problems.filter((p) => ESCALATION_SETTINGS.includes(p.setting)) }, problems };
}

/** What Zendesk says of the configured escalation group: null when none is configured. */
export type GroupState = 'usable' | 'missing' | 'deleted' | null;

/** Why an escalation must not be sent as the settings stand: which setting, with what value. */
export interface SettingRefusal {
  /** Its words are ui.escalation.refused_<reason> */
  reason: 'priority_invalid' | 'group_not_id' | 'group_missing' | 'group_deleted';
  setting: 'escalation_group_id' | 'escalation_priority';
  value: string;
}

/**
 * Whether an escalation may go out with these settings. Admin Center checks only the settings'
 * types, so a priority Zendesk does not have or a group that is not there reaches the app: an
 * escalation without them would land somewhere other than the admin meant, so it is refused.
 */
export function escalationRefusal(settings: AppSettings, group: GroupState): SettingRefusal | null {
  const priority = settings.escalationProblems.find((p) => p.setting === 'escalation_priority');
  if (priority) return { reason: 'priority_invalid', setting: 'escalation_priority', value: priority.value };
  const groupIds = settings.escalationProblems.find((p) => p.setting === 'escalation_group_id');
  if (groupIds) return { reason: 'group_not_id', setting: 'escalation_group_id', value: groupIds.value };
  if (settings.escalationGroupId !== null && (group === 'missing' || group === 'deleted'))
    return { reason: `group_${group}`, setting: 'escalation_group_id', value: String(settings.escalationGroupId) };
  return null;
}
