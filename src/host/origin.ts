import { safeHttpUrl } from '../domain/text';

/**
 * The agent's Zendesk, e.g. https://lumenbank.zendesk.com: the `origin` Zendesk puts in the app's
 * iframe URL (query or hash), which the SDK reads too. Its Help Center lives there under /hc/.
 * Null when it is missing or not an http(s) origin.
 */
export function zendeskOrigin(location: { search: string; hash: string } = window.location): string | null {
  const origin = new URLSearchParams(location.search).get('origin') ?? new URLSearchParams(location.hash.slice(1)).get('origin');
  const url = safeHttpUrl(origin);
  return url ? new URL(url).origin : null;
}
