import { useEffect } from 'preact/hooks';
import { useServices } from '../../app/services';
import { browserStorage } from '../../app/storage';
import { connectSharedMatcher } from '../answers/sharedMatcher';
import { startDecisionWatcher, startRequestWatcher, startSendBackWatcher } from './watcher';

/**
 * The background location: no UI, only notices (new requests for leads, decisions for the agent
 * who asked, proposals a lead sent back for their proposer). It lives as long as the agent's
 * session, so it also keeps the session's matcher alive between tickets (sharedMatcher.ts).
 */
export default function BackgroundView() {
  const { host, settings, lead, i18n, cache } = useServices();
  useEffect(() => void connectSharedMatcher(), []);
  useEffect(() => {
    const stops = [
      startRequestWatcher({ host, settings, lead, i18n }),
      startDecisionWatcher({ host, lead, i18n }),
      startSendBackWatcher({ host, lead, i18n, cache, storage: browserStorage('localStorage') }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [host, settings, lead, i18n, cache]);
  return null;
}
