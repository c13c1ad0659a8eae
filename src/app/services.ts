import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppSettings } from '../domain/settings';
import type { LeadAccess } from './lead';
import type { SessionCache } from './sessionCache';
import type { HostClient } from '../host/client';
import type { AppContext, CurrentUser } from '../host/schemas';
import type { I18n } from '../i18n';

/** What every view gets from the boot: passed through context, never imported as a global. */
export interface Services {
  host: HostClient;
  i18n: I18n;
  settings: AppSettings;
  context: AppContext;
  currentUser: CurrentUser;
  now: () => Date;
  cache: SessionCache;
  lead: LeadAccess;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext is missing');
  return services;
}
