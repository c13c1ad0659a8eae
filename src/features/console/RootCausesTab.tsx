import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import { longText, shortText } from '../../domain/text';
import type { RootCause } from '../../host/api/rootCauses';
import { ErrorNotice, Loading } from '../../ui/Panel';
import { StatusLine } from '../../ui/Status';
import type { LibraryModel } from './library';
import { createRootCausesModel, ROOT_CAUSE_WINDOWS, type RootCausesModel } from './rootCauses';

/** "Merge into…": the cause on this row goes into the one chosen, which keeps both tickets. */
function MergeInto({ cause, others, model }: { cause: RootCause; others: RootCause[]; model: RootCausesModel }) {
  const { i18n } = useServices();
  const [target, setTarget] = useState('');
  const name = shortText(cause.name);
  const id = `merge-${cause.id}`;
  if (!others.length) return null;
  return (
    <form
      class="row root-merge"
      onSubmit={(e) => {
        e.preventDefault();
        if (target) void model.merge.run(target, cause.id);
      }}
    >
      <label for={id}>{i18n.t('ui.console.root_merge_into', { name })}</label>
      <select id={id} value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
        <option value="">{i18n.t('ui.console.root_merge_choose')}</option>
        {others.map((o) => (
          <option key={o.id} value={o.id}>
            {shortText(o.name)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        class="btn btn--small"
        disabled={!target || model.merge.busy.value}
        aria-label={i18n.t('ui.console.root_merge_named', { name })}
      >
        {i18n.t('ui.console.root_merge')}
      </button>
    </form>
  );
}

/** Root causes of resolved escalations: how many per category, the tickets behind them, which became answers. */
export function RootCausesTab({ library }: { library: LibraryModel }) {
  const { host, lead, now, i18n } = useServices();
  const model = useMemo(() => createRootCausesModel(host, lead, now), [host, lead, now]);
  useEffect(() => void model.load(), [model]);
  const state = model.state.value;
  const data = 'data' in state ? state.data : undefined;
  const titles = new Map(library.rows.value.map((r) => [r.answer.id, r.answer.title]));
  const causes = model.inWindow.value;
  const openTicket = (id: number) => void host.invoke('routeTo', 'ticket', String(id));

  return (
    <section aria-labelledby="root-causes-title">
      <h2 id="root-causes-title">{i18n.t('ui.console.root_title')}</h2>
      <div class="row" role="group" aria-label={i18n.t('ui.console.window')}>
        {ROOT_CAUSE_WINDOWS.map((d) => (
          <button
            key={d}
            type="button"
            class={model.days.value === d ? 'btn btn--small btn--primary' : 'btn btn--small'}
            aria-pressed={model.days.value === d}
            onClick={() => model.show(d)}
          >
            {i18n.t('ui.console.last_days', { days: d })}
          </button>
        ))}
      </div>
      <StatusLine report={model.status.value} urgent />
      {state.status === 'loading' && !data && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      {data && (
        <>
          {data.unverified > 0 && (
            <p class="notice notice--info" data-testid="root-unverified">
              {i18n.t('ui.console.root_unverified', { count: data.unverified })}
            </p>
          )}
          <table class="table table--compact" data-testid="root-counts">
            <caption class="small muted">{i18n.t('ui.console.root_counts_caption', { days: model.days.value })}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('ui.root_cause.category')}</th>
                <th scope="col">{i18n.t('ui.console.root_col_causes')}</th>
                <th scope="col">{i18n.t('ui.console.root_col_tickets')}</th>
                <th scope="col">{i18n.t('ui.console.root_col_answered')}</th>
              </tr>
            </thead>
            <tbody>
              {model.counts.value.map((c) => (
                <tr key={c.category} data-category={c.category}>
                  <th scope="row">{i18n.t(`ui.root_cause.category_${c.category}`)}</th>
                  <td>{c.causes}</td>
                  <td>{c.tickets}</td>
                  <td>{c.answered}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{i18n.t('ui.console.root_list')}</h3>
          {causes.length === 0 ? (
            <p class="muted">{i18n.t('ui.console.none')}</p>
          ) : (
            <ul class="cards">
              {causes.map((cause) => (
                <li key={cause.id} class="card" data-testid="root-cause">
                  <strong>{shortText(cause.name)}</strong>
                  <p class="small muted">
                    {i18n.t(`ui.root_cause.category_${cause.category}`)} · {i18n.date(cause.createdAt)}
                  </p>
                  {cause.whys.length > 0 && (
                    <ol class="small">
                      {cause.whys.map((w, i) => (
                        <li key={i}>
                          {longText(w.why)} — {longText(w.because)}
                        </li>
                      ))}
                    </ol>
                  )}
                  <p class="row small">
                    {i18n.t('ui.console.root_tickets')}
                    {cause.ticketIds.map((t) => (
                      <button key={t} type="button" class="link-button" onClick={() => openTicket(t)}>
                        {i18n.t('ui.console.open_ticket', { id: t })}
                      </button>
                    ))}
                  </p>
                  <p class="small" data-testid="root-answer">
                    {cause.answerId
                      ? i18n.t('ui.console.root_answer', { title: shortText(titles.get(cause.answerId) ?? cause.answerId) })
                      : i18n.t('ui.console.root_no_answer')}
                  </p>
                  <MergeInto cause={cause} others={causes.filter((o) => o.id !== cause.id)} model={model} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
