import { useEffect } from 'preact/hooks';
import { useServices } from '../../app/services';
import { startRequestWatcher } from './watcher';

/** The background location: no UI, only the lead notifications. */
export default function BackgroundView() {
  const { host, settings, lead, i18n } = useServices();
  useEffect(() => startRequestWatcher({ host, settings, lead, i18n }), [host, settings, lead, i18n]);
  return null;
}
