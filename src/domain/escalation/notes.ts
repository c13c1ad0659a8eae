/** Internal-note text for escalation actions; wording comes from the caller's translations. */
import type { EscalationAction } from './machine';

export type Translate = (key: string, vars: Record<string, string>) => string;

/** Translation keys used here, so the i18n files can be checked against them. */
export const NOTE_KEYS = {
  request: 'escalation.note.request',
  withdraw: 'escalation.note.withdraw',
  escalate: 'escalation.note.escalate',
  decline: 'escalation.note.decline',
  resolve: 'escalation.note.resolve',
  reason: 'escalation.note.reason',
} as const satisfies Record<EscalationAction | 'reason', string>;

/**
 * "{actor} requested an escalation." plus, when given, a separate reason line
 * (key `escalation.note.reason`, var `reason`) so each action needs one sentence only.
 */
export function noteFor(action: EscalationAction, actorName: string, reason: string | null | undefined, t: Translate): string {
  const headline = t(NOTE_KEYS[action], { actor: actorName });
  const trimmed = reason?.trim();
  return trimmed ? `${headline}\n\n${t(NOTE_KEYS.reason, { reason: trimmed })}` : headline;
}
