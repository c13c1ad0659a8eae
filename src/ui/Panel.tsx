import type { ComponentChildren } from 'preact';
import { useServices } from '../app/services';
import { errorMessage } from './errorMessage';

interface PanelProps {
  id: string;
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}

/** A titled sidebar section; its heading names the region for screen readers. */
export function Panel({ id, title, children, actions }: PanelProps) {
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-panel={id}>
      <header class="panel__header">
        <h2 class="panel__title" id={`${id}-title`}>
          {title}
        </h2>
        {actions}
      </header>
      <div class="panel__body">{children}</div>
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const { i18n } = useServices();
  return (
    <p class="muted" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label ?? i18n.t('ui.common.loading')}
    </p>
  );
}

/** A failure that leaves the panel working: the box's class, its test id and the sentence giving Zendesk's reason as {{reason}}. */
interface Warning {
  box: string;
  testId: string;
  key: string;
}

/**
 * The failure of one panel: a clear message and a retry, while the other panels keep working. As
 * a `warning`, no alert: a part of the panel failed and the rest of it works.
 */
export function ErrorNotice({ error, onRetry, warning }: { error: unknown; onRetry?: () => void; warning?: Warning }) {
  const { i18n } = useServices();
  const reason = errorMessage(error, i18n.t);
  return (
    <div class={warning?.box ?? 'notice notice--error'} role={warning ? undefined : 'alert'} data-testid={warning?.testId}>
      <p>{warning ? i18n.t(warning.key, { reason }) : reason}</p>
      {onRetry && (
        <button type="button" class="btn btn--small" onClick={onRetry}>
          {i18n.t('ui.common.retry')}
        </button>
      )}
    </div>
  );
}

/** A small button acting on one item of a list; its accessible name says which ("Approve: <title>"). */
export function ItemAction({ label, item, primary, onClick }: { label: string; item: string; primary?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class={primary ? 'btn btn--small btn--primary' : 'btn btn--small'}
      aria-label={`${label}: ${item}`}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

/** The buttons under a small inline form in a panel: send, and cancel. */
export function FormButtons({ label, disabled, onCancel }: { label: string; disabled: boolean; onCancel: () => void }) {
  const { i18n } = useServices();
  return (
    <div class="row">
      <button type="submit" class="btn btn--small btn--primary" disabled={disabled}>
        {label}
      </button>
      <button type="button" class="btn btn--small" onClick={onCancel}>
        {i18n.t('ui.common.cancel')}
      </button>
    </div>
  );
}
