import { useServices } from '../../app/services';
import type { SentBack } from '../../domain/answers/sendBack';
import type { Answer } from '../../host/api/answers';
import { longText, shortText } from '../../domain/text';

type People = ReadonlyMap<number, { name: string }>;

/**
 * Who proposed an answer and from which ticket, and the lead's note when it was sent back. The
 * proposer is the record's creator as Zendesk recorded it (`createdById`), never a field the
 * proposer wrote; likewise who sent it back is the last writer, verified as a lead by the model.
 */
export function ProposalOrigin({ answer, people, sentBack }: { answer: Answer; people: People | undefined; sentBack: SentBack | null }) {
  const { i18n, host } = useServices();
  const name = answer.createdById !== null ? people?.get(answer.createdById)?.name : undefined;
  const date = i18n.date(answer.createdAt);
  const ticket = answer.sourceTicketId;
  const lead = sentBack && people?.get(sentBack.byId)?.name;
  return (
    <>
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
      {sentBack && (
        <p class="small" data-testid="sent-back">
          {i18n.t('ui.console.sent_back_by', {
            name: shortText(lead ?? `#${sentBack.byId}`),
            date: i18n.date(sentBack.at),
            note: longText(sentBack.note),
          })}
        </p>
      )}
    </>
  );
}
