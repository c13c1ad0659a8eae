import { useServices } from '../../app/services';
import type { Answer } from '../../host/api/answers';
import { shortText } from '../../domain/text';

type People = ReadonlyMap<number, { name: string }>;

/**
 * Who proposed an answer and from which ticket. The proposer is the record's creator as Zendesk
 * recorded it (`createdById`), never a field the proposer wrote; the name shows once looked up.
 */
export function ProposalOrigin({ answer, people }: { answer: Answer; people: People | undefined }) {
  const { i18n, host } = useServices();
  const name = answer.createdById !== null ? people?.get(answer.createdById)?.name : undefined;
  const date = i18n.date(answer.createdAt);
  const ticket = answer.sourceTicketId;
  return (
    <div class="small muted" data-testid="proposal-meta">
      {name ? i18n.t('ui.console.proposed_by', { name: shortText(name), date }) : i18n.t('ui.console.proposed_on', { date })}
      {ticket !== null && (
        <>
          {' '}
          <button type="button" class="link-button" onClick={() => void host.invoke('routeTo', 'ticket', String(ticket))}>
            {i18n.t('ui.console.open_ticket', { id: String(ticket) })}
          </button>
        </>
      )}
    </div>
  );
}
