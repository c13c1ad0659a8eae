import type { EscalationHistory } from '../domain/escalation';
import { byVersion, type SessionCache } from './sessionCache';

/**
 * A ticket's escalation trail as read at one version of the ticket, kept for the agent's session
 * (a trail belongs to its version: any change to the ticket is a new audit). The sidebar and the
 * console's queue and metrics share it.
 */
export const keptTrail = (cache: SessionCache, ticketId: number, now: () => Date) =>
  byVersion<EscalationHistory>(cache, `escalation-trail:${ticketId}`, () => now().getTime());
