import { effect } from '@preact/signals';
import { onDispose } from '../../app/model';
import type { Services } from '../../app/services';
import { createAnswerLibrary } from '../answers/cachedLibrary';
import { createAnswersModel } from '../answers/model';
import { createProposalFlow } from '../answers/proposal';
import type { EscalationModel } from '../escalation/model';
import { createKnowledgeModel } from '../knowledge/model';
import type { TicketModel } from '../ticket/model';
import { loadTextAnalysis } from './chunks';

/** The sidebar's panels after its first paint, fed by its ticket model: the closed-loop answer, the knowledge suggestions and the proposal flow. */
export function createPanelsModel(services: Services, ticket: TicketModel, escalation: EscalationModel) {
  const { host, settings, currentUser, lead, now, cache, context } = services;
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
    answers,
    knowledge: createKnowledgeModel({ host, settings, ticket, currentUser, cache, analysis: loadTextAnalysis }),
    proposal: createProposalFlow(host, context.instanceGuid, ticket, answers.status),
  };
  markWhenReady({ escalation, ...models });
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
