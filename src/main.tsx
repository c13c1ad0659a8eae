// First: the SDK's handshake starts before the rest of the code is evaluated.
import { zaf } from './host/init';
import { render } from 'preact';
import { createLeadAccess } from './app/lead';
import { ServicesContext, type Services } from './app/services';
import { createSessionCache } from './app/sessionCache';
import { readSettings } from './domain/settings';
import { createHostClient, type HostClient } from './host/client';
import { CurrentUserSchema } from './host/schemas';
import { loadI18n, prefetchEnglish } from './i18n';
import { OUTSIDE } from './i18n/bundles';
import { LOCATIONS, type LocationEntry } from './locations';
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

/** What a location's boot starts: its view chunk, the user with the view's initial data, then the strings. */
function start(host: HostClient, entry: LocationEntry) {
  prefetchEnglish(entry.strings);
  const view = entry.load();
  const initial = host.get({ currentUser: CurrentUserSchema, ...entry.paths });
  // The user's language is known as soon as the user is: its strings load while the view still downloads.
  const i18n = initial.then((data) => loadI18n(data.currentUser.locale, entry.strings));
  return { view, initial, i18n };
}

/**
 * The page names its location (`<html data-location>`, one page per location), so the view, the
 * strings and the batched get start at once, alongside the SDK's handshake; the handshake's
 * context has the last word, and a page opened in another location boots as that location.
 */
function startDeclared(host: HostClient): { location: string; started: ReturnType<typeof start> } | null {
  const location = document.documentElement.dataset.location;
  const entry = location ? LOCATIONS[location] : undefined;
  if (!location || !entry) return null;
  const started = start(host, entry);
  // Settled here so an early failure is not reported as unhandled; boot awaits them after the handshake.
  for (const promise of Object.values(started)) promise.catch(() => undefined);
  return { location, started };
}

async function boot(host: HostClient) {
  host.on('colorScheme.changed', applyColorScheme);
  const declared = startDeclared(host);
  // The host registers the app (context + metadata arrive together); awaited first, so a host
  // that never answers reports that rather than the batched get's timeout.
  const [context, metadata] = await Promise.all([host.context(), host.metadata()]);
  const entry = LOCATIONS[context.location];
  if (!entry) {
    const i18n = await loadI18n((await host.get({ currentUser: CurrentUserSchema })).currentUser.locale, OUTSIDE);
    render(<Message body={i18n.t('ui.boot.unknown_location', { location: context.location })} />, root);
    return;
  }
  const started = declared?.location === context.location ? declared.started : start(host, entry);
  const [initial, view, i18n] = await Promise.all([started.initial, started.view, started.i18n]);
  const currentUser = initial.currentUser;
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

if (!zaf) {
  void showOutsideZendesk();
} else {
  boot(createHostClient(zaf)).catch(async (error: unknown) => {
    const i18n = await loadI18n(navigator.language, OUTSIDE);
    const message = error instanceof Error ? error.message : String(error);
    render(<Message body={i18n.t('ui.boot.failed', { message })} />, root);
  });
}
