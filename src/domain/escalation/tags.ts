/** Ticket tags mirroring the escalation state, so views and triggers can use them. */
import { ESCALATION_STATES, type EscalationState } from './machine';

export type EscalationTag = `escalation_${EscalationState}`;

export function tagFor(state: EscalationState): EscalationTag {
  return `escalation_${state}`;
}

export const ESCALATION_TAGS: readonly EscalationTag[] = ESCALATION_STATES.map(tagFor);

export interface TagChange {
  additional_tags: string[];
  remove_tags: string[];
}

/**
 * Tag update for a state change. Every other state tag is removed, not only
 * the one for `from`, so a ticket whose tags drifted is repaired on the next change.
 */
export function tagChange(from: EscalationState, to: EscalationState): TagChange {
  if (from === to) return { additional_tags: [], remove_tags: [] };
  const target = tagFor(to);
  return {
    additional_tags: [target],
    remove_tags: ESCALATION_TAGS.filter((tag) => tag !== target),
  };
}
