import * as z from 'zod/mini';
import type { HostClient } from '../../host/client';

/** What the sidebar hands the proposal modal: the ticket's subject and the agent's draft reply. */
export const ProposalSeedSchema = z.object({
  title: z.string(),
  body: z.string(),
  example: z.string(),
  locale: z.nullable(z.string()),
  ticketId: z.number(),
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
      url: `assets/iframe.html#parent_guid=${encodeURIComponent(parentGuid)}&view=propose`,
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
