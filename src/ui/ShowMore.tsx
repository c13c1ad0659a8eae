import { useState } from 'preact/hooks';
import { useServices } from '../app/services';

/** Rows a long figures table or list shows at first, and adds with each "Show more". */
const SHOWN_ROWS = 100;

/** Under a long list: how many of its rows are on screen, and a button that shows more of them. */
function ShowMore({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  const { i18n } = useServices();
  if (shown >= total) return null;
  return (
    <div class="row">
      <span class="small muted">{i18n.t('ui.console.showing', { shown: i18n.number(shown), total: i18n.number(total) })}</span>
      <button type="button" class="btn btn--small" onClick={onMore}>
        {i18n.t('ui.console.show_more')}
      </button>
    </div>
  );
}

/**
 * The first rows of a long list, and its "Show more": thousands of rows rendered at once (the
 * metrics of a library of 5,000 answers) would block the page for half a second. A new `list`
 * (another filter, search or order of the same rows) starts at its top again.
 */
export function useShownRows<T>(rows: readonly T[], { step = SHOWN_ROWS, list = '' }: { step?: number; list?: string } = {}) {
  const [held, setHeld] = useState({ list, limit: step });
  const limit = held.list === list ? held.limit : step;
  return {
    shown: rows.length > limit ? rows.slice(0, limit) : rows,
    more: <ShowMore shown={Math.min(limit, rows.length)} total={rows.length} onMore={() => setHeld({ list, limit: limit + step })} />,
  };
}
