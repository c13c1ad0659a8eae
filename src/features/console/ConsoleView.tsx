import { browserStorage } from '../../app/storage';
import './console.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LeadStatus } from '../../app/lead';
import { useModel } from '../../app/model';
import { createResource } from '../../app/resource';
import { useServices } from '../../app/services';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ErrorNotice, Loading } from '../../ui/Panel';
import { FeedbackTab } from './FeedbackTab';
import { createDrafts } from './drafts';
import { createLibraryModel } from './library';
import { KnownIssuesTab } from './KnownIssuesTab';
import { LibraryTab } from './LibraryTab';
import { MetricsTab } from './MetricsTab';
import { QueueTab } from './QueueTab';
import { RootCausesTab } from './RootCausesTab';
import { SetupTab } from './SetupTab';

type Tab = 'queue' | 'library' | 'known' | 'feedback' | 'metrics' | 'root_causes' | 'setup';

/** The lead console in Zendesk's nav bar: leads run the loop here, admins check the setup. */
export default function ConsoleView() {
  const { i18n, lead, currentUser, host, settings, now, cache, context } = useServices();
  const access = useMemo(() => createResource<LeadStatus>(), []);
  const library = useModel(() =>
    createLibraryModel({
      host,
      settings,
      lead,
      now,
      cache,
      instanceGuid: context.instanceGuid,
      drafts: createDrafts(browserStorage('localStorage'), currentUser.id),
    }),
  );
  const [tab, showTab] = useState<Tab | null>(null);
  // A tab's status line speaks of what was done in that tab.
  const setTab = (next: Tab) => {
    library.status.value = null;
    showTab(next);
  };
  useEffect(() => void access.run(() => lead.fresh()), [access, lead]);
  const state = access.state.value;
  const isLead = state.status === 'ready' && state.data.isLead;
  const isAdmin = currentUser.role === 'admin';
  const tabs: Tab[] = [
    ...(isLead ? (['queue', 'library', 'known', 'feedback', 'metrics', 'root_causes'] as const) : []),
    ...(isAdmin ? (['setup'] as const) : []),
  ];
  const current = tab && tabs.includes(tab) ? tab : tabs[0];
  useEffect(() => {
    // The one read of the library and the feedback: the tabs show what it holds.
    if (!isLead) return;
    void library.load();
    // A frame's first Intl formatter costs it 25-35 ms, its first collator 10-20: built while the
    // first page is read, each in an idle task of its own (together they made a long task).
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => i18n.prepare());
      requestIdleCallback(() => library.prepare());
    }
  }, [isLead, library, i18n]);

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = tabs.indexOf(current!);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    setTab(next);
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`#tab-${next}`)?.focus();
  };

  return (
    <main class="console">
      <h1>{i18n.t('ui.console.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void access.run(() => lead.fresh())} />}
      {state.status === 'ready' && !isLead && (
        <p class="notice notice--info" data-testid="leads-only">
          {i18n.t('ui.console.leads_only')}
        </p>
      )}
      {current && (
        <>
          <div class="tabs" role="tablist" aria-label={i18n.t('ui.console.title')} onKeyDown={onKey}>
            {tabs.map((t) => (
              <button
                key={t}
                id={`tab-${t}`}
                type="button"
                role="tab"
                aria-selected={t === current}
                aria-controls={`panel-${t}`}
                tabIndex={t === current ? 0 : -1}
                onClick={() => setTab(t)}
              >
                {i18n.t(`ui.console.tab_${t}`)}
              </button>
            ))}
          </div>
          <div class="tabpanel" id={`panel-${current}`} role="tabpanel" aria-labelledby={`tab-${current}`}>
            <ErrorBoundary key={current}>
              {current === 'queue' && <QueueTab />}
              {current === 'library' && <LibraryTab model={library} />}
              {current === 'known' && <KnownIssuesTab library={library} />}
              {current === 'feedback' && (
                <FeedbackTab
                  model={library}
                  onOpenAnswer={(id) => {
                    library.editing.value = id;
                    setTab('library');
                  }}
                />
              )}
              {current === 'metrics' && <MetricsTab library={library} />}
              {current === 'root_causes' && <RootCausesTab library={library} />}
              {current === 'setup' && <SetupTab />}
            </ErrorBoundary>
          </div>
        </>
      )}
    </main>
  );
}
