import { useServices } from '../../app/services';
import { longText, shortText } from '../../domain/text';
import { versionOf } from '../../host/api/answers';
import type { FeedbackRecord } from '../../host/api/feedback';
import { zendeskOrigin } from '../../host/origin';
import { errorMessage } from '../../ui/errorMessage';
import { ErrorNotice, ItemAction, Loading } from '../../ui/Panel';
import { useState } from 'preact/hooks';
import { saveStatus, type LibraryModel } from './library';

// `other`: records made in Zendesk itself, without a kind the app writes; shown so a lead can read and close them.
const SECTIONS = ['misfit', 'example', 'outdated_article', 'other'] as const;

/** What agents sent back: answers that did not fit, new example phrasings, outdated articles. */
export function FeedbackTab({ model, onOpenAnswer }: { model: LibraryModel; onOpenAnswer: (id: string) => void }) {
  const { i18n, host } = useServices();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const state = model.feedback.value;
  const answers = new Map(model.rows.value.map((r) => [r.answer.id, r.answer]));
  const records = state.status === 'ready' ? state.data.filter((r) => !r.custom_object_fields.handled) : [];
  const proposals = model.rows.value.filter((r) => r.answer.status === 'draft');
  const zendesk = zendeskOrigin();

  const handle = async (record: FeedbackRecord, addExample?: boolean) => {
    try {
      const answer = record.custom_object_fields.answer_id ? answers.get(record.custom_object_fields.answer_id) : undefined;
      if (addExample && answer && record.custom_object_fields.note) {
        const result = await model.save(answer.id, versionOf(answer), { examples: [...answer.examples, record.custom_object_fields.note] });
        if (result.kind !== 'saved') throw result.kind === 'conflict' ? new Error(i18n.t('ui.console.changed_meanwhile')) : result.error;
      }
      await model.handle(record);
      setStatus({ ok: true, text: i18n.t('ui.console.handled') });
    } catch (error) {
      setStatus({
        ok: false,
        text: error instanceof Error && !('status' in error) && error.message ? error.message : errorMessage(error, i18n.t),
      });
    }
  };
  const openTicket = (id: unknown) => void host.invoke('routeTo', 'ticket', String(id));

  return (
    <section aria-labelledby="feedback-title">
      <h2 id="feedback-title">{i18n.t('ui.console.feedback_title')}</h2>
      <p class={status?.ok === false ? 'status status--error' : 'status'} role="status" aria-live="polite">
        {status?.text}
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={model.load} />}
      <h3>{i18n.t('ui.console.section_proposals')}</h3>
      {proposals.length === 0 ? (
        <p class="muted">{i18n.t('ui.console.none')}</p>
      ) : (
        <ul class="cards">
          {proposals.map(({ answer }) => {
            const title = shortText(answer.title);
            return (
              <li key={answer.id} class="card" data-testid="proposal">
                <strong>{title}</strong>
                <div class="answer__body">{longText(answer.body)}</div>
                <div class="row">
                  <ItemAction
                    label={i18n.t('ui.console.approve')}
                    item={title}
                    primary
                    onClick={() =>
                      void model.approve(answer).then((result) => setStatus(saveStatus(result, i18n.t, 'ui.console.approved')))
                    }
                  />
                  <ItemAction
                    label={i18n.t('ui.console.retire')}
                    item={title}
                    onClick={() => void model.retire(answer).then((result) => setStatus(saveStatus(result, i18n.t, 'ui.console.retired')))}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {SECTIONS.map((kind) => {
        const list = records.filter((r) => r.custom_object_fields.kind === kind);
        return (
          <div key={kind}>
            <h3>{i18n.t(`ui.console.section_${kind}`)}</h3>
            {list.length === 0 ? (
              <p class="muted">{i18n.t('ui.console.none')}</p>
            ) : (
              <ul class="cards">
                {list.map((record) => {
                  const f = record.custom_object_fields;
                  const answer = f.answer_id ? answers.get(f.answer_id) : undefined;
                  return (
                    <li key={record.id} class="card" data-testid={`feedback-${kind}`}>
                      <p>
                        {answer && <strong>{shortText(answer.title)}</strong>}
                        {kind === 'other' && <strong>{shortText(record.name)}</strong>}
                        {kind === 'outdated_article' && f.article_id && zendesk && (
                          <a href={`${zendesk}/hc/articles/${Number(f.article_id)}`} target="_blank" rel="noopener noreferrer">
                            {shortText(record.name.replace(/^Outdated: /, ''))}
                          </a>
                        )}
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
                          <button type="button" class="btn btn--small btn--primary" onClick={() => void handle(record, true)}>
                            {i18n.t('ui.console.add_example')}
                          </button>
                        )}
                        <button type="button" class="btn btn--small" onClick={() => void handle(record)}>
                          {i18n.t('ui.console.mark_handled')}
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}
