import { useEffect, useMemo } from 'preact/hooks';
import { useServices } from '../../app/services';
import { longText, shortText } from '../../domain/text';
import { ErrorNotice, Loading } from '../../ui/Panel';
import { createQueueModel } from './queue';

export function QueueTab() {
  const { host, lead, settings, i18n, now } = useServices();
  const model = useMemo(() => createQueueModel(host, lead, settings, now), [host, lead, settings, now]);
  useEffect(() => void model.load(1), [model]);
  const state = model.page.value;
  const data = 'data' in state ? state.data : undefined;
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">{i18n.t('ui.console.queue_title')}</h2>
      {state.status === 'loading' && !data && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void model.load()} />}
      {data && data.limit !== null && (
        <p class="notice notice--info" data-testid="queue-limited">
          {i18n.t('ui.console.queue_limited', { count: data.count, limit: data.limit })}
        </p>
      )}
      {data && data.items.length === 0 && <p class="muted">{i18n.t('ui.console.queue_empty')}</p>}
      {data && data.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('ui.console.col_ticket')}</th>
              <th scope="col">{i18n.t('ui.console.col_status')}</th>
              <th scope="col">{i18n.t('ui.console.col_waiting')}</th>
              <th scope="col">{i18n.t('ui.console.col_requester')}</th>
              <th scope="col">{i18n.t('ui.console.col_reason')}</th>
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
                <td>
                  {item.requestedAt ? i18n.relativeTime(item.requestedAt, now()) : '–'}
                  {item.age && <span class="small muted"> / {i18n.t('ui.console.target', { minutes: settings.leadResponseMinutes })}</span>}
                </td>
                <td>{shortText(item.requester)}</td>
                <td class="cell-text">
                  {longText(item.reason)}
                  {item.flagged > 0 && (
                    <span class="badge badge--overdue" data-testid="queue-flag">
                      {i18n.t('ui.console.queue_flagged', { count: item.flagged })}
                    </span>
                  )}
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
          <span class="small muted">{i18n.t('ui.console.page', { page: data.page, count: data.count })}</span>
          <button type="button" class="btn btn--small" disabled={!data.hasNext} onClick={() => void model.load(data.page + 1)}>
            {i18n.t('ui.console.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
