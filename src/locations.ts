import type { ComponentType } from 'preact';
import type * as z from 'zod/mini';
import { TicketPaths } from './features/ticket/model';

export interface LocationEntry {
  /** Paths the view needs at start, fetched in the boot's single batched `client.get`. */
  paths: Record<string, z.ZodMiniType>;
  /** The view, each in its own chunk so the sidebar never downloads the console. */
  load: () => Promise<{ default: ComponentType<{ initial: never }> }>;
}

export const LOCATIONS: Record<string, LocationEntry> = {
  ticket_sidebar: { paths: TicketPaths, load: () => import('./features/sidebar/SidebarView') },
  nav_bar: { paths: {}, load: () => import('./features/console/ConsoleView') },
  modal: { paths: {}, load: () => import('./features/modal/ModalView') },
  background: { paths: {}, load: () => import('./features/background/BackgroundView') },
};
