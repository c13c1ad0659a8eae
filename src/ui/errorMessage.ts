import {
  ApiError,
  HostPathError,
  HostTimeoutError,
  InvalidPayloadError,
  RecordTooLargeError,
  TooManyPagesError,
  WriteNotAppliedError,
  WriteUncertainError,
} from '../host/errors';
import { AppError } from '../app/errors';
import type { I18n } from '../i18n';

/** One actionable, translated sentence for any failure: the app's own (by key) and the host layer's; never an error's raw text. */
export function errorMessage(error: unknown, t: I18n['t']): string {
  if (error instanceof AppError) return t(error.key, error.vars);
  if (error instanceof ApiError) {
    if (error.status === 0) return t('ui.common.error_network');
    if (error.status === 429) {
      // Zendesk's Retry-After is in seconds; a ticket's update limit can ask for up to ten minutes.
      const seconds = error.retryAfterSeconds ?? 30;
      return seconds > 90
        ? t('ui.common.error_rate_limited_minutes', { minutes: Math.ceil(seconds / 60) })
        : t('ui.common.error_rate_limited', { seconds });
    }
    if (error.status === 401 || error.status === 403) return t('ui.common.error_forbidden');
    if (error.status === 404) return t('ui.common.error_not_found');
    return t('ui.common.error_status', { status: error.status });
  }
  if (error instanceof WriteUncertainError) return t('ui.common.error_maybe_applied');
  if (error instanceof WriteNotAppliedError) return t('ui.common.error_not_applied');
  if (error instanceof HostTimeoutError) return t('ui.common.error_timeout');
  if (error instanceof TooManyPagesError) return t('ui.common.error_too_many');
  if (error instanceof RecordTooLargeError) return t('ui.common.error_too_large', { kb: error.maxBytes / 1024 });
  if (error instanceof InvalidPayloadError) return t('ui.common.error_invalid');
  if (error instanceof HostPathError) return t('ui.common.error_generic');
  return t('ui.common.error_generic');
}
