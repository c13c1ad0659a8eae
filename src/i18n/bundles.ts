import type { Dictionary } from './index';

/**
 * Which `ui.*` namespaces each location needs, as lazily loaded per-language chunks
 * (import.meta.glob needs literal options, hence one line per location).
 */
export type Bundle = Record<string, () => Promise<Dictionary>>;

export const OUTSIDE: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', { query: '?ns=outside,boot', import: 'default' });
export const SIDEBAR: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', {
  query: '?ns=common,boot,sidebar,escalation,root_cause',
  import: 'default',
});
/** The sidebar's panels after its first paint (features/sidebar/SidebarPanels.tsx) add theirs when they load. */
export const SIDEBAR_PANELS: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', {
  query: '?ns=answers,known_issue,knowledge',
  import: 'default',
});
export const CONSOLE: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', {
  query: '?ns=common,boot,console,setup,escalation,root_cause,answers,known_issue',
  import: 'default',
});
export const MODAL: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', {
  query: '?ns=common,boot,answers',
  import: 'default',
});
export const BACKGROUND: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', {
  query: '?ns=common,boot,background',
  import: 'default',
});
