import { useEffect, useMemo, useState } from 'preact/hooks';
import { done } from '../../app/action';
import { useServices } from '../../app/services';
import { longText, shortText } from '../../domain/text';
import { versionOf, type Answer } from '../../host/api/answers';
import { MarkdownText } from './MarkdownText';
import { errorMessage } from '../../ui/errorMessage';
import { ErrorNotice, ItemAction, Loading } from '../../ui/Panel';
import { SearchBox } from '../../ui/SearchBox';
import { useShownRows } from '../../ui/ShowMore';
import { StatusLine } from '../../ui/Status';
import { AnswerForm, type AnswerDraft } from '../answers/AnswerForm';
import { LIBRARY_SORTS, type LibraryFilter, type LibraryModel, type LibraryRow, type LibrarySort } from './library';
import { ProposalOrigin } from './ProposalOrigin';
import { SendBack } from './SendBack';

const FILTERS: LibraryFilter[] = ['all', 'approved', 'due', 'proposals', 'retired'];
/** Rows the library's table shows at first, and adds with each "Show more": each row holds its actions. */
const LIBRARY_PAGE_ROWS = 50;

/** The macro an answer replaces: its title, last update, uses in 30 days and whether it is still active. */
function MacroLine({ id, link }: { id: number; link: LibraryRow['macro'] }) {
  const { i18n } = useServices();
  if (!link) return <div class="small muted">{i18n.t('ui.console.macro_id', { id })}</div>;
  if (link.kind === 'missing') return <div class="small notice--inline-warning">{i18n.t('ui.console.macro_missing', { id: link.id })}</div>;
  const { macro } = link;
  const facts = [
    macro.updatedAt ? i18n.t('ui.console.macro_updated', { when: i18n.relativeTime(macro.updatedAt) }) : null,
    macro.uses30d === null ? null : i18n.t('ui.console.macro_uses', { count: macro.uses30d }),
  ].filter(Boolean);
  return (
    <div class="small" data-testid="macro-line">
      {i18n.t('ui.console.macro_replaces', { title: shortText(macro.title) })}{' '}
      {!macro.active && <span class="badge badge--retired">{i18n.t('ui.console.macro_inactive')}</span>}
      {facts.length > 0 && <div class="muted">{facts.join(' · ')}</div>}
    </div>
  );
}
function Version({ title, answer }: { title: string; answer: AnswerDraft }) {
  return (
    <div class="version">
      <h4>{title}</h4>
      <p>
        <strong>{shortText(answer.title)}</strong>
      </p>
      <div class="answer__body">
        <MarkdownText source={answer.body} />
      </div>
      <p class="small muted">{longText(answer.examples.join(' · '))}</p>
    </div>
  );
}

