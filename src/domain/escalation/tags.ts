/** Ticket tags mirroring the escalation state, so views and triggers can use them. */
import { ESCALATION_STATES, type EscalationState } from './machine';

export type EscalationTag = `escalation_${EscalationState}`;

export function tagFor(state: EscalationState): EscalationTag {
  return `escalation_${state}`;
}

export const ESCALATION_TAGS: readonly EscalationTag[] = ESCALATION_STATES.map(tagFor);

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
