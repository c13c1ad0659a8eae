import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import type { EscalationAction } from '../../domain/escalation';
import type { QueueFilter } from '../../domain/queue';
import { longText, shortText } from '../../domain/text';
import { EscalationStatusLine } from '../../ui/EscalationStatus';
import { ErrorNotice, FormButtons, Loading } from '../../ui/Panel';
import { createQueueModel, type QueueItem } from './queue';

type QueueModel = ReturnType<typeof createQueueModel>;

const STATUS_FILTERS: readonly { value: QueueFilter['status']; key: string }[] = [
  { value: 'all', key: 'ui.console.filter_all' },
  { value: 'overdue', key: 'ui.escalation.overdue' },
  { value: 'requested', key: 'ui.escalation.state_requested' },
  { value: 'escalated', key: 'ui.escalation.state_escalated' },
];

/** The lead's decisions a queue row offers in each state (the rules in domain/escalation decide again on submit). */
const ROW_ACTIONS: Record<QueueItem['state'], readonly EscalationAction[]> = {
  requested: ['escalate', 'decline'],
  escalated: ['resolve'],
};

const id = (value: string) => (value === '' ? null : Number(value));

interface Option {
  value: string;
  label: string;
}

/** One labelled filter of the queue. */
function FilterSelect(props: { id: string; label: string; value: string; options: Option[]; onChange: (value: string) => void }) {
  return (
    <div class="queue-filter">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ model }: { model: QueueModel }) {
  const { i18n } = useServices();
  const filter = model.filter.value;
  const groups = model.groups.value;
  const assignees = [...model.assignees.value].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <div class="row queue-filters">
      <FilterSelect
        id="queue-filter-status"
        label={i18n.t('ui.console.filter_status')}
        value={filter.status}
        options={STATUS_FILTERS.map((option) => ({ value: option.value, label: i18n.t(option.key) }))}
        onChange={(value) => void model.setFilter({ status: value as QueueFilter['status'] })}
      />
      <FilterSelect
        id="queue-filter-group"
        label={i18n.t('ui.console.filter_group')}
        value={String(filter.groupId ?? '')}
        options={[
          { value: '', label: i18n.t('ui.console.filter_any_group') },
          ...(groups.status === 'ready' ? groups.data.map((group) => ({ value: String(group.id), label: shortText(group.name) })) : []),
        ]}
        onChange={(value) => void model.setFilter({ groupId: id(value) })}
      />
      <FilterSelect
        id="queue-filter-assignee"
        label={i18n.t('ui.console.filter_assignee')}
        value={String(filter.assigneeId ?? '')}
        options={[
          { value: '', label: i18n.t('ui.console.filter_anyone') },
          ...assignees.map(([userId, name]) => ({ value: String(userId), label: shortText(name) })),
        ]}
        onChange={(value) => void model.setFilter({ assigneeId: id(value) })}
      />
    </div>
  );
}

/** Time left to the lead response target, how far past it, or how long the ticket has been escalated. */
function timeLeft(item: QueueItem, i18n: ReturnType<typeof useServices>['i18n'], now: Date): string {
  if (item.age) {
    return item.age.overdue
      ? i18n.t('ui.console.time_over', { duration: i18n.duration(-item.age.remainingMinutes) })
      : i18n.t('ui.console.time_left', { duration: i18n.duration(item.age.remainingMinutes) });
  }
  if (item.state === 'escalated' && item.escalatedAt) {
    return i18n.t('ui.console.time_escalated', { duration: i18n.duration((now.getTime() - Date.parse(item.escalatedAt)) / 60_000) });
  }
  return '–';
}

function RowActions({ item, model }: { item: QueueItem; model: QueueModel }) {
  const { i18n } = useServices();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const busy = model.act.busy.value;
  const label = (action: EscalationAction) => i18n.t(`ui.escalation.${action}`);
  if (declining) {
    const submit = async (event: Event) => {
      event.preventDefault();
      const result = await model.act.run(item, 'decline', reason);
      if (result.kind !== 'failed') setDeclining(false);
    };
    return (
      <form class="inline-form" onSubmit={(e) => void submit(e)}>
        <label for={`decline-${item.ticket.id}`}>{i18n.t('ui.escalation.reason_decline')}</label>
        <textarea
          id={`decline-${item.ticket.id}`}
          required
          maxLength={2000}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
        <FormButtons label={label('decline')} disabled={!reason.trim() || busy} onCancel={() => setDeclining(false)} />
      </form>
    );
  }
  return (
    <div class="row">
      {ROW_ACTIONS[item.state].map((action) => (
        <button
          key={action}
          type="button"
          class={action === 'escalate' ? 'btn btn--small btn--primary' : 'btn btn--small'}
          disabled={busy}
          onClick={() => (action === 'decline' ? setDeclining(true) : void model.act.run(item, action))}
        >
          {label(action)}
        </button>
      ))}
    </div>
  );
}

