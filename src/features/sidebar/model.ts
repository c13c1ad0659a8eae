import type { Services } from '../../app/services';
import { withStrings } from '../../i18n';
import { SIDEBAR_PANELS } from '../../i18n/bundles';
import { createResource } from '../../app/resource';
import { createEscalationModel } from '../escalation/model';
import { createRootCauseStep } from '../escalation/rootCauseStep';
import { createTicketModel } from '../ticket/model';
import type { TicketSnapshot } from '../ticket/paths';
import { loadPanels } from './chunks';

/**
 * The ticket sidebar's first paint: the ticket and its escalation status. The other panels come
 * in a chunk of their own (SidebarPanels.tsx), downloading from the start, with their strings;
 * until both are in, they show as loading. Built with app/model's buildModel, so disposing it
 * stops every effect, listener and timer.
 */
export function createSidebarModel(services: Services, initial: TicketSnapshot) {
  const { host, settings, i18n, lead, now, cache, context } = services;
  const ticket = createTicketModel(host, initial);
  const panels = createResource<{ View: Awaited<ReturnType<typeof loadPanels>>['default']; services: Services }>();
  const loadRest = () =>
    void panels.run(async () => {
      const [chunk, strings] = await Promise.all([loadPanels(), withStrings(i18n, SIDEBAR_PANELS)]);
      return { View: chunk.default, services: { ...services, i18n: strings } };
    });
  loadRest();
  return {
    ticket,
    escalation: createEscalationModel({ host, settings, ticket, lead, i18n, now, cache }),
    rootCause: createRootCauseStep({ host, lead, ticket, i18n, parentGuid: context.instanceGuid }),
    /** The other panels' view with the services they see (the strings theirs too), and how to ask again after a failed download. */
    panels: { state: panels.state, retry: loadRest },
  };
}
