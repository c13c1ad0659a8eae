import { useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import type { Block } from '../../domain/answers/markdown';
import { shortText } from '../../domain/text';
import { FormattedText } from '../../ui/FormattedText';
import { ErrorNotice, FormButtons, Loading, Panel } from '../../ui/Panel';
import { StatusLine } from '../../ui/Status';
import type { AnswersModel } from './model';

/** The answer as it will be inserted, each gap marker visible. */
function FilledBody({ blocks }: { blocks: Block[] }) {
  const { i18n } = useServices();
  return (
    // Scrollable when long, so it takes focus to be scrolled from the keyboard.
    <div class="answer__body" data-testid="answer-body" tabIndex={0} role="region" aria-label={i18n.t('ui.answers.body_label')}>
      <FormattedText blocks={blocks} gapTitle={i18n.t('ui.answers.gap')} />
    </div>
  );
}

function MisfitForm({ model, onDone }: { model: AnswersModel; onDone: () => void }) {
  const { i18n } = useServices();
  const [note, setNote] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    await model.reportMisfit.run(note);
    onDone();
  };
  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)}>
      <label for="misfit-note">{i18n.t('ui.answers.misfit_label')}</label>
      <textarea id="misfit-note" maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      <FormButtons label={i18n.t('ui.answers.misfit_send')} disabled={model.reportMisfit.busy.value} onCancel={onDone} />
    </form>
  );
}

/** Who approved the answer, as Zendesk's records bear it out; or why it cannot be inserted. */
function TrustLine({ trust, model }: { trust: NonNullable<AnswersModel['trust']['value']>; model: AnswersModel }) {
  const { i18n, now } = useServices();
  const { approval } = trust;
  const lookupError = model.approvalLookupError.value;
  if (!approval && lookupError)
    return (
      <ErrorNotice
        error={lookupError}
        onRetry={model.retryApprovals}
        warning={{ box: 'small notice--inline-warning', testId: 'answer-trust', key: 'ui.answers.approval_lookup_failed' }}
      />
    );
  if (!approval)
    return (
      <p class="small muted" data-testid="answer-trust">
        {i18n.t('ui.answers.checking_approval')}
      </p>
    );
  if (approval.kind !== 'approved')
    return (
      <p class="small notice--inline-warning" data-testid="answer-trust">
        {trust.changedBy
          ? i18n.t('ui.answers.changed_since_approval', { name: shortText(trust.changedBy) })
          : i18n.t('ui.answers.changed_since_approval_unknown')}
      </p>
    );
  return (
    <p class={trust.overdue ? 'small notice--inline-warning' : 'small muted'} data-testid="answer-trust">
      {trust.approvedAt
        ? i18n.t('ui.answers.approved', {
            name: trust.approver ? shortText(trust.approver) : i18n.t('ui.answers.a_lead'),
            when: i18n.relativeTime(trust.approvedAt, now()),
          })
        : i18n.t('ui.answers.approved_unknown')}
      {trust.overdue && ` · ${i18n.t('ui.answers.review_overdue')}`}
    </p>
  );
}

/** The answer is in another language than the customer wrote in; its variant in theirs, when there is one. */
function LanguageNote({ model, note }: { model: AnswersModel; note: NonNullable<AnswersModel['language']['value']> }) {
  const { i18n } = useServices();
  return (
    <p class="small notice--inline-warning" data-testid="answer-language">
      {i18n.t('ui.answers.language_note', { answer: i18n.language(note.answer), customer: i18n.language(note.customer) })}
      {note.variant && (
        <>
          {' '}
          <button type="button" class="link-button" onClick={() => model.choose(note.variant!.id)}>
            {i18n.t('ui.answers.language_variant', { language: i18n.language(note.customer) })}
          </button>
        </>
      )}
    </p>
  );
}

export function AnswersPanel({ model, onPropose }: { model: AnswersModel; onPropose: () => void }) {
  const { i18n } = useServices();
  const [reporting, setReporting] = useState(false);
  const library = model.library.value;
  const answer = model.current.value;
  const filled = model.filled.value;
  const trust = model.trust.value;
  const match = model.match.value;
  const others = model.candidates.value.filter((a) => a.id !== answer?.id);
  const knownIssue = model.knownIssue.value;

  return (
    <Panel
      id="answers"
      title={i18n.t('ui.answers.title')}
      actions={
        <button type="button" class="btn btn--small" onClick={onPropose}>
          {i18n.t('ui.answers.propose')}
        </button>
      }
    >
      {knownIssue && <knownIssue.Section model={model} knownIssue={knownIssue.model} />}
      {library.status === 'loading' && !('data' in library && library.data) && <Loading />}
      {library.status === 'error' && <ErrorNotice error={library.error} onRetry={() => void model.retry()} />}
      <StatusLine report={model.status.value} />
      {library.status === 'ready' && !answer && model.matching.value && <Loading />}
      {library.status === 'ready' && !answer && !model.matching.value && (
        <p class="muted" data-testid="answers-empty">
          {match?.abstained && others.length ? i18n.t('ui.answers.unsure') : i18n.t('ui.answers.none')}
        </p>
      )}
      {answer && filled && (
        <article class="answer" aria-labelledby="answer-title">
          <h3 id="answer-title" class="answer__title">
            {shortText(answer.title)}
          </h3>
          {trust && <TrustLine trust={trust} model={model} />}
          {model.language.value && <LanguageNote model={model} note={model.language.value} />}
          <FilledBody blocks={filled.blocks} />
          <div class="row actions">
            <button
              type="button"
              class="btn btn--small btn--primary"
              disabled={model.insert.busy.value || trust?.approval?.kind !== 'approved'}
              onClick={() => void model.insert.run()}
            >
              {i18n.t('ui.answers.insert')}
            </button>
            <button type="button" class="btn btn--small" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>
              {i18n.t('ui.answers.misfit')}
            </button>
          </div>
          {reporting && <MisfitForm model={model} onDone={() => setReporting(false)} />}
          {model.inserted.value && (
            <div class="notice notice--info">
              <p>{i18n.t('ui.answers.example_offer')}</p>
              <div class="row">
                <button type="button" class="btn btn--small" onClick={() => void model.suggestExample.run()}>
                  {i18n.t('ui.answers.example_yes')}
                </button>
                <button type="button" class="btn btn--small" onClick={model.dismissExample}>
                  {i18n.t('ui.answers.example_no')}
                </button>
              </div>
            </div>
          )}
        </article>
      )}
      {others.length > 0 && (
        <div class="alternates">
          <p class="small muted">{answer ? i18n.t('ui.answers.alternates') : i18n.t('ui.answers.possible')}</p>
          <ul>
            {others.map((other) => (
              <li key={other.id}>
                <button type="button" class="link-button" onClick={() => model.choose(other.id)}>
                  {shortText(other.title)}
                </button>
                {/* Unsure, the summaries help the agent pick which one to open. */}
                {!answer && other.summary && <p class="small muted">{shortText(other.summary)}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
