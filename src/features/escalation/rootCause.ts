import type { Signal } from '@preact/signals';
import { createAction, done, refused, type Report } from '../../app/action';
import type { LeadAccess } from '../../app/lead';
import { loadOnce } from '../../app/loadOnce';
import { onDispose } from '../../app/model';
import { answerDraftFrom, exampleFrom, whysProblem, type RootCauseCategory, type Why } from '../../domain/rootCauses';
import type { RootCause } from '../../host/api/rootCauses';
import type { HostClient } from '../../host/client';
import type { I18n } from '../../i18n';
import type { TicketModel } from '../ticket/model';

export interface RootCauseInput {
  category: RootCauseCategory;
  whys: Why[];
  /** Open the answer editor, prefilled from the ticket, once the cause is saved. */
  makeAnswer: boolean;
  /** The lead's resolution note: the answer's first draft. */
  note: string;
}

// Loaded when first used: a lead who files a cause, or makes it an answer.
const loadWrites = loadOnce(() => import('../../host/api/rootCauses'));
const loadProposal = loadOnce(() => import('../answers/proposal'));

interface Deps {
  host: HostClient;
  lead: LeadAccess;
  ticket: TicketModel;
  /** With the root-cause strings. */
  i18n: I18n;
  parentGuid: string;
  /** The panel's line for the flow's outcomes, which outlives the form. */
  status: Signal<Report | null>;
}

/**
 * After a lead resolves an escalation: saving its root cause (a `closed_loop_root_cause` record
 * linked to the ticket) and, when asked, opening the proposal modal prefilled from the ticket,
 * which links the answer it saves to the cause.
 */
export function createRootCauseFlow({ host, lead, ticket, i18n, parentGuid, status }: Deps) {
  let close: (() => void) | null = null;
  onDispose(() => close?.());
  // One form, one record: a retry after the answer editor failed to open does not file the cause twice.
  const saved = new Map<string, RootCause>();

  /** The proposal modal seeded from the ticket: subject, the note as a draft reply, the customer's own words. */
  async function openAnswer(rootCauseId: string, note: string) {
    const { openProposalModal } = await loadProposal();
    const { subject, requester, thread } = ticket;
    const requesterId = thread.value.requesterId;
    const words = exampleFrom(thread.value.comments.find((c) => c.authorId === requesterId)?.htmlBody ?? '');
    close?.();
    close = await openProposalModal(
      host,
      parentGuid,
      {
        title: subject.value,
        summary: subject.value,
        body: answerDraftFrom(note, {
          greeting: i18n.t('ui.root_cause.draft_greeting'),
          signOff: i18n.t('ui.root_cause.draft_sign_off'),
        }),
        example: words || subject.value,
        locale: requester.value?.locale ?? null,
        ticketId: ticket.id.value,
        rootCauseId,
      },
      () => (status.value = { outcome: done(), done: 'ui.root_cause.done_answer' }),
    );
  }

  const save = createAction(
    async (input: RootCauseInput, formKey: string) => {
      const { createRootCause } = await loadWrites();
      const problem = whysProblem(input.whys);
      if (problem) return refused(`ui.root_cause.refused_${problem}`);
      // Lead powers are read fresh at the moment of the action, as for every lead action.
      const me = await lead.fresh();
      if (!me.isLead) return refused('ui.escalation.refused_not_lead');
      const cause =
        saved.get(formKey) ?? (await createRootCause(host, { ticketId: ticket.id.value, category: input.category, whys: input.whys }));
      saved.set(formKey, cause);
      if (input.makeAnswer) await openAnswer(cause.id, input.note);
      return done(cause);
    },
    { report: status, done: 'ui.root_cause.done_save' },
  );

  return { status, save };
}
export type RootCauseFlow = ReturnType<typeof createRootCauseFlow>;
