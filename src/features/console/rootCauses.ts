import { computed, signal, type Signal } from '@preact/signals';
import { conflict, createAction, done, refused, type Report } from '../../app/action';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import { byLead, countByCategory } from '../../domain/rootCauses';
import { listRootCauses, mergeRootCauses } from '../../host/api/rootCauseReview';
import type { RootCause } from '../../host/api/rootCauses';
import type { HostClient } from '../../host/client';

export const ROOT_CAUSE_WINDOWS = [7, 30, 90] as const;
export type RootCauseWindow = (typeof ROOT_CAUSE_WINDOWS)[number];
const DAY_MS = 86_400_000;

interface RootCausesData {
  /** The causes a lead wrote, as Zendesk recorded who created and last changed them. */
  causes: RootCause[];
  /** Records not borne out as a lead's: left out of the figures. */
  unverified: number;
}

/**
 * The console's root causes: every `closed_loop_root_cause` record, kept only when Zendesk's
 * record shows leads wrote it; counted by category over a window; merged by a lead.
 */
export function createRootCausesModel(host: HostClient, lead: LeadAccess, now: () => Date) {
  const days = signal<RootCauseWindow>(30);
  const resource = createResource<RootCausesData>();
  const status: Signal<Report | null> = signal(null);

  async function read(): Promise<RootCausesData> {
    const all = await listRootCauses(host);
    const ids = all.flatMap((c) => [c.createdById, c.updatedById]).filter((id): id is number => id !== null);
    const people = ids.length ? await lead.people(ids) : new Map<number, { isLead: boolean }>();
    const causes = all.filter((c) => byLead(c, (id) => people.get(id)?.isLead === true));
    return { causes, unverified: all.length - causes.length };
  }
  const load = () => resource.run(read);

  const inWindow = computed(() => {
    const state = resource.state.value;
    if (!('data' in state) || !state.data) return [];
    const since = now().getTime() - days.value * DAY_MS;
    return state.data.causes.filter((c) => Date.parse(c.createdAt) >= since).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });
  const counts = computed(() => {
    const state = resource.state.value;
    return 'data' in state && state.data ? countByCategory(state.data.causes, now(), days.value) : [];
  });

  /**
   * Merges a duplicate into the cause kept, as both were on screen: one changed or deleted
   * meanwhile stops it, with the list read again.
   */
  const merge = createAction(
    async (keptId: string, duplicateId: string) => {
      const me = await lead.fresh();
      if (!me.isLead) return refused('ui.escalation.refused_not_lead');
      const state = resource.state.peek();
      const shown = 'data' in state && state.data ? state.data.causes : [];
      const seen = Object.fromEntries(shown.map((c) => [c.id, c.updatedAt]));
      const result = await mergeRootCauses(host, keptId, duplicateId, seen);
      void load();
      if (result.kind === 'gone') return refused('ui.console.root_merge_gone');
      if (result.kind === 'changed') return conflict(null);
      return done();
    },
    { report: status, done: 'ui.console.root_merged', conflict: 'ui.console.root_merge_changed' },
  );

  return {
    days,
    state: resource.state,
    inWindow,
    counts,
    status,
    merge,
    load,
    show: (window: RootCauseWindow) => (days.value = window),
  };
}
export type RootCausesModel = ReturnType<typeof createRootCausesModel>;
