import { useModel } from '../../app/model';
import { useServices } from '../../app/services';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { AnswersPanel } from '../answers/AnswersPanel';
import type { EscalationModel } from '../escalation/model';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import type { TicketModel } from '../ticket/model';
import { createPanelsModel } from './panelsModel';

/** The sidebar's panels after its first paint (a chunk of their own); their model lives and is disposed with them. */
export default function SidebarPanels({ ticket, escalation }: { ticket: TicketModel; escalation: EscalationModel }) {
  const services = useServices();
  const model = useModel(() => createPanelsModel(services, ticket, escalation));
  return (
    <>
      <ErrorBoundary>
        <AnswersPanel model={model.answers} onPropose={() => void model.proposal.open.run()} />
      </ErrorBoundary>
      <ErrorBoundary>
        <KnowledgePanel model={model.knowledge} />
      </ErrorBoundary>
    </>
  );
}
