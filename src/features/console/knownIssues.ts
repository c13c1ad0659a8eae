import { computed, effect, signal } from '@preact/signals';
import { conflict, createAction, type Report } from '../../app/action';
import { onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import { isLiveProblem, isStatement } from '../../domain/answers/knownIssue';
import { versionOf, type Answer } from '../../host/api/answers';
import { countIncidents } from '../../host/api/problems';
import { getTickets, type Ticket } from '../../host/api/tickets';
import type { HostClient } from '../../host/client';
import { mapLimited } from '../../host/mapLimited';
import type { LibraryModel } from './library';

export interface KnownIssueRow {
  statement: Answer;
  problem: Ticket | null;
  /** Whether the problem is still unsolved: solving it ends the known issue. */
  live: boolean;
  /** Incidents linked to the problem (List Ticket Incidents), null until read or when the read failed. */
  incidents: number | null;
}

interface Facts {
  problems: ReadonlyMap<number, Ticket>;
  incidents: ReadonlyMap<number, number | null>;
}

/**
 * The console's known issues: each lead-made statement (verified as the library verifies approvals)
 * with its problem ticket, its linked incident count and when the statement last changed. Edits go
 * through the library's save, which detects a concurrent change and tells open sidebars.
 */
export function createKnownIssuesModel(host: HostClient, library: LibraryModel) {
  const statements = computed(() =>
    library.rows.value.filter((r) => isStatement(r.answer) && r.approval?.kind === 'approved').map((r) => r.answer),
  );
  const facts = createResource<Facts>();
  const problemIds = computed(() => [...new Set(statements.value.map((a) => a.problemTicketId!))].join(','));
  onDispose(
    effect(() => {
      const ids = problemIds.value ? problemIds.value.split(',').map(Number) : [];
      if (!ids.length) return;
      void facts.run(async () => {
        const [tickets, counts] = await Promise.all([
          getTickets(host, ids),
          mapLimited(ids, 4, (id) => countIncidents(host, id).catch(() => null)),
        ]);
        return { problems: new Map(tickets.map((t) => [t.id, t])), incidents: new Map(ids.map((id, i) => [id, counts[i] ?? null])) };
      });
    }),
  );
  const rows = computed<KnownIssueRow[]>(() => {
    const known = 'data' in facts.state.value ? facts.state.value.data : undefined;
    return statements.value
      .map((statement) => {
        const problem = known?.problems.get(statement.problemTicketId!) ?? null;
        return {
          statement,
          problem,
          live: isLiveProblem(problem ?? undefined),
          incidents: known?.incidents.get(statement.problemTicketId!) ?? null,
        };
      })
      .sort((a, b) => Number(b.live) - Number(a.live) || b.statement.updatedAt.localeCompare(a.statement.updatedAt));
  });

  const status = signal<Report | null>(null);
  /** Saves a new statement or ETA on top of the version the lead edited; someone else's change meanwhile is a conflict. */
  const save = createAction(
    async (statement: Answer, change: { body: string; eta: string | null }) => {
      const result = await library.edit.run(statement.id, versionOf(statement), change);
      if (result.kind === 'conflict') {
        void library.load();
        return conflict(result.current);
      }
      return result;
    },
    { report: status, done: 'ui.console.known_saved', conflict: 'ui.console.known_changed_meanwhile' },
  );

  return { rows, facts: facts.state, status, save };
}
export type KnownIssuesModel = ReturnType<typeof createKnownIssuesModel>;
