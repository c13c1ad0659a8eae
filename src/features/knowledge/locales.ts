import type { SessionCache } from '../../app/sessionCache';
import { helpCenterLocales } from '../../host/api/helpCenter';
import type { HostClient } from '../../host/client';

const KEY = 'hc-locales';
const MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** The Help Center locales if already read this agent session (they rarely change). */
export const knownHelpCenterLocales = (cache: SessionCache): string[] | undefined => cache.get<string[]>(KEY, MAX_AGE_MS)?.value;

/** The Help Center locales, read once per agent session: knowledge search and the answer form's languages. */
export async function readHelpCenterLocales(host: HostClient, cache: SessionCache): Promise<string[]> {
  const known = knownHelpCenterLocales(cache);
  if (known) return known;
  const found = await helpCenterLocales(host);
  cache.set(KEY, found);
  return found;
}
