import { loadOnce } from '../app/loadOnce';
import type { Dictionary } from './index';

/**
 * Which `ui.*` namespaces each location needs, as lazily loaded per-language chunks
 * (import.meta.glob needs literal options, hence one line per location).
 */
export type Bundle = Record<string, () => Promise<Dictionary>>;

/**
 * Each language's file loaded once, and after a failed download afresh (app/loadOnce: a retry gets
 * the module, hence its default here), for strings loaded with a retry (withStrings).
 */
const once = (files: Record<string, () => Promise<{ default: Dictionary }>>): Bundle =>
  Object.fromEntries(
    Object.entries(files).map(([path, load]) => {
      const loadModule = loadOnce(load);
      return [path, () => loadModule().then((m) => m.default)];
    }),
  );

export const OUTSIDE: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', { query: '?ns=outside,boot', import: 'default' });
export const SIDEBAR: Bundle = import.meta.glob<Dictionary>('../../translations/*.json', {
  query: '?ns=common,boot,sidebar,escalation',
  import: 'default',
});
/** The root-cause step a lead gets after resolving in the sidebar (features/escalation/rootCauseStep.ts). */
export const ROOT_CAUSE: Bundle = once(import.meta.glob<{ default: Dictionary }>('../../translations/*.json', { query: '?ns=root_cause' }));
/** The sidebar's panels after its first paint (features/sidebar/SidebarPanels.tsx) add theirs when they load. */
export const SIDEBAR_PANELS: Bundle = once(
  import.meta.glob<{ default: Dictionary }>('../../translations/*.json', { query: '?ns=answers,known_issue,knowledge' }),
);
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
