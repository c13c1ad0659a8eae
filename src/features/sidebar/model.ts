import { effect } from '@preact/signals';
import { onDispose } from '../../app/model';
import type { Services } from '../../app/services';
import { createAnswerLibrary } from '../answers/cachedLibrary';
import { createAnswersModel } from '../answers/model';
import { createProposalFlow } from '../answers/proposal';
import { createEscalationModel } from '../escalation/model';
import { createRootCauseFlow } from '../escalation/rootCause';
import { createKnowledgeModel } from '../knowledge/model';
import { createTicketModel } from '../ticket/model';
import type { TicketSnapshot } from '../ticket/paths';
import { loadTextAnalysis } from './textAnalysis';

/**
 * The ticket sidebar's state: one ticket model feeding one model per panel, and the proposal
 * flow. Built with app/model's buildModel, so disposing it stops every effect, listener and timer.
 */
export function createSidebarModel(services: Services, initial: TicketSnapshot) {
  const { host, settings, i18n, currentUser, lead, now, cache, context } = services;
  const ticket = createTicketModel(host, initial);
  const answers = createAnswersModel({
    host,
    settings,
    ticket,
    currentUser,
    library: createAnswerLibrary(host, cache),
    people: lead.people,
    analysis: loadTextAnalysis,
    now,
    cache,
    lead,
    instanceGuid: context.instanceGuid,
  });
  const models = {
    ticket,
    escalation: createEscalationModel({ host, settings, ticket, lead, i18n, now, cache }),
    answers,
    knowledge: createKnowledgeModel({ host, settings, ticket, currentUser, cache, analysis: loadTextAnalysis }),
    proposal: createProposalFlow(host, context.instanceGuid, ticket, answers.status),
    rootCause: createRootCauseFlow({ host, lead, ticket, i18n, parentGuid: context.instanceGuid }),
  };
  markWhenReady(models);
  return models;
}

/** The performance mark read by `npm run bench` once all three panels settled (loaded or failed). */
function markWhenReady(models: {
  escalation: { me: { value: { status: string } } };
  answers: { library: { value: { status: string } }; matching: { value: boolean } };
  knowledge: { suggestions: { value: { status: string } } };
}) {
  const settled = (status: string) => status === 'ready' || status === 'error';
  const stop = effect(() => {
    if (
      settled(models.escalation.me.value.status) &&
      settled(models.answers.library.value.status) &&
      !models.answers.matching.value &&
      settled(models.knowledge.suggestions.value.status)
    ) {
      if (!performance.getEntriesByName('closed-loop:panels-ready').length) performance.mark('closed-loop:panels-ready');
    }
  });
  onDispose(stop);
}
