import type { Report } from '../app/action';
import { useServices } from '../app/services';
import { errorMessage } from './errorMessage';

interface StatusLineProps {
  report: Report | null;
  /** Other words for an outcome (e.g. a conflict that names the state it found); undefined keeps the usual ones. */
  describe?: (outcome: Report['outcome']) => string | undefined;
  /** Announce a failure at once (role=alert) instead of politely. */
  urgent?: boolean;
}

/** The one status line under a panel's or a tab's actions: what the last action did, or why it did not. */
export function StatusLine({ report, describe, urgent }: StatusLineProps) {
  const { i18n } = useServices();
  const outcome = report?.outcome;
  const ok = !outcome || outcome.kind === 'done';
  const text = !outcome
    ? ''
    : (describe?.(outcome) ??
      (outcome.kind === 'done'
        ? i18n.t(report.done)
        : outcome.kind === 'conflict'
          ? i18n.t(report.conflict ?? 'ui.common.error_generic')
          : outcome.kind === 'refused'
            ? i18n.t(outcome.reason, outcome.vars)
            : errorMessage(outcome.error, i18n.t)));
  return (
    <p class={ok ? 'status' : 'status status--error'} role={urgent && !ok ? 'alert' : 'status'} aria-live="polite">
      {text}
    </p>
  );
}
