import { computed } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useModel } from '../../app/model';
import { useServices } from '../../app/services';
import { stableList } from '../../app/memo';
import { approvalTime } from '../../domain/answers/issues';
import type { Comparison } from '../../domain/answers/issues';
import { isStatement } from '../../domain/answers/knownIssue';
import type { ResolutionShare } from '../../domain/answers/outcomes';
import { METRIC_WINDOWS } from '../../domain/metrics';
import { shortText } from '../../domain/text';
import { BarChart } from '../../ui/BarChart';
import { ErrorNotice, Loading } from '../../ui/Panel';
import { useShownRows } from '../../ui/ShowMore';
import { loadTextAnalysis } from '../sidebar/chunks';
import { DataTable } from './DataTable';
import type { LibraryModel } from './library';
import { createMetricsModel } from './metrics';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const resolved = (r: ResolutionShare) => (r.solved ? `${percent(r.oneTouch / r.solved)} (${r.oneTouch}/${r.solved})` : '–');
/** Answers with a comparison first, the latest approved first. */
const comparedFirst = (c: Comparison) => (c.kind === 'compared' ? 0 : c.kind === 'outside' ? 1 : 2);

export function MetricsTab({ library }: { library: LibraryModel }) {
  const { host, lead, now, i18n, settings, cache } = useServices();
  // Built when the tab is shown: the matcher's chunk is not downloaded before.
  const model = useModel(() => {
    // Worked out once per change of the library, however many figures ask (thousands of rows).
    const approved = computed(() => library.completeRows.value.filter((r) => r.answer.status === 'approved'));
    // An approval checked anew changes the rows, not the ids: the figures by answer are not worked out again.
    const sameIds = stableList<string>();
    const approvedIds = computed(() => sameIds(approved.value.map((r) => r.answer.id)));
    const rowsById = computed(() => new Map(library.completeRows.value.map((r) => [r.answer.id.toLowerCase(), r])));
    const due = computed(() => library.completeRows.value.filter((r) => r.answer.status === 'approved' && r.overdue));
    const issueAnswers = computed(() =>
      approved.value
        .filter((r) => !isStatement(r.answer))
        .map((r) => ({ answer: r.answer, approvedAt: r.approval ? approvalTime(r.answer, r.approval) : undefined })),
    );
    // Answers the matcher offers (not statements, not retired ones): only they have a "shown" figure.
    const matchable = computed(() => new Set(issueAnswers.value.map((a) => a.answer.id.toLowerCase())));
    const metrics = createMetricsModel({
      host,
      lead,
      now,
      cache,
      leadResponseMinutes: settings.leadResponseMinutes,
      approvedIds: () => approvedIds.value,
      issueAnswers: () => issueAnswers.value,
      proposals: () => {
        const feedback = library.feedback.value;
        return feedback.status === 'ready' ? feedback.data.filter((r) => r.custom_object_fields.kind === 'example') : [];
      },
      analysis: loadTextAnalysis,
    });
    return { ...metrics, matchable, rowsById, due };
  });
  useEffect(() => void model.load(), [model]);
  const state = model.metrics.value;
  const data = 'data' in state ? state.data : undefined;
  const outcomes = model.outcomes.value;
  const issues = model.issues.value;
  const analysis = model.analysis.value;
  const shownCell = (id: string) => (!model.matchable.value.has(id) ? '–' : issues ? (issues.shown.get(id) ?? 0) : '…');
  const due = model.due.value;
  const t = i18n.t;
  const rowsById = model.rowsById.value;
  /** An answer's title; one marked approved whose approval Zendesk's records do not (yet) bear out says so, as in the library. */
  const title = (id: string) => {
    const row = rowsById.get(id);
    const name = shortText(row?.answer.title ?? id);
    if (!row?.check || row.check === 'verified') return name;
    return `${name} (${t(`ui.console.status_${row.check}`)})`;
  };

  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">{t('ui.console.metrics_title')}</h2>
      <div class="row" role="group" aria-label={t('ui.console.window')}>
        {METRIC_WINDOWS.map((d) => (
          <button
            key={d}
            type="button"
            class={model.days.value === d ? 'btn btn--small btn--primary' : 'btn btn--small'}
            aria-pressed={model.days.value === d}
            onClick={() => void model.load(d)}
          >
            {t('ui.console.last_days', { days: d })}
          </button>
        ))}
      </div>
      {state.status === 'loading' && !data && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      {data && outcomes && (
        <>
          {data.truncatedAt !== null && (
            <p class="notice notice--info" data-testid="metrics-truncated">
              {t('ui.console.metrics_truncated', { count: data.truncatedAt })}
            </p>
          )}
          <dl class="stats">
            <div>
              <dt>{t('ui.console.escalation_rate')}</dt>
              <dd data-testid="escalation-rate">{percent(data.rate.rate)}</dd>
              <dd class="stats__note">
                {t('ui.console.escalation_rate_hint', { escalated: data.rate.escalated, solved: data.rate.solved })}
              </dd>
            </div>
            <div>
              <dt>{t('ui.console.median_response')}</dt>
              <dd data-testid="median-response">
                {data.decisions.medianMinutes === null ? '–' : i18n.duration(data.decisions.medianMinutes)}
              </dd>
              <dd class="stats__note">{t('ui.console.median_response_hint')}</dd>
            </div>
            <div>
              <dt>{t('ui.console.within_target', { target: i18n.duration(settings.leadResponseMinutes) })}</dt>
              <dd data-testid="within-target">{percent(data.decisions.withinTarget)}</dd>
            </div>
            <div>
              <dt>{t('ui.console.declined')}</dt>
              <dd data-testid="declined">{data.decisions.declined}</dd>
            </div>
            <div>
              <dt>{t('ui.console.answer_share')}</dt>
              <dd data-testid="answer-share">{percent(data.approvedAnswerShare)}</dd>
            </div>
            <div>
              <dt>{t('ui.console.due_for_review')}</dt>
              <dd>{due.length}</dd>
            </div>
            <div>
              <dt>{t('ui.console.flagged_changes')}</dt>
              <dd data-testid="flagged-changes">{data.flaggedChanges}</dd>
            </div>
          </dl>
          <h3>{t('ui.console.by_team')}</h3>
          <DataTable
            testId="by-team"
            file={`teams-${data.days}-days`}
            columns={[t('ui.console.col_team'), t('ui.console.escalated'), t('ui.console.col_solved'), t('ui.console.escalation_rate')]}
            rows={data.teams.map((team) => ({
              key: String(team.groupId),
              cells: [
                team.groupId === null ? t('ui.console.no_team') : shortText(team.name ?? t('ui.console.team_id', { id: team.groupId })),
                team.escalated,
                team.solved,
                percent(team.rate),
              ],
            }))}
          />
          <h3>{t('ui.console.per_day')}</h3>
          <div class="legend small">
            <span class="swatch swatch--requested" /> {t('ui.console.requested')} <span class="swatch swatch--escalated" />{' '}
            {t('ui.console.escalated')}
          </div>
          <BarChart
            labels={data.perDay.map((d) => d.day)}
            series={[
              { label: t('ui.console.requested'), className: 'bar--requested', values: data.perDay.map((d) => d.requested) },
              { label: t('ui.console.escalated'), className: 'bar--escalated', values: data.perDay.map((d) => d.escalated) },
            ]}
          />
          <DataTable
            testId="per-day"
            file={`escalations-${data.days}-days`}
            caption={t('ui.console.per_day_caption')}
            columns={[t('ui.console.day'), t('ui.console.requested'), t('ui.console.escalated')]}
            rows={data.perDay.map((d) => ({ key: d.day, cells: [i18n.date(`${d.day}T12:00:00Z`), d.requested, d.escalated] }))}
          />
          <h3>{t('ui.console.top_answers')}</h3>
          {(data.metricsPartial || outcomes.unmeasured > 0) && (
            <p class="notice notice--info" data-testid="metrics-partial">
              {t('ui.console.metrics_partial')}
            </p>
          )}
          {outcomes.answers.length === 0 ? (
            <p class="muted">{t('ui.console.none')}</p>
          ) : (
            <DataTable
              testId="top-answers"
              file={`answers-${data.days}-days`}
              columns={[
                t('ui.console.col_answer'),
                t('ui.console.col_uses_days', { days: data.days }),
                t('ui.console.col_shown'),
                t('ui.console.col_misfits'),
                t('ui.console.col_reopened'),
                t('ui.console.col_one_touch'),
              ]}
              rows={outcomes.answers.map((a) => ({
                key: a.answerId,
                cells: () => [title(a.answerId), a.used, shownCell(a.answerId), a.misfits, a.reopened, resolved(a.resolution)],
              }))}
            />
          )}
          <p class="small muted" data-testid="shown-note">
            {t('ui.console.shown_note')}
          </p>
          <h3>{t('ui.console.around_title')}</h3>
          {analysis.status === 'error' && <ErrorNotice error={analysis.error} onRetry={() => void model.load()} />}
          {data.truncatedAt !== null && (
            <p class="notice notice--info" data-testid="around-partial">
              {t('ui.console.issues_partial', { count: data.truncatedAt })}
            </p>
          )}
          {!issues ? (
            analysis.status !== 'error' && (
              <p class="muted" role="status" data-testid="issues-matching">
                {t('ui.console.issues_matching')}
              </p>
            )
          ) : (
            <DataTable
              testId="around-approval"
              file={`escalations-around-approval-${data.days}-days`}
              caption={t('ui.console.around_caption')}
              columns={[
                t('ui.console.col_answer'),
                t('ui.console.col_approved_on'),
                t('ui.console.col_days_each_side'),
                t('ui.console.col_before'),
                t('ui.console.col_after'),
                t('ui.console.col_change'),
              ]}
              rows={[...issues.around]
                .sort(
                  (a, b) =>
                    comparedFirst(a.comparison) - comparedFirst(b.comparison) || (b.approvedAt ?? '').localeCompare(a.approvedAt ?? ''),
                )
                .map(({ answerId, approvedAt, comparison: c }) => ({
                  key: answerId,
                  cells: [
                    title(answerId),
                    approvedAt ? i18n.date(approvedAt) : '–',
                    ...(c.kind === 'compared'
                      ? [Math.round(c.days), c.before, c.after, c.after - c.before]
                      : ['–', '–', '–', t(c.kind === 'outside' ? 'ui.console.around_outside' : 'ui.console.around_unverified')]),
                  ],
                }))}
            />
          )}
          <h3>{t('ui.console.one_touch_title')}</h3>
          <DataTable
            testId="one-touch"
            file={`one-touch-${data.days}-days`}
            caption={t('ui.console.one_touch_caption')}
            columns={[t('ui.console.col_tickets'), t('ui.console.col_one_touch')]}
            rows={[
              { key: 'with', cells: [t('ui.console.with_answer'), resolved(outcomes.withAnswer)] },
              { key: 'without', cells: [t('ui.console.without_answer'), resolved(outcomes.withoutAnswer)] },
            ]}
          />
          <h3>{t('ui.console.unused_title', { days: data.days })}</h3>
          {outcomes.unused.length === 0 ? (
            <p class="muted">{t('ui.console.none')}</p>
          ) : (
            <TitleList testId="unused-answers" ids={outcomes.unused} title={title} />
          )}
          {due.length > 0 && (
            <>
              <h3>{t('ui.console.due_for_review')}</h3>
              <TitleList ids={due.map((r) => r.answer.id.toLowerCase())} title={title} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Answers by title, a long list (every approved answer of a large library may be unused) a page at a time. */
function TitleList({ ids, title, testId }: { ids: string[]; title: (id: string) => string; testId?: string }) {
  const { shown, more } = useShownRows(ids);
  return (
    <>
      <ul data-testid={testId}>
        {shown.map((id) => (
          <li key={id}>{title(id)}</li>
        ))}
      </ul>
      {more}
    </>
  );
}
