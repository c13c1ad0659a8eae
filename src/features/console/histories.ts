import type { EscalationHistory } from '../../domain/escalation';
import { escalationFieldId, escalationHistory } from '../../host/api/escalation';
import type { HostClient } from '../../host/client';
import { mapLimited } from '../../host/mapLimited';

/**
 * Each ticket's escalation history, four tickets at a time (REST budget), for the queue and the
 * metrics; kept apart from the sidebar's single read so the sidebar does not download it.
 */
export async function escalationHistories(host: HostClient, ticketIds: readonly number[]): Promise<Map<number, EscalationHistory>> {
  await escalationFieldId(host);
  return new Map(await mapLimited(ticketIds, 4, async (id) => [id, await escalationHistory(host, id)] as const));
}
