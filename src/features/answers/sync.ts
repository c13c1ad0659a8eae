import * as z from 'zod/mini';
import type { Answer } from '../../host/api/answers';
import type { HostClient } from '../../host/client';
import type { AnswerLibrary } from './cachedLibrary';

/**
 * A library change reaches every open instance of the app in this browser at once: the session's
 * copy is updated and each other instance is told which answer changed (ZAF: `instances` lists
 * the app's open instances, `client.instance(guid).trigger` sends one an event).
 */
const LIBRARY_CHANGED = 'closed_loop.library_changed';

const ChangeSchema = z.object({ id: z.string() });
const InstancesSchema = z.record(z.string(), z.unknown());

export async function announceChange(host: HostClient, library: AnswerLibrary, ownGuid: string, answer: Answer): Promise<void> {
  library.remember(answer);
  const { instances } = await host.get({ instances: InstancesSchema });
  for (const guid of Object.keys(instances)) {
    if (guid !== ownGuid) host.trigger(LIBRARY_CHANGED, { id: answer.id }, guid);
  }
}

/** Calls `onChange` with the id of each answer another instance changed; returns the unsubscribe function. */
export function onLibraryChange(host: HostClient, onChange: (id: string) => void): () => void {
  return host.on(LIBRARY_CHANGED, (data) => {
    const parsed = ChangeSchema.safeParse(data);
    if (parsed.success) onChange(parsed.data.id);
  });
}
