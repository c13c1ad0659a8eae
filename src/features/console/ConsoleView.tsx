import { useServices } from '../../app/services';

/** The lead console in Zendesk's nav bar. */
export default function ConsoleView() {
  const { i18n } = useServices();
  return (
    <main class="console">
      <h1>{i18n.t('ui.console.title')}</h1>
      <p class="muted">{i18n.t('ui.console.leads_only')}</p>
    </main>
  );
}
