import * as z from 'zod/mini';

const SchemeSchema = z.enum(['light', 'dark']);

/**
 * Follows the agent's colour scheme in Zendesk, which the iframe URL carries as `colorScheme`
 * and the `colorScheme.changed` event updates; outside Zendesk, the system's preference.
 */
export function applyColorScheme(scheme: unknown): void {
  const parsed = SchemeSchema.safeParse(scheme);
  const value = parsed.success ? parsed.data : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = value;
}
