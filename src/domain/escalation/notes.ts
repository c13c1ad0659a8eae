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

/** Between the headline and the reason paragraph: the structure the reason is read back by. */
const PARAGRAPH = '\n\n';
/** Every locale's headline names the app: how a note the app wrote is told from one typed by hand. */
const APP_MARK = 'Closed Loop';
/** The translated label before the reason, as every locale writes it: "Reason: ", "Grund: ", "Motif : ", "理由：". */
const REASON_LABEL = /^[^\n:：]{1,30}[:：][ \t]*/;

/**
 * "{actor} requested an escalation." plus, when given, a separate reason paragraph
 * (key `escalation.note.reason`, var `reason`) so each action needs one sentence only.
 */
export function noteFor(action: EscalationAction, actorName: string, reason: string | null | undefined, t: Translate): string {
  const headline = t(NOTE_KEYS[action], { actor: actorName });
  const trimmed = reason?.trim();
  return trimmed ? `${headline}${PARAGRAPH}${t(NOTE_KEYS.reason, { reason: trimmed })}` : headline;
}

/**
 * The reason back from a note `noteFor` wrote, in whatever language it was written: the
 * paragraphs after the headline without their label (the translations keep the label before a
 * colon, which a unit test checks for every locale). A note the app did not write (its first
 * paragraph does not name the app) is taken as the reason as a whole.
 */
export function reasonFromNote(note: string | null | undefined): string | null {
  const text = note?.trim();
  if (!text) return null;
  const at = text.indexOf(PARAGRAPH);
  if (at < 0 || !text.slice(0, at).includes(APP_MARK)) return text;
  const reason = text.slice(at + PARAGRAPH.length).trim();
  return reason.replace(REASON_LABEL, '') || null;
}
