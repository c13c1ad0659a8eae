import { useState } from 'preact/hooks';
import { useModel } from '../../app/model';
import { useServices } from '../../app/services';
import { etaFromInput } from '../../domain/answers/knownIssue';
import { longText, shortText } from '../../domain/text';
import { ErrorNotice, FormButtons, ItemAction, Loading } from '../../ui/Panel';
import { StatusLine } from '../../ui/Status';
import { createKnownIssuesModel, type KnownIssueRow, type KnownIssuesModel } from './knownIssues';
import type { LibraryModel } from './library';

/** A datetime-local input's value for an ISO instant, in the lead's own time zone. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function StatementEditor({ row, model, onClose }: { row: KnownIssueRow; model: KnownIssuesModel; onClose: () => void }) {
  const { i18n } = useServices();
  const [body, setBody] = useState(row.statement.body);
  const [eta, setEta] = useState(localInput(row.statement.eta));
  const id = row.statement.id;
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = await model.save.run(row.statement, { body, eta: etaFromInput(eta) });
    if (result.kind === 'done' || result.kind === 'conflict') onClose();
  };
  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)} data-testid="known-issue-editor">
      <label for={`statement-${id}`}>{i18n.t('ui.known_issue.statement')}</label>
      <textarea
        id={`statement-${id}`}
        maxLength={4000}
        required
        value={body}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
      />
      <label for={`eta-${id}`}>{i18n.t('ui.known_issue.eta_label')}</label>
      <input id={`eta-${id}`} type="datetime-local" value={eta} onInput={(e) => setEta((e.target as HTMLInputElement).value)} />
      <FormButtons label={i18n.t('ui.console.known_save')} disabled={model.save.busy.value} onCancel={onClose} />
    </form>
  );
}

/** Each known issue: its problem ticket, how many incidents are linked to it, its statement and when that last changed. */
export function KnownIssuesTab({ library }: { library: LibraryModel }) {
  const { i18n, host, now } = useServices();
  const model = useModel(() => createKnownIssuesModel(host, library));
  const [editing, setEditing] = useState<string | null>(null);
  const answers = library.answers.value;
  const facts = model.facts.value;
  const rows = model.rows.value;
  return (
    <section aria-labelledby="known-issues-title">
      <h2 id="known-issues-title" class="visually-hidden">
        {i18n.t('ui.console.tab_known')}
      </h2>
      <StatusLine report={model.status.value} urgent />
      {answers.status === 'loading' && <Loading />}
      {answers.status === 'error' && <ErrorNotice error={answers.error} onRetry={() => void library.load()} />}
      {facts.status === 'error' && <ErrorNotice error={facts.error} />}
      {answers.status === 'ready' && !rows.length && <p class="muted">{i18n.t('ui.console.known_empty')}</p>}
      {rows.length > 0 && (
        <table class="table" data-testid="known-issues">
          <thead>
            <tr>
              <th scope="col">{i18n.t('ui.console.known_col_problem')}</th>
              <th scope="col">{i18n.t('ui.known_issue.statement')}</th>
              <th scope="col">{i18n.t('ui.console.known_col_incidents')}</th>
              <th scope="col">{i18n.t('ui.console.known_col_eta')}</th>
              <th scope="col">{i18n.t('ui.console.known_col_changed')}</th>
              <th scope="col">
                <span class="visually-hidden">{i18n.t('ui.console.known_edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.statement.id} data-testid={`known-issue-${row.statement.problemTicketId}`}>
                <td>
                  #{row.statement.problemTicketId} {row.problem && shortText(row.problem.subject ?? '')}
                  {row.problem && !row.live && <p class="small muted">{i18n.t('ui.console.known_ended')}</p>}
                </td>
                <td>
                  {editing === row.statement.id ? (
                    <StatementEditor row={row} model={model} onClose={() => setEditing(null)} />
                  ) : (
                    <div class="answer__body">{longText(row.statement.body)}</div>
                  )}
                </td>
                <td data-testid="known-issue-incidents">{row.incidents ?? '–'}</td>
                <td>{row.statement.eta ? i18n.dateTime(row.statement.eta) : '–'}</td>
                <td>{i18n.relativeTime(row.statement.updatedAt, now())}</td>
                <td>
                  {editing !== row.statement.id && (
                    <ItemAction
                      label={i18n.t('ui.console.known_edit')}
                      item={row.statement.title}
                      onClick={() => setEditing(row.statement.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
