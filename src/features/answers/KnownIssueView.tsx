import { useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import { etaFromInput } from '../../domain/answers/knownIssue';
import { shortText } from '../../domain/text';
import type { Answer } from '../../host/api/answers';
import { FormattedText } from '../../ui/FormattedText';
import { ErrorNotice, FormButtons } from '../../ui/Panel';
import type { KnownIssueModel } from './knownIssue';
import type { AnswersModel } from './model';

/** The known issue's statement at the top of the answers panel: linked, or suggested with "Link to known issue". */
interface Props {
  model: AnswersModel;
  knownIssue: KnownIssueModel;
}

function Statement({ model, knownIssue, statement, linked }: Props & { statement: Answer; linked: boolean }) {
  const { i18n } = useServices();
  const id = statement.problemTicketId!;
  const filled = model.fill(statement);
  return (
    <section class="known-issue notice notice--info" aria-labelledby="known-issue-title" data-testid="known-issue">
      <h3 id="known-issue-title" class="known-issue__title">
        {i18n.t(linked ? 'ui.known_issue.title_linked' : 'ui.known_issue.title_suggested', { id })}
      </h3>
      {knownIssue.updated.value && (
        <p class="small notice--inline-warning" role="status" data-testid="known-issue-updated">
          {i18n.t('ui.known_issue.updated')}{' '}
          <button type="button" class="link-button" onClick={knownIssue.dismissUpdated}>
            {i18n.t('ui.known_issue.updated_ok')}
          </button>
        </p>
      )}
      <p class="small muted" data-testid="known-issue-eta">
        {statement.eta ? i18n.t('ui.known_issue.eta', { when: i18n.dateTime(statement.eta) }) : i18n.t('ui.known_issue.eta_none')}
      </p>
      <div class="answer__body" data-testid="known-issue-body" tabIndex={0} role="region" aria-label={i18n.t('ui.known_issue.statement')}>
        {filled && <FormattedText blocks={filled.blocks} gapTitle={i18n.t('ui.answers.gap')} />}
      </div>
      <div class="row actions">
        {!linked && (
          <button
            type="button"
            class="btn btn--small"
            disabled={knownIssue.link.busy.value}
            onClick={() => void knownIssue.link.run(statement)}
          >
            {i18n.t('ui.known_issue.link', { id })}
          </button>
        )}
        <button
          type="button"
          class="btn btn--small btn--primary"
          disabled={model.insert.busy.value}
          onClick={() => void model.insert.run(statement)}
        >
          {i18n.t('ui.known_issue.insert')}
        </button>
      </div>
    </section>
  );
}

/** A lead on an unsolved problem ticket: the statement agents will see on its incidents, an ETA, and the words customers use. */
function MarkForm({ knownIssue, onDone }: { knownIssue: KnownIssueModel; onDone: () => void }) {
  const { i18n } = useServices();
  const [statement, setStatement] = useState('');
  const [eta, setEta] = useState('');
  const [examples, setExamples] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = await knownIssue.mark.run({
      statement,
      eta: etaFromInput(eta),
      examples: examples.split('\n'),
    });
    if (result.kind === 'done') onDone();
  };
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;
  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)} data-testid="known-issue-form">
      <label for="known-issue-statement">{i18n.t('ui.known_issue.statement')}</label>
      <textarea id="known-issue-statement" maxLength={4000} required value={statement} onInput={(e) => setStatement(value(e))} />
      <p class="small muted">{i18n.t('ui.answers.form_body_help')}</p>
      <label for="known-issue-eta">{i18n.t('ui.known_issue.eta_label')}</label>
      <input id="known-issue-eta" type="datetime-local" value={eta} onInput={(e) => setEta(value(e))} />
      <label for="known-issue-examples">{i18n.t('ui.known_issue.examples_label')}</label>
      <textarea id="known-issue-examples" maxLength={4000} value={examples} onInput={(e) => setExamples(value(e))} />
      <FormButtons label={i18n.t('ui.known_issue.mark_save')} disabled={knownIssue.mark.busy.value} onCancel={onDone} />
    </form>
  );
}

/** The known-issue part of the answers panel: what this ticket's outage says, or a lead's way to declare one. */
export function KnownIssueSection({ model, knownIssue }: Props) {
  const { i18n } = useServices();
  const [marking, setMarking] = useState(false);
  const shown = knownIssue.shown.value;
  const own = knownIssue.own.value;
  const error = knownIssue.error.value;
  if (error !== null) return <ErrorNotice error={error} onRetry={knownIssue.retry} />;
  if (shown) return <Statement model={model} knownIssue={knownIssue} statement={shown} linked={knownIssue.linked.value !== null} />;
  const lookupError = model.approvalLookupError.value;
  if (knownIssue.unchecked.value && lookupError)
    return (
      <ErrorNotice
        error={lookupError}
        onRetry={model.retryApprovals}
        warning={{ box: 'notice notice--warning', testId: 'known-issue-unchecked', key: 'ui.known_issue.unchecked' }}
      />
    );
  if (own)
    return (
      <p class="small notice notice--info" data-testid="known-issue-own">
        {i18n.t('ui.known_issue.own', { title: shortText(own.title) })}
      </p>
    );
  if (!knownIssue.mayMark.value) return null;
  return marking ? (
    <MarkForm knownIssue={knownIssue} onDone={() => setMarking(false)} />
  ) : (
    <div class="row actions">
      <button type="button" class="btn btn--small" onClick={() => setMarking(true)}>
        {i18n.t('ui.known_issue.mark')}
      </button>
    </div>
  );
}