/** Editing one answer: the draft is kept locally on every keystroke; a newer server version is shown, never overwritten silently. */
function Editor({ answer, model, onClose }: { answer: Answer; model: LibraryModel; onClose: (saved: boolean) => void }) {
  const { i18n } = useServices();
  const { drafts } = model;
  const stored = useMemo(() => drafts.read(answer.id), [drafts, answer.id]);
  const [basedOn, setBasedOn] = useState(stored?.basedOn ?? versionOf(answer));
  const [draft, setDraft] = useState<AnswerDraft>(stored?.draft ?? answer);
  const [conflict, setConflict] = useState<Answer | null>(null);
  const [formKey, setFormKey] = useState(0);
  const outcome = model.edit.outcome.value;
  // The macro choice needs the account's macros; the library read them already when an answer names one.
  useEffect(() => {
    if (model.macros.peek().status === 'idle') void model.loadMacros();
  }, [model]);

  const submit = async (next: AnswerDraft, base = basedOn) => {
    const result = await model.edit.run(answer.id, base, next);
    if (result.kind === 'done') onClose(true);
    else if (result.kind === 'conflict') setConflict(result.current);
  };

  return (
    <div class="editor" role="region" aria-label={i18n.t('ui.console.edit', { title: shortText(answer.title) })}>
      {stored && !conflict && <p class="notice notice--info">{i18n.t('ui.console.restored')}</p>}
      {conflict && (
        <div class="notice notice--warning" role="alert">
          <p>{i18n.t('ui.console.conflict')}</p>
          <div class="versions">
            <Version title={i18n.t('ui.console.yours')} answer={draft} />
            <Version title={i18n.t('ui.console.theirs')} answer={conflict} />
          </div>
          <div class="row">
            <button type="button" class="btn btn--small btn--primary" onClick={() => void submit(draft, versionOf(conflict))}>
              {i18n.t('ui.console.keep_mine')}
            </button>
            <button
              type="button"
              class="btn btn--small"
              onClick={() => {
                model.drafts.clear(answer.id);
                setDraft(conflict);
                setBasedOn(versionOf(conflict));
                setConflict(null);
                setFormKey(formKey + 1);
              }}
            >
              {i18n.t('ui.console.take_theirs')}
            </button>
          </div>
        </div>
      )}
      {outcome?.kind === 'failed' && <ErrorNotice error={outcome.error} />}
      {outcome?.kind === 'refused' && (
        <p class="notice notice--error" role="alert">
          {i18n.t(outcome.reason, outcome.vars)}
        </p>
      )}
      <AnswerForm
        key={formKey}
        initial={draft}
        record={answer}
        others={model.rows.value.flatMap((r) => (r.answer.id === answer.id ? [] : [r.answer]))}
        macros={model.macros.value}
        submitLabel={i18n.t('ui.common.save')}
        busy={model.edit.busy.value}
        onChange={(next) => {
          setDraft(next);
          model.drafts.write(answer.id, { draft: next, basedOn });
        }}
        onSubmit={(next) => void submit(next)}
        onCancel={() => {
          model.drafts.clear(answer.id);
          onClose(false);
        }}
      />
    </div>
  );
}

