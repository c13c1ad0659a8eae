import type { Signal } from '@preact/signals';
import * as z from 'zod/mini';
import { createAction, done, type Report } from '../../app/action';
import { onDispose } from '../../app/model';
import { htmlToText } from '../../domain/html';
import type { HostClient } from '../../host/client';
import type { TicketModel } from '../ticket/model';

/** What the sidebar hands the proposal modal: the ticket's subject and the agent's draft reply. */
export const ProposalSeedSchema = z.object({
  title: z.string(),
  body: z.string(),
  example: z.string(),
  locale: z.nullable(z.string()),
  ticketId: z.number(),
  // Answers made from a root cause: the issue summary proposed, and the cause the answer is linked to once saved.
  summary: z.optional(z.string()),
  rootCauseId: z.optional(z.string()),
});
export type ProposalSeed = z.infer<typeof ProposalSeedSchema>;

export const EVENTS = {
  ready: 'closed_loop.modal_ready',
  seed: 'closed_loop.proposal_seed',
  proposed: 'closed_loop.proposed',
} as const;

const CreatedSchema = z.object({ 'instances.create': z.array(z.object({ instanceGuid: z.string() })) });

/**
 * Opens the proposal form in a modal instance and hands it the seed once the modal says it is
 * ready (instances talk through host events; the modal learns its parent from the URL hash).
 */
export async function openProposalModal(
  host: HostClient,
  parentGuid: string,
  seed: ProposalSeed,
  onProposed: () => void,
): Promise<() => void> {
  const created = CreatedSchema.parse(
    await host.invoke('instances.create', {
      location: 'modal',
      url: `assets/modal.html#parent_guid=${encodeURIComponent(parentGuid)}&view=propose`,
      size: { width: '600px', height: '600px' },
    }),
  );
  const modalGuid = created['instances.create'][0]?.instanceGuid;
  const offReady = host.on(EVENTS.ready, (data) => {
    if ((data as { guid?: unknown } | null)?.guid === modalGuid) host.trigger(EVENTS.seed, seed, modalGuid);
  });
  const offProposed = host.on(EVENTS.proposed, onProposed);
  return () => {
    offReady();
    offProposed();
  };
}

/**
 * Proposing the agent's reply as a new answer: opens the form in a modal seeded with the ticket's
 * subject and the draft reply, and says so once the modal reports the proposal saved, on `report`
 * (the answer panel's status line, where its other actions report). The modal's
 * listeners are released with the model (or when a new modal replaces the last one).
 */
export function createProposalFlow(host: HostClient, parentGuid: string, ticket: TicketModel, report: Signal<Report | null>) {
  let close: (() => void) | null = null;
  onDispose(() => close?.());
  const open = createAction(
    async () => {
      const { 'comment.text': reply } = await host.get({ 'comment.text': z.optional(z.nullable(z.string())) });
      close?.();
      close = await openProposalModal(
        host,
        parentGuid,
        {
          title: ticket.subject.value,
          body: htmlToText(reply ?? ''),
          example: ticket.subject.value,
          locale: ticket.requester.value?.locale ?? null,
          ticketId: ticket.id.value,
        },
        () => (report.value = { outcome: done(), done: 'ui.answers.done_propose' }),
      );
      return done();
    },
    { report },
  );
  return { open };
}
