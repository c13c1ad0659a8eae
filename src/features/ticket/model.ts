import { computed, signal } from '@preact/signals';
import { onDispose } from '../../app/model';
import type { QueryInput } from '../../domain/knowledge/query';
import type { HostClient } from '../../host/client';
import { TagsSchema } from '../../host/schemas';
import { TicketPaths, type TicketSnapshot } from './paths';

export type TicketModel = ReturnType<typeof createTicketModel>;

/** The ticket on screen as signals, kept current by the host's ticket events. */
export function createTicketModel(host: HostClient, initial: TicketSnapshot) {
  const snapshot = signal(initial);
  const refreshError = signal<unknown>(null);

  async function refresh() {
    try {
      snapshot.value = await host.get(TicketPaths);
      refreshError.value = null;
    } catch (error) {
      refreshError.value = error;
    }
  }

  const patch = (change: Partial<TicketSnapshot>) => {
    snapshot.value = { ...snapshot.value, ...change };
  };

  [
    host.on('ticket.subject.changed', (value) => {
      if (typeof value === 'string') patch({ 'ticket.subject': value });
      else void refresh();
    }),
    host.on('ticket.tags.changed', (value) => {
      const tags = TagsSchema.safeParse(value);
      if (tags.success) patch({ 'ticket.tags': tags.data });
      else void refresh();
    }),
    host.on('ticket.requester.changed', () => void refresh()),
    host.on('ticket.type.changed', () => void refresh()),
    host.on('ticket.updated', () => void refresh()),
    host.on('ticket.submit.done', () => void refresh()),
  ].forEach(onDispose);

  const requester = computed(() => snapshot.value['ticket.requester']);
  const subject = computed(() => snapshot.value['ticket.subject']);

  return {
    id: computed(() => snapshot.value['ticket.id']),
    subject,
    requester,
    tags: computed(() => snapshot.value['ticket.tags']),
    /** The ticket's type as the form shows it (question, incident, problem, task), null when not set, undefined when unknown. */
    type: computed(() => snapshot.value['ticket.type']),
    /** The version of the ticket on screen, as Zendesk last saved it; null when the host does not say. */
    updatedAt: computed(() => snapshot.value['ticket.updatedAt'] ?? null),
    /** The requester's language as Zendesk has it, if any. */
    requesterLocale: computed(() => requester.value?.locale ?? undefined),
    /** The conversation as the text analysis reads it, to pick out what the customer wrote (it reads the HTML as text). */
    thread: computed<QueryInput>(() => ({
      subject: subject.value,
      comments: snapshot.value['ticket.comments'].map((c) => ({ authorId: c.author.id, htmlBody: c.value })),
      requesterId: requester.value?.id ?? -1,
    })),
    refreshError,
    refresh,
  };
}
