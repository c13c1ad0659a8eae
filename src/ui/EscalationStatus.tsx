import type { Report } from '../app/action';
import { useServices } from '../app/services';
import { errorMessage } from './errorMessage';
import { StatusLine } from './Status';

/**
 * The status line after an escalation decision, wherever it was taken: a conflict names the
 * state someone else left the ticket in, a failure says the ticket was not changed.
 */
export function EscalationStatusLine({ report }: { report: Report | null }) {
  const { i18n } = useServices();
  return (
    <StatusLine
      report={report}
      urgent
      describe={(outcome) =>
        outcome.kind === 'conflict'
          ? i18n.t('ui.escalation.conflict', { state: i18n.t(`ui.escalation.state_${String(outcome.current)}`) })
          : outcome.kind === 'failed'
            ? `${errorMessage(outcome.error, i18n.t)} ${i18n.t('ui.escalation.nothing_changed')}`
            : undefined
      }
    />
  );
}
