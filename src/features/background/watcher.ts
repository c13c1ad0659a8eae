import type { LeadAccess } from '../../app/lead';
import type { AppSettings } from '../../domain/settings';
import { escapeHtml, shortText } from '../../domain/text';
import { searchTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import type { I18n } from '../../i18n';

const WATCH_INTERVAL_MS = 5 * 60 * 1000;
/** Zendesk: "It can take up to a few minutes for new tickets ... to be indexed for search". */
const INDEX_LAG_MS = 10 * 60 * 1000;

/**
 * Tells a lead about new escalation requests without opening the ticket: the background
 * location asks Zendesk search for requested tickets every few minutes and shows a Zendesk
 * notice for each one not seen before. Only leads, and only when notify_leads is on.
 *
 * Search finds a change only once it is indexed, which can be after the check that should have
 * found it, so each check looks back over the index lag again (never before the watcher
 * started) and a ticket already notified about is skipped.
 */
export function startRequestWatcher(deps: {
  host: HostClient;
  settings: AppSettings;
  lead: LeadAccess;
  i18n: I18n;
  intervalMs?: number;
  now?: () => Date;
}): () => void {
  const { host, settings, lead, i18n, intervalMs = WATCH_INTERVAL_MS, now = () => new Date() } = deps;
  if (!settings.notifyLeads) return () => undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const startedAt = now().getTime();
  let since = startedAt;
  const seen = new Set<number>();

  async function check() {
    const checkedAt = now().getTime();
    const from = new Date(Math.max(startedAt, since - INDEX_LAG_MS)).toISOString();
    try {
      const { tickets } = await searchTickets(host, `tags:escalation_requested updated>${from}`, 1, 100);
      for (const ticket of tickets) {
        if (seen.has(ticket.id)) continue;
        seen.add(ticket.id);
        // Zendesk renders a notice as HTML: the customer's subject goes in as escaped, shortened text.
        const subject = escapeHtml(shortText(ticket.subject));
        await host.invoke('notify', i18n.t('ui.background.new_request', { id: ticket.id, subject }), 'notice', {
          sticky: true,
        });
      }
      since = checkedAt;
    } catch {
      // A failed check is retried at the next interval; nothing is lost because `since` stays put.
    }
  }

  void lead.cached().then(
    (status) => {
      if (stopped || !status.isLead) return;
      timer = setInterval(() => void check(), intervalMs);
    },
    () => undefined,
  );

  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
