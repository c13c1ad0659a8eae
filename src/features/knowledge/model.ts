import { computed, effect } from '@preact/signals';
import { createResource } from '../../app/resource';
import type { AppSettings } from '../../domain/settings';
import { searchArticles, type Article } from '../../host/api/helpCenter';
import type { HostClient } from '../../host/client';
import type { TicketModel } from '../ticket/model';

export type KnowledgeModel = ReturnType<typeof createKnowledgeModel>;

export function createKnowledgeModel(deps: { host: HostClient; settings: AppSettings; ticket: TicketModel }) {
  const { host, settings, ticket } = deps;
  const suggestions = createResource<Article[]>();
  const query = computed(() => ticket.subject.value.trim());
  const locale = computed(() => ticket.requester.value?.locale?.toLowerCase() || settings.helpCenterLocale);
  let searched: string | null = null;

  function search(force = false) {
    const q = query.value;
    const key = `${locale.value}\u0000${q}`;
    if (!q || (!force && key === searched)) return;
    searched = key;
    void suggestions.run(() => searchArticles(host, { query: q, locale: locale.value, perPage: settings.suggestionCount }));
  }

  // Searches again only when the customer's text changes, never on re-render.
  const stop = effect(() => search());

  return {
    suggestions: suggestions.state,
    query,
    retry: () => search(true),
    dispose: stop,
  };
}
