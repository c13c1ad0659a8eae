import { useServices } from '../../app/services';
import { longText, shortText } from '../../domain/text';
import { zendeskOrigin } from '../../host/origin';
import { MarkdownText } from './MarkdownText';
import { ErrorNotice, ItemAction, Loading } from '../../ui/Panel';
import { useShownRows } from '../../ui/ShowMore';
import { StatusLine } from '../../ui/Status';
import type { Answer } from '../../host/api/answers';
import type { FeedbackRecord } from '../../host/api/feedback';
import type { LibraryModel } from './library';
import { ProposalOrigin } from './ProposalOrigin';
import { SendBack } from './SendBack';

// `other`: records made in Zendesk itself, without a kind the app writes; shown so a lead can read and close them.
const SECTIONS = ['misfit', 'example', 'outdated_article', 'other'] as const;

/** What agents sent back: answers that did not fit, new example phrasings, outdated articles. */
export function FeedbackTab({ model, onOpenAnswer }: { model: LibraryModel; onOpenAnswer: (id: string) => void }) {
  const { i18n } = useServices();
  const state = model.feedback.value;
  const answers = new Map(model.rows.value.map((r) => [r.answer.id, r.answer]));
  // The open reports only: Zendesk's filtered search leaves the handled ones out.
  const records = state.status === 'ready' ? state.data : [];
  const proposals = model.rows.value.filter((r) => r.answer.status === 'draft');
  const shownProposals = useShownRows(proposals);
  const people = 'data' in model.people.value ? model.people.value.data : undefined;

  return (
    <section aria-labelledby="feedback-title">
      <h2 id="feedback-title">{i18n.t('ui.console.feedback_title')}</h2>
      <StatusLine report={model.status.value} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      <h3>{i18n.t('ui.console.section_proposals')}</h3>
      {proposals.length === 0 ? (
        <p class="muted">{i18n.t('ui.console.none')}</p>
      ) : (
        <ul class="cards">
          {shownProposals.shown.map(({ answer, sentBack }) => {
            const title = shortText(answer.title);
            return (
              <li key={answer.id} class="card" data-testid="proposal">
                <strong>{title}</strong>
                <ProposalOrigin answer={answer} people={people} sentBack={sentBack} />
                <div class="answer__body">
                  <MarkdownText source={answer.body} />
                </div>
                <div class="row">
                  <ItemAction label={i18n.t('ui.console.approve')} item={title} primary onClick={() => void model.approve.run(answer)} />
                  <ItemAction label={i18n.t('ui.console.retire')} item={title} onClick={() => void model.retire.run(answer)} />
                  <SendBack answer={answer} title={title} model={model} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {shownProposals.more}
      {SECTIONS.map((kind) => (
        <FeedbackSection
          key={kind}
          kind={kind}
          list={records.filter((r) => r.custom_object_fields.kind === kind)}
          answers={answers}
          people={people}
          model={model}
          onOpenAnswer={onOpenAnswer}
        />
      ))}
    </section>
  );
}

/** One kind of the agents' reports, a hundred cards at a time. */
function FeedbackSection({
  kind,
  list,
  answers,
  people,
  model,
  onOpenAnswer,
}: {
  kind: (typeof SECTIONS)[number];
  list: FeedbackRecord[];
  answers: ReadonlyMap<string, Answer>;
  people: ReadonlyMap<number, { name: string }> | undefined;
  model: LibraryModel;
  onOpenAnswer: (id: string) => void;
}) {
  const { i18n, host } = useServices();
  const zendesk = zendeskOrigin();
  const openTicket = (id: unknown) => void host.invoke('routeTo', 'ticket', String(id));
  const { shown, more } = useShownRows(list);
  return (
    <div>
      <h3>{i18n.t(`ui.console.section_${kind}`)}</h3>
      {/* The sidebar's matcher already learns from these (domain/answers/provisional.ts): a lead should know. */}
      {kind === 'example' && <p class="small muted">{i18n.t('ui.console.section_example_note')}</p>}
      {list.length === 0 ? (
        <p class="muted">{i18n.t('ui.console.none')}</p>
      ) : (
        <ul class="cards">
          {shown.map((record) => {
            const f = record.custom_object_fields;
            const answer = f.answer_id ? answers.get(f.answer_id) : undefined;
            const reporter = people?.get(Number(f.reporter_id))?.name;
            const when = i18n.date(record.created_at);
            return (
              <li key={record.id} class="card" data-testid={`feedback-${kind}`}>
                {kind === 'outdated_article' && f.article_id && zendesk && (
                  <p>
                    {i18n.t('ui.console.outdated_article')}{' '}
                    <a href={`${zendesk}/hc/articles/${Number(f.article_id)}`} target="_blank" rel="noopener noreferrer">
                      {shortText(f.article_title || record.name)}
                    </a>
                  </p>
                )}
                {(answer || kind === 'other') && (
                  <p>
                    {kind === 'outdated_article' && answer && `${i18n.t('ui.console.used_with_answer')} `}
                    <strong>{shortText(answer ? answer.title : record.name)}</strong>
                  </p>
                )}
                <p class="small muted" data-testid="reported">
                  {reporter
                    ? i18n.t('ui.console.reported_by', { name: shortText(reporter), date: when })
                    : i18n.t('ui.console.reported_on', { date: when })}
                </p>
                {f.note && <p class="quote">{longText(f.note)}</p>}
                <div class="row">
                  {answer && (
                    <button type="button" class="link-button" onClick={() => onOpenAnswer(answer.id)}>
                      {i18n.t('ui.console.open_answer')}
                    </button>
                  )}
                  {f.ticket_id && (
                    <button type="button" class="link-button" onClick={() => openTicket(f.ticket_id)}>
                      {i18n.t('ui.console.open_ticket', { id: String(f.ticket_id) })}
                    </button>
                  )}
                  {kind === 'example' && answer && (
                    <button type="button" class="btn btn--small btn--primary" onClick={() => void model.handle.run(record, answer)}>
                      {i18n.t('ui.console.add_example')}
                    </button>
                  )}
                  <button type="button" class="btn btn--small" onClick={() => void model.handle.run(record)}>
                    {i18n.t('ui.console.mark_handled')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {more}
    </div>
  );
}
