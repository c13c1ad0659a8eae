import * as z from 'zod/mini';
import { versionOf, type Answer } from '../../host/api/answers';
import type { HostClient } from '../../host/client';
import type { AnswerLibrary } from './cachedLibrary';

/**
 * A library change reaches every open instance of the app in this browser at once: the session's
 * copy is updated and each other instance is told which answer changed (ZAF: `instances` lists
 * the app's open instances, `client.instance(guid).trigger` sends one an event).
 */
const LIBRARY_CHANGED = 'closed_loop.library_changed';

/** The answer that changed and its version now: a receiver whose copy already holds it need not read it. */
const ChangeSchema = z.object({ id: z.string(), version: z.optional(z.string()) });
export type LibraryChange = z.infer<typeof ChangeSchema>;
const InstancesSchema = z.record(z.string(), z.unknown());

export async function announceChange(host: HostClient, library: AnswerLibrary, ownGuid: string, answer: Answer): Promise<void> {
  library.remember(answer);
  const { instances } = await host.get({ instances: InstancesSchema });
  for (const guid of Object.keys(instances)) {
    if (guid !== ownGuid) host.trigger(LIBRARY_CHANGED, { id: answer.id, version: versionOf(answer) } satisfies LibraryChange, guid);
  }
}

/** Calls `onChange` for each answer another instance changed; returns the unsubscribe function. */
export function onLibraryChange(host: HostClient, onChange: (change: LibraryChange) => void): () => void {
  return host.on(LIBRARY_CHANGED, (data) => {
    const parsed = ChangeSchema.safeParse(data);
    if (parsed.success) onChange(parsed.data);
  });
}
