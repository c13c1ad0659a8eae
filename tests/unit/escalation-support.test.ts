import { describe, expect, it } from 'vitest';
import de from '../../translations/de.json';
import en from '../../translations/en.json';
import es from '../../translations/es.json';
import fr from '../../translations/fr.json';
import ja from '../../translations/ja.json';
import ptBR from '../../translations/pt-BR.json';
import {
  ESCALATION_ACTIONS,
  ESCALATION_TAGS,
  hasEscalationTrace,
  isLead,
  NOTE_KEYS,
  noteFor,
  reasonFromNote,
  requestAge,
  stateFromTags,
  tagsFor,
  tagFor,
  type LeadSettings,
  type Translate,
} from '../../src/domain/escalation';
import { parseIdList } from '../../src/domain/settings';
import { createI18n } from '../../src/i18n';

describe('tags', () => {
  it('names one tag per state', () => {
    expect(ESCALATION_TAGS).toEqual(['escalation_none', 'escalation_requested', 'escalation_escalated', 'escalation_resolved']);
    expect(tagFor('escalated')).toBe('escalation_escalated');
  });

  it('keeps every other tag, adds the new state tag and removes all other state tags', () => {
    expect(tagsFor(['vip', 'escalation_none'], 'requested')).toEqual(['vip', 'escalation_requested']);
    // A ticket whose tags drifted (two state tags) is repaired on the next change.
    expect(tagsFor(['escalation_requested', 'card', 'escalation_escalated'], 'resolved')).toEqual(['card', 'escalation_resolved']);
  });

  it('changes nothing when the state tag is already the only one', () => {
    expect(tagsFor(['vip', 'escalation_requested'], 'requested')).toEqual(['vip', 'escalation_requested']);
  });
});

describe('noteFor', () => {
  const messages: Record<string, string> = {
    'escalation.note.request': '{actor} requested an escalation.',
    'escalation.note.decline': '{actor} declined the escalation request.',
    'escalation.note.escalate': '{actor} escalated this ticket.',
    'escalation.note.reason': 'Reason: {reason}',
  };
  const t: Translate = (key, vars) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (_m, name: string) => vars[name] ?? '');

  it('renders the action line and the reason', () => {
    expect(noteFor('request', 'Anna Schmidt', '  Customer cannot log in since the SSO change  ', t)).toBe(
      'Anna Schmidt requested an escalation.\n\nReason: Customer cannot log in since the SSO change',
    );
  });

  it('leaves the reason out when blank', () => {
    expect(noteFor('escalate', 'Lead Lee', undefined, t)).toBe('Lead Lee escalated this ticket.');
    expect(noteFor('escalate', 'Lead Lee', '   ', t)).toBe('Lead Lee escalated this ticket.');
  });

  it('asks for one key per action', () => {
    const asked: string[] = [];
    const spy: Translate = (key) => {
      asked.push(key);
      return key;
    };
    noteFor('resolve', 'X', null, spy);
    noteFor('withdraw', 'X', 'changed my mind', spy);
    expect(asked).toEqual([NOTE_KEYS.resolve, NOTE_KEYS.withdraw, NOTE_KEYS.reason]);
  });
});

describe('reasonFromNote', () => {
  const locales = { en, de, fr, es, ja, 'pt-BR': ptBR };

  it.each(Object.entries(locales))('reads back the reason of a note written in %s', (locale, dictionary) => {
    const i18n = createI18n(locale, [dictionary]);
    const t: Translate = (key, vars) => i18n.t(`ui.${key}`, vars);
    const reason = 'Possible fraud: card blocked, customer abroad';
    for (const action of ESCALATION_ACTIONS) expect(reasonFromNote(noteFor(action, 'Lena Vogel', reason, t))).toBe(reason);
    // A reason of several paragraphs stays whole.
    expect(reasonFromNote(noteFor('request', 'Lena Vogel', `${reason}\n\nSecond thought.`, t))).toBe(`${reason}\n\nSecond thought.`);
  });

  it('reads German and Japanese notes, as written by the app', () => {
    expect(reasonFromNote('Lena Vogel hat eine Eskalation angefordert (Closed Loop).\n\nGrund: Betrugsverdacht')).toBe('Betrugsverdacht');
    expect(reasonFromNote('Lena Vogel がエスカレーションを依頼しました（Closed Loop）。\n\n理由：不正利用の疑い')).toBe('不正利用の疑い');
  });

  it('takes a note written without the app as a whole', () => {
    expect(reasonFromNote('Requesting escalation: €4,800 SEPA transfer shows Sent')).toBe(
      'Requesting escalation: €4,800 SEPA transfer shows Sent',
    );
    expect(reasonFromNote('Customer called twice.\n\nNote: card blocked abroad.')).toBe(
      'Customer called twice.\n\nNote: card blocked abroad.',
    );
    expect(reasonFromNote(undefined)).toBeNull();
  });
});

