import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useServices } from '../../app/services';
import { useAutoResize } from '../../app/useAutoResize';
import { EscalationPanel } from '../escalation/EscalationPanel';
import { createEscalationModel } from '../escalation/model';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { createKnowledgeModel } from '../knowledge/model';
import { createTicketModel, type TicketSnapshot } from '../ticket/model';

/** The ticket sidebar: one model per panel, all fed by one ticket model. */
export default function SidebarView({ initial }: { initial: TicketSnapshot }) {
  const services = useServices();
  const { host, settings, i18n, currentUser, lead, now } = services;
  const root = useRef<HTMLDivElement>(null);
  const models = useMemo(() => {
    const ticket = createTicketModel(host, initial);
    return {
      ticket,
      escalation: createEscalationModel({ host, settings, ticket, lead, i18n, now }),
      knowledge: createKnowledgeModel({ host, settings, ticket, currentUser }),
    };
  }, [host]);
  useEffect(() => () => Object.values(models).forEach((model) => model.dispose()), [models]);
  useAutoResize(host, () => root.current);

  const { ticket } = models;
  return (
    <div class="sidebar" ref={root}>
      <header class="ticket-line">
        <span class="muted small">{i18n.t('ui.sidebar.ticket', { id: ticket.id.value })}</span>
        <span class="ticket-line__subject" data-testid="ticket-subject">
          {ticket.subject.value}
        </span>
      </header>
      <EscalationPanel model={models.escalation} />
      <KnowledgePanel model={models.knowledge} />
    </div>
  );
}
