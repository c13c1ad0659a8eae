import { keptTrail } from '../../app/escalationTrail';
import type { SessionCache } from '../../app/sessionCache';
import type { EscalationHistory } from '../../domain/escalation';
import { escalationFieldId, escalationHistory } from '../../host/api/escalation';
import type { HostClient } from '../../host/client';
import { mapLimited } from '../../host/mapLimited';

/**
 * Each ticket's escalation history, four tickets at a time (REST budget), for the queue and the
 * metrics; kept apart from the sidebar's single read so the sidebar does not download it. A ticket
 * whose version (its `updated_at`, as the search gave it) was read before in the session is not
 * read again: the queue's next page, the metrics' next window and the sidebar share the trail.
 */
export async function escalationHistories(
  { host, cache, now }: { host: HostClient; cache: SessionCache; now: () => Date },
  tickets: readonly { id: number; updated_at: string }[],
): Promise<Map<number, EscalationHistory>> {
  await escalationFieldId(host);
  return new Map(
    await mapLimited(
      tickets,
      4,
      async ({ id, updated_at: version }) =>
        [id, await keptTrail(cache, id, now).orRead(version, () => escalationHistory(host, id))] as const,
    ),
  );
}