export function QueueTab() {
  const { host, lead, settings, i18n, now, cache } = useServices();
  const model = useMemo(() => createQueueModel({ host, lead, settings, i18n, now, cache }), [host, lead, settings, i18n, now, cache]);
  useEffect(() => void model.load(1), [model]);
  const state = model.page.value;
  const data = 'data' in state ? state.data : undefined;
  const at = now();
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">{i18n.t('ui.console.queue_title')}</h2>
      <Filters model={model} />
      {data && (
        <p class="row queue-counts small" data-testid="queue-counts">
          {data.overdue !== null && <span class="badge badge--overdue">{i18n.t('ui.console.count_overdue', { count: data.overdue })}</span>}
          <span class="badge badge--requested">{i18n.t('ui.console.count_requested', { count: data.requests })}</span>
          <span class="badge badge--escalated">{i18n.t('ui.console.count_escalated', { count: data.escalated })}</span>
          {/* Search trails Zendesk's writes: a request made a moment ago shows on a later read. */}
          <button
            type="button"
            class="btn btn--small"
            title={i18n.t('ui.console.queue_lag')}
            disabled={state.status === 'loading'}
            onClick={() => void model.load()}
          >
            {i18n.t('ui.console.queue_refresh')}
          </button>
        </p>
      )}
      {state.status === 'loading' && !data && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      {data && data.limit !== null && (
        <p class="notice notice--info" data-testid="queue-limited">
          {i18n.t('ui.console.queue_limited', { count: data.requests + data.escalated, limit: data.limit })}
        </p>
      )}
      <div data-testid="queue-status">
        <EscalationStatusLine report={model.status.value} />
      </div>
      {data && data.items.length === 0 && (
        <p class="muted">
          {i18n.t('ui.console.queue_empty')} {i18n.t('ui.console.queue_lag')}
        </p>
      )}
      {data && data.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('ui.console.col_ticket')}</th>
              <th scope="col">{i18n.t('ui.console.col_status')}</th>
              <th scope="col">{i18n.t('ui.console.col_waiting')}</th>
              <th scope="col">{i18n.t('ui.console.col_time_left')}</th>
              <th scope="col">{i18n.t('ui.console.col_requested_by')}</th>
              <th scope="col">{i18n.t('ui.console.col_assignee')}</th>
              <th scope="col">{i18n.t('ui.console.col_priority')}</th>
              <th scope="col">{i18n.t('ui.console.col_reason')}</th>
              <th scope="col">{i18n.t('ui.console.col_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.ticket.id} class={item.age?.overdue ? 'row--overdue' : ''} data-testid="queue-row">
                <td>
                  <button type="button" class="link-button" onClick={() => void model.open(item.ticket.id)}>
                    #{item.ticket.id} {shortText(item.ticket.subject)}
                  </button>
                </td>
                <td>
                  <span class={`badge badge--${item.age?.overdue ? 'overdue' : item.state}`}>
                    {item.age?.overdue ? i18n.t('ui.escalation.overdue') : i18n.t(`ui.escalation.state_${item.state}`)}
                  </span>
                </td>
                <td>{item.requestedAt ? i18n.relativeTime(item.requestedAt, at) : '–'}</td>
                <td data-testid="queue-time-left">{timeLeft(item, i18n, at)}</td>
                <td data-testid="queue-requested-by">{item.requestedBy ? shortText(item.requestedBy) : '–'}</td>
                <td data-testid="queue-assignee">{item.assignee ? shortText(item.assignee) : '–'}</td>
                <td data-testid="queue-priority">{item.ticket.priority ? i18n.t(`ui.console.priority_${item.ticket.priority}`) : '–'}</td>
                <td class="cell-text">
                  {longText(item.reason)}
                  {item.flagged > 0 && (
                    <span class="badge badge--overdue" data-testid="queue-flag">
                      {i18n.t('ui.console.queue_flagged', { count: item.flagged })}
                    </span>
                  )}
                </td>
                <td>
                  <RowActions item={item} model={model} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (data.page > 1 || data.hasNext) && (
        <nav class="row pager" aria-label={i18n.t('ui.console.pages')}>
          <button type="button" class="btn btn--small" disabled={data.page <= 1} onClick={() => void model.load(data.page - 1)}>
            {i18n.t('ui.console.previous')}
          </button>
          <span class="small muted">{i18n.t('ui.console.page', { page: data.page, count: data.requests + data.escalated })}</span>
          <button type="button" class="btn btn--small" disabled={!data.hasNext} onClick={() => void model.load(data.page + 1)}>
            {i18n.t('ui.console.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
