import { useEffect, useMemo } from 'preact/hooks';
import { useServices } from '../../app/services';
import { shortText } from '../../domain/text';
import { BarChart } from '../../ui/BarChart';
import { ErrorNotice, Loading } from '../../ui/Panel';
import type { LibraryModel } from './library';
import { createMetricsModel } from './metrics';

export function MetricsTab({ library }: { library: LibraryModel }) {
  const { host, lead, now, i18n } = useServices();
  const model = useMemo(() => createMetricsModel(host, lead, now), [host, lead, now]);
  useEffect(() => void model.load(), [model]);
  const state = model.metrics.value;
  const data = 'data' in state ? state.data : undefined;
  const titles = new Map(library.rows.value.map((r) => [r.answer.id.toLowerCase(), r.answer.title]));
  const due = library.rows.value.filter((r) => r.answer.status === 'approved' && r.overdue);
  const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">{i18n.t('ui.console.metrics_title')}</h2>
      <div class="row" role="group" aria-label={i18n.t('ui.console.window')}>
        {([7, 30] as const).map((d) => (
          <button
            key={d}
            type="button"
            class={model.days.value === d ? 'btn btn--small btn--primary' : 'btn btn--small'}
            aria-pressed={model.days.value === d}
            onClick={() => void model.load(d)}
          >
            {i18n.t('ui.console.last_days', { days: d })}
          </button>
        ))}
      </div>
      {state.status === 'loading' && !data && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      {data && (
        <>
          {data.truncatedAt !== null && (
            <p class="notice notice--info" data-testid="metrics-truncated">
              {i18n.t('ui.console.metrics_truncated', { count: data.truncatedAt })}
            </p>
          )}
          <dl class="stats">
            <div>
              <dt>{i18n.t('ui.console.median_response')}</dt>
              <dd data-testid="median-response">
                {data.medianLeadResponseMinutes === null ? '–' : i18n.duration(data.medianLeadResponseMinutes)}
              </dd>
              <dd class="stats__note">{i18n.t('ui.console.median_response_hint')}</dd>
            </div>
            <div>
              <dt>{i18n.t('ui.console.answer_share')}</dt>
              <dd data-testid="answer-share">{percent(data.approvedAnswerShare)}</dd>
            </div>
            <div>
              <dt>{i18n.t('ui.console.due_for_review')}</dt>
              <dd>{due.length}</dd>
            </div>
            <div>
              <dt>{i18n.t('ui.console.flagged_changes')}</dt>
              <dd data-testid="flagged-changes">{data.flaggedChanges}</dd>
            </div>
          </dl>
          <h3>{i18n.t('ui.console.per_day')}</h3>
          <div class="legend small">
            <span class="swatch swatch--requested" /> {i18n.t('ui.console.requested')} <span class="swatch swatch--escalated" />{' '}
            {i18n.t('ui.console.escalated')}
          </div>
          <BarChart
            labels={data.perDay.map((d) => d.day)}
            series={[
              { label: i18n.t('ui.console.requested'), className: 'bar--requested', values: data.perDay.map((d) => d.requested) },
              { label: i18n.t('ui.console.escalated'), className: 'bar--escalated', values: data.perDay.map((d) => d.escalated) },
            ]}
          />
          <table class="table table--compact" data-testid="per-day">
            <caption class="small muted">{i18n.t('ui.console.per_day_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('ui.console.day')}</th>
                <th scope="col">{i18n.t('ui.console.requested')}</th>
                <th scope="col">{i18n.t('ui.console.escalated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.perDay.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{i18n.date(`${d.day}T12:00:00Z`)}</th>
                  <td>{d.requested}</td>
                  <td>{d.escalated}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{i18n.t('ui.console.top_answers')}</h3>
          {data.topAnswers.length === 0 ? (
            <p class="muted">{i18n.t('ui.console.none')}</p>
          ) : (
            <table class="table table--compact" data-testid="top-answers">
              <thead>
                <tr>
                  <th scope="col">{i18n.t('ui.console.col_answer')}</th>
                  <th scope="col">{i18n.t('ui.console.col_uses_days', { days: data.days })}</th>
                </tr>
              </thead>
              <tbody>
                {data.topAnswers.map((a) => (
                  <tr key={a.answerId}>
                    <td>{titles.get(a.answerId) ?? a.answerId}</td>
                    <td>{a.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {due.length > 0 && (
            <>
              <h3>{i18n.t('ui.console.due_for_review')}</h3>
              <ul>
                {due.map((r) => (
                  <li key={r.answer.id}>{shortText(r.answer.title)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