describe('state from tags', () => {
  it('reads the state the drop-down field tagged the ticket with', () => {
    expect(stateFromTags(['vip', 'escalation_escalated'])).toBe('escalated');
    expect(stateFromTags(['vip'])).toBe('none');
  });

  it('says whether the field was ever set, a ticket back at none included', () => {
    expect(hasEscalationTrace(['vip'])).toBe(false);
    expect(hasEscalationTrace(['escalation_none'])).toBe(true);
    expect(hasEscalationTrace(['escalation_resolved', 'vip'])).toBe(true);
  });
});

describe('isLead', () => {
  const settings: LeadSettings = { leadGroupIds: [360001, 360002], leadRoleIds: [88], adminsAreLeads: true };

  it('counts admins when configured', () => {
    expect(isLead({ id: 1, role: 'admin' }, [], settings)).toBe(true);
    expect(isLead({ id: 1, role: 'admin' }, [], { ...settings, adminsAreLeads: false })).toBe(false);
  });

  it('counts lead custom roles and lead groups', () => {
    expect(isLead({ id: 2, role: 'agent', custom_role_id: 88 }, [], settings)).toBe(true);
    expect(isLead({ id: 3, role: 'agent', custom_role_id: 12 }, [5, 360002], settings)).toBe(true);
    expect(isLead({ id: 4, role: 'agent', custom_role_id: null }, [5, 6], settings)).toBe(false);
    expect(isLead({ id: 5, role: 'agent' }, [], settings)).toBe(false);
  });

  it('never counts end users', () => {
    expect(isLead({ id: 6, role: 'end-user', custom_role_id: 88 }, [360001], settings)).toBe(false);
  });
});

describe('parseIdList', () => {
  it.each([
    ['123, 456,x', [123, 456]],
    ['  360001234567\n360009876543 ; 42 ', [360001234567, 360009876543, 42]],
    ['1,1,2', [1, 2]],
    ['0, -5, 3.5, 12abc, 7', [7]],
    ['99999999999999999999', []],
    ['', []],
  ] as const)('%j → %j', (text, expected) => {
    expect(parseIdList(text).ids).toEqual(expected);
  });

  it('accepts a missing setting', () => {
    expect(parseIdList(undefined).ids).toEqual([]);
    expect(parseIdList(null).ids).toEqual([]);
  });
});

describe('requestAge', () => {
  const requestedAt = new Date('2024-03-04T09:00:00Z');
  const at = (iso: string): Date => new Date(iso);

  it('counts whole minutes and what is left', () => {
    expect(requestAge(requestedAt, at('2024-03-04T09:25:40Z'), 60)).toEqual({
      minutes: 25,
      overdue: false,
      remainingMinutes: 35,
    });
  });

  it('is not overdue exactly at the target, but just after', () => {
    expect(requestAge(requestedAt, at('2024-03-04T10:00:00Z'), 60).overdue).toBe(false);
    expect(requestAge(requestedAt, at('2024-03-04T10:00:01Z'), 60)).toEqual({
      minutes: 60,
      overdue: true,
      remainingMinutes: 0,
    });
  });

  it('goes negative once past the target', () => {
    expect(requestAge(requestedAt, at('2024-03-05T09:00:00Z'), 240)).toEqual({
      minutes: 1440,
      overdue: true,
      remainingMinutes: -1200,
    });
  });

  it('treats a future request time as just requested', () => {
    expect(requestAge(requestedAt, at('2024-03-04T08:58:00Z'), 30)).toEqual({
      minutes: 0,
      overdue: false,
      remainingMinutes: 30,
    });
  });
});
