import * as z from 'zod/mini';
import { historyFromAudits, type EscalationHistory } from '../../domain/escalation';
import type { HostClient } from '../client';
import { getAudits } from './tickets';

const RequirementSchema = z.object({ requirement_id: z.union([z.number(), z.string()]) });

/** One lookup per host client (one app instance's session); a failed one is forgotten, so the next call retries. */
const fieldIds = new WeakMap<HostClient, Promise<number>>();

/** The escalation field's id in this account, from the app's installed requirement `escalation_status`. */
export function escalationFieldId(host: HostClient): Promise<number> {
  let id = fieldIds.get(host);
  if (!id) {
    const lookup = host
      .get({ 'requirement:escalation_status': RequirementSchema })
      .then((r) => Number(r['requirement:escalation_status'].requirement_id));
    lookup.catch(() => {
      if (fieldIds.get(host) === lookup) fieldIds.delete(host);
    });
    fieldIds.set(host, lookup);
    id = lookup;
  }
  return id;
}

/** A ticket's escalation history, from its audits. */
export async function escalationHistory(host: HostClient, ticketId: number): Promise<EscalationHistory> {
  const [audits, fieldId] = await Promise.all([getAudits(host, ticketId), escalationFieldId(host)]);
  return historyFromAudits(audits, fieldId);
}
