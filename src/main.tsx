import { render } from 'preact';
import ZAFClient from 'zendesk_app_framework_sdk';
import { createLeadAccess } from './app/lead';
import { ServicesContext, type Services } from './app/services';
import { createSessionCache } from './app/sessionCache';
import { readSettings } from './domain/settings';
import { createHostClient, type HostClient } from './host/client';
import { CurrentUserSchema } from './host/schemas';
import { loadI18n, prefetchEnglish } from './i18n';
import { OUTSIDE } from './i18n/bundles';
import { LOCATIONS } from './locations';
import { applyColorScheme } from './ui/theme';
import './ui/styles.css';

const root = document.getElementById('app')!;
// Before the first paint, so a dark workspace never flashes a light app.
applyColorScheme(new URLSearchParams(window.location.search).get('colorScheme'));

function Message({ title, body }: { title?: string; body: string }) {
  return (
    <main class="message" role="alert">
      {title && <h1>{title}</h1>}
      <p>{body}</p>
    </main>
  );
}

/** Opened outside Zendesk: `ZAFClient.init()` has no host to talk to, so say what this page is. */
async function showOutsideZendesk() {
  const i18n = await loadI18n(navigator.language, OUTSIDE);
  render(<Message title={i18n.t('ui.outside.title')} body={i18n.t('ui.outside.body')} />, root);
}

async function boot(host: HostClient) {
  host.on('colorScheme.changed', applyColorScheme);
  // Round trip 1: the host registers the app (context + metadata arrive together).
  const [context, metadata] = await Promise.all([host.context(), host.metadata()]);
  const entry = LOCATIONS[context.location];
  if (entry) prefetchEnglish(entry.strings);
  // Round trip 2: one batched get for the user and everything the view starts with,
  // while the view's chunk downloads in parallel.
  const [initial, view] = await Promise.all([host.get({ currentUser: CurrentUserSchema, ...(entry?.paths ?? {}) }), entry?.load()]);
  const currentUser = initial.currentUser;
  const i18n = await loadI18n(currentUser.locale, entry?.strings ?? OUTSIDE);
  if (!entry || !view) {
    render(<Message body={i18n.t('ui.boot.unknown_location', { location: context.location })} />, root);
    return;
  }
  const settings = readSettings(metadata.settings).settings;
  const cache = createSessionCache();
  const services: Services = {
    host,
    i18n,
    settings,
    context,
    currentUser,
    now: () => new Date(),
    cache,
    lead: createLeadAccess(host, settings, cache, currentUser.id),
  };
  document.documentElement.lang = i18n.locale;
  const View = view.default as (props: { initial: unknown }) => preact.JSX.Element;
  render(
    <ServicesContext.Provider value={services}>
      <View initial={initial} />
    </ServicesContext.Provider>,
    root,
  );
}

const zaf = ZAFClient.init();
if (!zaf) {
  void showOutsideZendesk();
} else {
  boot(createHostClient(zaf)).catch(async (error: unknown) => {
    const i18n = await loadI18n(navigator.language, OUTSIDE);
    const message = error instanceof Error ? error.message : String(error);
    render(<Message body={i18n.t('ui.boot.failed', { message })} />, root);
  });
}
