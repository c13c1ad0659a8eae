import type { ComponentType } from 'preact';
import type * as z from 'zod/mini';
import { loadPanels, loadTextAnalysis } from './features/sidebar/chunks';
import { TicketPaths } from './features/ticket/paths';
import { prefetchEnglish } from './i18n';
import { BACKGROUND, CONSOLE, MODAL, SIDEBAR, SIDEBAR_PANELS, type Bundle } from './i18n/bundles';

export interface LocationEntry {
  /** Paths the view needs at start, fetched in the boot's single batched `client.get`. */
  paths: Record<string, z.ZodMiniType>;
  /** The view, each in its own chunk so the sidebar never downloads the console. */
  load: () => Promise<{ default: ComponentType<{ initial: never }> }>;
  /** The translated strings the view uses. */
  strings: Bundle;
}

export const LOCATIONS: Record<string, LocationEntry> = {
  ticket_sidebar: {
    paths: TicketPaths,
    strings: SIDEBAR,
    // The text analysis and the panels after the first paint (with their English strings, the
    // fallback of every language) download alongside the view; the first paint waits only for the view.
    load: () => {
      for (const chunk of [loadTextAnalysis, loadPanels]) void chunk().catch(() => undefined);
      prefetchEnglish(SIDEBAR_PANELS);
      return import('./features/sidebar/SidebarView');
    },
  },
  nav_bar: { paths: {}, strings: CONSOLE, load: () => import('./features/console/ConsoleView') },
  modal: { paths: {}, strings: MODAL, load: () => import('./features/modal/ModalView') },
  background: { paths: {}, strings: BACKGROUND, load: () => import('./features/background/BackgroundView') },
};
