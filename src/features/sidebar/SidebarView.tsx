import { effect, signal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import * as z from 'zod/mini';
import { useServices } from '../../app/services';
import { useAutoResize } from '../../app/useAutoResize';
import { htmlToText } from '../../domain/html';
import { shortText } from '../../domain/text';
import { AnswersPanel } from '../answers/AnswersPanel';
import { createAnswerLibrary } from '../answers/library';
import { createAnswersModel } from '../answers/model';
import { openProposalModal } from '../answers/proposal';
import { EscalationPanel } from '../escalation/EscalationPanel';
import { createEscalationModel } from '../escalation/model';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { createKnowledgeModel } from '../knowledge/model';
import { loadTextAnalysis } from './textAnalysis';
import { createTicketModel, type TicketSnapshot } from '../ticket/model';
import { ErrorNotice } from '../../ui/Panel';

/**
 * Performance marks read by `npm run bench`: first content, and all three panels settled
 * (loaded or failed). Marks cost nothing when nobody reads them.
 */
function markWhenReady(models: {
  escalation: { me: { value: { status: string } } };
  answers: { library: { value: { status: string } } };
  knowledge: { suggestions: { value: { status: string } } };
}) {
  performance.mark('closed-loop:first-content');
  const settled = (status: string) => status === 'ready' || status === 'error';
  return effect(() => {
    if (
      settled(models.escalation.me.value.status) &&
      settled(models.answers.library.value.status) &&
      settled(models.knowledge.suggestions.value.status)
    ) {
      if (!performance.getEntriesByName('closed-loop:panels-ready').length) performance.mark('closed-loop:panels-ready');
    }
  });
}

/** The ticket sidebar: one model per panel, all fed by one ticket model; a panel's failure stays in it. */
export default function SidebarView({ initial }: { initial: TicketSnapshot }) {
  const services = useServices();
  const { host, settings, i18n, currentUser, lead, now, cache, context } = services;
  const root = useRef<HTMLElement>(null);
  const models = useMemo(() => {
    const ticket = createTicketModel(host, initial);
    return {
      ticket,
      escalation: createEscalationModel({ host, settings, ticket, lead, i18n, now }),
      answers: createAnswersModel({
        host,
        settings,
        ticket,
        currentUser,
        library: createAnswerLibrary(host, cache),
        people: lead.people,
        analysis: loadTextAnalysis,
        now,
      }),
      knowledge: createKnowledgeModel({ host, settings, ticket, currentUser, cache, analysis: loadTextAnalysis }),
    };
  }, [host, initial, settings, lead, i18n, now, currentUser, cache]);
  const proposal = useMemo(
    () => ({ status: signal<'idle' | 'done'>('idle'), error: signal<unknown>(null), close: null as null | (() => void) }),
    [],
  );
  useEffect(
    () => () => {
      Object.values(models).forEach((model) => model.dispose());
      proposal.close?.();
    },
    [models, proposal],
  );
  useAutoResize(host, root);
  useEffect(() => markWhenReady(models), [models]);

  const { ticket } = models;
  const propose = async () => {
    proposal.error.value = null;
    try {
      const { 'comment.text': reply } = await host.get({ 'comment.text': z.optional(z.nullable(z.string())) });
      proposal.close?.();
      proposal.close = await openProposalModal(
        host,
        context.instanceGuid,
        {
          title: ticket.subject.value,
          body: htmlToText(reply ?? ''),
          example: ticket.subject.value,
          locale: ticket.requester.value?.locale ?? null,
          ticketId: ticket.id.value,
        },
        () => (proposal.status.value = 'done'),
      );
    } catch (error) {
      proposal.error.value = error;
    }
  };

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
      <EscalationPanel model={models.escalation} />
      <AnswersPanel model={models.answers} onPropose={() => void propose()} />
      {proposal.error.value !== null && <ErrorNotice error={proposal.error.value} />}
      {proposal.status.value === 'done' && (
        <p class="status" role="status">
          {i18n.t('ui.answers.done_propose')}
        </p>
      )}
      <KnowledgePanel model={models.knowledge} />
    </main>
  );
}
