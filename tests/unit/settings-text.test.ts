import { describe, expect, it } from 'vitest';
import { escalationRefusal, readSettings } from '../../src/domain/settings';
import { highlightSegments } from '../../src/domain/html';
import { excerpt, safeHttpUrl } from '../../src/domain/text';

describe('readSettings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readSettings({}).settings).toEqual({
      leadGroupIds: [],
      leadRoleIds: [],
      adminsAreLeads: true,
      suggestionCount: 5,
      helpCenterLocale: 'en-us',
      answerReviewDays: 90,
      leadResponseMinutes: 60,
      notifyLeads: true,
      escalationGroupId: null,
      escalationPriority: null,
      escalationProblems: [],
    });
  });

  it('accepts the strings Zendesk may send and reports what it had to correct', () => {
    const { settings, problems } = readSettings({
      lead_group_ids: '503, x9',
      suggestion_count: '25',
      answer_review_days: 'soon',
      admins_are_leads: 'false',
      help_center_locale: ' DE ',
      escalation_group_id: ' 504 ',
      escalation_priority: 'asap',
    });
    expect(settings).toMatchObject({
      leadGroupIds: [503],
      suggestionCount: 10,
      answerReviewDays: 90,
      adminsAreLeads: false,
      helpCenterLocale: 'de',
      escalationGroupId: 504,
      escalationPriority: null,
    });
    expect(problems).toEqual([
      { setting: 'lead_group_ids', problem: 'not_ids', value: 'x9' },
      { setting: 'suggestion_count', problem: 'out_of_range', value: '25' },
      { setting: 'answer_review_days', problem: 'not_a_number', value: 'soon' },
      { setting: 'escalation_priority', problem: 'not_a_priority', value: 'asap' },
    ]);
    expect(settings.escalationProblems).toEqual([{ setting: 'escalation_priority', problem: 'not_a_priority', value: 'asap' }]);
  });
});

describe('escalationRefusal', () => {
  const settings = (raw: Record<string, unknown>) => readSettings(raw).settings;

  it('lets an escalation go with no routing set, or with a usable group and a real priority', () => {
    expect(escalationRefusal(settings({}), null)).toBeNull();
    expect(escalationRefusal(settings({ escalation_group_id: '504', escalation_priority: 'High' }), 'usable')).toBeNull();
    expect(escalationRefusal(settings({ escalation_priority: 'urgent' }), null)).toBeNull();
  });

  it('refuses a group Zendesk does not have or has deleted, naming the setting and the id', () => {
    expect(escalationRefusal(settings({ escalation_group_id: '998' }), 'missing')).toEqual({
      reason: 'group_missing',
      setting: 'escalation_group_id',
      value: '998',
    });
    expect(escalationRefusal(settings({ escalation_group_id: '998' }), 'deleted')).toMatchObject({ reason: 'group_deleted', value: '998' });
  });

  it('refuses a group setting that is not an id, and a priority Zendesk does not have, whatever the group', () => {
    expect(escalationRefusal(settings({ escalation_group_id: 'Escalations' }), null)).toEqual({
      reason: 'group_not_id',
      setting: 'escalation_group_id',
      value: 'Escalations',
    });
    expect(escalationRefusal(settings({ escalation_group_id: '504', escalation_priority: 'asap' }), 'usable')).toEqual({
      reason: 'priority_invalid',
      setting: 'escalation_priority',
      value: 'asap',
    });
  });

  it('is not troubled by problems of other settings', () => {
    expect(escalationRefusal(settings({ suggestion_count: '99', lead_group_ids: 'x' }), null)).toBeNull();
  });
});

describe('text helpers', () => {
  it('keeps only <em> highlights of a snippet, as text', () => {
    expect(highlightSegments('Reset your <em>PIN</em> &amp; <b>card</b><script>x</script>')).toEqual([
      { text: 'Reset your ', highlighted: false },
      { text: 'PIN', highlighted: true },
      { text: ' & cardx', highlighted: false },
    ]);
  });

  it('lets only http(s) URLs through', () => {
    expect(safeHttpUrl('https://lumenbank.zendesk.com/hc/en-us/articles/1')).toBe('https://lumenbank.zendesk.com/hc/en-us/articles/1');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>')).toBeNull();
    expect(safeHttpUrl('  JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it('cuts an excerpt at a sentence or word boundary', () => {
    const text = 'First sentence here. Second sentence is longer than the limit allows for sure.';
    expect(excerpt(text, 36)).toBe('First sentence here.');
    expect(excerpt(text, 60)).toBe('First sentence here. Second sentence is longer than the…');
    expect(excerpt('one two three four five six', 12)).toBe('one two…');
    expect(excerpt('short', 40)).toBe('short');
  });
});
