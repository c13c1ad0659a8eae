/** Ticket tags mirroring the escalation state, so views and triggers can use them. */
import { ESCALATION_STATES, type EscalationState } from './machine';

export type EscalationTag = `escalation_${EscalationState}`;

export function tagFor(state: EscalationState): EscalationTag {
  return `escalation_${state}`;
}

export const ESCALATION_TAGS: readonly EscalationTag[] = ESCALATION_STATES.map(tagFor);

/** The state a ticket's tags say it is in (the drop-down field tags the ticket with its value). */
export function stateFromTags(tags: readonly string[]): EscalationState {
  for (const state of ['escalated', 'requested', 'resolved'] as const) if (tags.includes(tagFor(state))) return state;
  return 'none';
}

/**
 * Whether the ticket's escalation field was ever set, judged from its tags: the field has no
 * default, so a ticket it tags (with `escalation_none` too, after a decline or withdrawal) may have
 * an escalation history worth reading; an untouched ticket has none and costs no audit read.
 */
export function hasEscalationTrace(tags: readonly string[]): boolean {
  return tags.some((tag) => (ESCALATION_TAGS as readonly string[]).includes(tag));
}

/**
 * The ticket's whole tag list for a state change: every other tag kept, every state tag but the
 * new one removed (so a ticket whose tags drifted is repaired on the next change). Zendesk takes
 * a single ticket's tags as one list; computed from a fresh read and sent with safe_update, a
 * concurrent change is a conflict, never a lost tag.
 */
export function tagsFor(tags: readonly string[], to: EscalationState): string[] {
  const target = tagFor(to);
  const stateTags = new Set<string>(ESCALATION_TAGS);
  return [...tags.filter((tag) => !stateTags.has(tag)), target];
}