export function LibraryTab({ model }: { model: LibraryModel }) {
  const { i18n } = useServices();
  const state = model.answers.value;
  const editing = model.editing.value;
  const editingAnswer = editing ? model.rows.value.find((r) => r.answer.id === editing)?.answer : undefined;
  const people = 'data' in model.people.value ? model.people.value.data : undefined;
  const lookup = model.people.value;
  const macros = model.macros.value;
  // Another filter, search or order starts at the top of its list.
  const { shown, more } = useShownRows(model.visible.value, {
    step: LIBRARY_PAGE_ROWS,
    list: `${model.filter.value}\n${model.query.value}\n${model.sort.value}`,
  });

  return (
    <section aria-labelledby="library-title">
      <h2 id="library-title">{i18n.t('ui.console.library_title')}</h2>
      <div class="row" role="group" aria-label={i18n.t('ui.console.filter')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            class={model.filter.value === f ? 'btn btn--small btn--primary' : 'btn btn--small'}
            aria-pressed={model.filter.value === f}
            onClick={() => (model.filter.value = f)}
          >
            {i18n.t(`ui.console.filter_${f}`)}
          </button>
        ))}
      </div>
      <div class="library-tools">
        <SearchBox label={i18n.t('ui.console.library_search')} value={model.query.value} onInput={(q) => (model.query.value = q)} />
        <label class="small">
          {i18n.t('ui.console.sort')}{' '}
          <select class="search" value={model.sort.value} onChange={(e) => (model.sort.value = e.currentTarget.value as LibrarySort)}>
            {LIBRARY_SORTS.map((s) => (
              <option key={s} value={s}>
                {i18n.t(`ui.console.sort_${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <StatusLine report={model.status.value} />
      {state.status === 'loading' && !('data' in state && state.data) && <Loading />}
      {state.status === 'loading' && 'data' in state && state.data && (
        <div data-testid="library-reading">
          <Loading label={i18n.t('ui.console.library_reading', { count: i18n.number(state.data.length) })} />
        </div>
      )}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      {lookup.status === 'error' && <ErrorNotice error={lookup.error} onRetry={() => void model.lookUpPeople()} />}
      {macros.status === 'error' && (
        <div class="notice notice--warning" role="status" data-testid="macros-unavailable">
          <p>{i18n.t('ui.console.macros_unavailable', { reason: errorMessage(macros.error, i18n.t) })}</p>
          <button type="button" class="btn btn--small" onClick={() => void model.loadMacros()}>
            {i18n.t('ui.common.retry')}
          </button>
        </div>
      )}
      {editingAnswer && (
        <Editor
          answer={editingAnswer}
          model={model}
          onClose={(saved) => {
            model.editing.value = null;
            if (saved) model.status.value = { outcome: done(), done: 'ui.console.saved' };
          }}
        />
      )}
      {state.status === 'ready' && model.visible.value.length === 0 && (
        <p class="muted">
          {model.query.value.trim()
            ? i18n.t('ui.console.library_no_match', { query: model.query.value.trim() })
            : i18n.t('ui.console.library_empty')}
        </p>
      )}
      {model.visible.value.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('ui.console.col_answer')}</th>
              <th scope="col">{i18n.t('ui.console.col_status')}</th>
              <th scope="col">{i18n.t('ui.console.col_review')}</th>
              <th scope="col">{i18n.t('ui.console.col_uses')}</th>
              <th scope="col">{i18n.t('ui.console.col_misfits')}</th>
              <th scope="col">{i18n.t('ui.console.col_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ answer, dueAt, overdue, uses, misfits, approval, check, sentBack, macro }) => {
              const title = shortText(answer.title);
              // Marked approved, but Zendesk's records do not bear it out: agents are not offered it.
              const unverified = check === 'unverified';
              // Marked approved but not yet borne out (who wrote and approved it is still being looked up): not shown as approved.
              const unchecked = check === 'unchecked';
              const changedBy = approval?.kind === 'changed' && approval.byId !== null ? people?.get(approval.byId)?.name : undefined;
              return (
                <tr key={answer.id} data-testid="library-row">
                  <td>
                    <strong>{title}</strong>
                    <div class="small muted">
                      {answer.locale ?? ''} {model.drafts.read(answer.id) && <span class="badge">{i18n.t('ui.console.unsaved')}</span>}
                    </div>
                    {answer.replacesMacroId !== null && <MacroLine id={answer.replacesMacroId} link={macro} />}
                    {answer.status === 'draft' && <ProposalOrigin answer={answer} people={people} sentBack={sentBack} />}
                  </td>
                  <td>
                    {unverified ? (
                      <>
                        <span class="badge badge--draft">{i18n.t('ui.console.status_unverified')}</span>
                        <div class="small">
                          {changedBy
                            ? i18n.t('ui.answers.changed_since_approval', { name: shortText(changedBy) })
                            : i18n.t('ui.answers.changed_since_approval_unknown')}
                        </div>
                      </>
                    ) : unchecked ? (
                      <span class="badge">{i18n.t('ui.console.status_unchecked')}</span>
                    ) : (
                      <span class={`badge badge--${answer.status}`}>{i18n.t(`ui.console.status_${answer.status}`)}</span>
                    )}
                  </td>
                  <td class={overdue ? 'notice--inline-warning' : ''}>
                    {dueAt ? `${overdue ? i18n.t('ui.answers.review_overdue') + ' · ' : ''}${i18n.date(dueAt)}` : '–'}
                  </td>
                  <td>{uses}</td>
                  <td>{misfits}</td>
                  <td>
                    <div class="row">
                      <ItemAction label={i18n.t('ui.console.edit_button')} item={title} onClick={() => (model.editing.value = answer.id)} />
                      {(answer.status !== 'approved' || unverified) && (
                        <ItemAction
                          label={i18n.t('ui.console.approve')}
                          item={title}
                          primary
                          onClick={() => void model.approve.run(answer)}
                        />
                      )}
                      {answer.status === 'approved' && !unverified && !unchecked && (
                        <ItemAction label={i18n.t('ui.console.mark_reviewed')} item={title} onClick={() => void model.review.run(answer)} />
                      )}
                      {answer.status !== 'retired' && (
                        <ItemAction label={i18n.t('ui.console.retire')} item={title} onClick={() => void model.retire.run(answer)} />
                      )}
                      {answer.status === 'draft' && <SendBack answer={answer} title={title} model={model} />}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {more}
    </section>
  );
}
