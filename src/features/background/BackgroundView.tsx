import { useEffect } from 'preact/hooks';
import { useServices } from '../../app/services';
import { startDecisionWatcher, startRequestWatcher } from './watcher';

/** The background location: no UI, only notices (new requests for leads, decisions for the agent who asked). */
export default function BackgroundView() {
  const { host, settings, lead, i18n } = useServices();
  useEffect(() => {
    const stops = [startRequestWatcher({ host, settings, lead, i18n }), startDecisionWatcher({ host, lead, i18n })];
    return () => stops.forEach((stop) => stop());
  }, [host, settings, lead, i18n]);
  return null;
}
