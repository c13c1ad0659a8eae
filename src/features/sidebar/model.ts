import type { Services } from '../../app/services';
import { createResource } from '../../app/resource';
import { createEscalationModel } from '../escalation/model';
import { createRootCauseFlow } from '../escalation/rootCause';
import { createTicketModel } from '../ticket/model';
import type { TicketSnapshot } from '../ticket/paths';
import { loadPanels } from './chunks';

/**
 * The ticket sidebar's first paint: the ticket and its escalation status. The other panels come
 * in a chunk of their own (SidebarPanels.tsx), downloading from the start; until it is in, they
 * show as loading. Built with app/model's buildModel, so disposing it stops every effect,
 * listener and timer.
 */
export function createSidebarModel(services: Services, initial: TicketSnapshot) {
  const { host, settings, i18n, lead, now, cache, context } = services;
  const ticket = createTicketModel(host, initial);
  const panels = createResource<Awaited<ReturnType<typeof loadPanels>>>();
  const loadRest = () => void panels.run(loadPanels);
  loadRest();
  return {
    ticket,
    escalation: createEscalationModel({ host, settings, ticket, lead, i18n, now, cache }),
    rootCause: createRootCauseFlow({ host, lead, ticket, i18n, parentGuid: context.instanceGuid }),
    /** The chunk of the other panels, and how to ask for it again after a failed download. */
    panels: { state: panels.state, retry: loadRest },
  };
}
