import { useEffect, useRef } from 'preact/hooks';
import { useModel } from '../../app/model';
import { ServicesContext, useServices } from '../../app/services';
import { useAutoResize } from '../../app/useAutoResize';
import { shortText } from '../../domain/text';
import { EscalationPanel } from '../escalation/EscalationPanel';
import type { TicketSnapshot } from '../ticket/paths';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ErrorNotice, Loading } from '../../ui/Panel';
import { createSidebarModel } from './model';

/**
 * The ticket sidebar: one model per panel, all fed by one ticket model; a panel's failure stays in
 * it. The first paint is the ticket and its escalation status; the other panels stream in.
 */
export default function SidebarView({ initial }: { initial: TicketSnapshot }) {
  const services = useServices();
  const { host, i18n } = services;
  const root = useRef<HTMLElement>(null);
  // Built once per sidebar (the services and the first snapshot do not change) and disposed with it.
  const model = useModel(() => createSidebarModel(services, initial));
  useAutoResize(host, root);
  useEffect(() => {
    // Read by `npm run bench`; a mark costs nothing when nobody reads it.
    performance.mark('closed-loop:first-content');
    // The panels' dates need the browser's formatters: built while the sidebar waits for their data.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => i18n.prepare());
  }, [i18n]);

  const { ticket, panels } = model;
  const rest = panels.state.value;
  return (
    <main class="sidebar" ref={root}>
      <h1 class="visually-hidden">{i18n.t('app.name')}</h1>
      <header class="ticket-line">
        <span class="muted small">{i18n.t('ui.sidebar.ticket', { id: ticket.id.value })}</span>
        <span class="ticket-line__subject" data-testid="ticket-subject">
          {shortText(ticket.subject.value)}
        </span>
      </header>
      {ticket.refreshError.value !== null && <ErrorNotice error={ticket.refreshError.value} onRetry={() => void ticket.refresh()} />}
      <ErrorBoundary>
        <EscalationPanel model={model.escalation} rootCause={model.rootCause} />
      </ErrorBoundary>
      {rest.status === 'ready' ? (
        <ServicesContext.Provider value={rest.data.services}>
          <ErrorBoundary>
            <rest.data.View ticket={ticket} escalation={model.escalation} />
          </ErrorBoundary>
        </ServicesContext.Provider>
      ) : rest.status === 'error' ? (
        <ErrorNotice error={rest.error} onRetry={panels.retry} />
      ) : (
        <Loading />
      )}
    </main>
  );
}
