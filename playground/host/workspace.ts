import { batch, computed, signal } from '@preact/signals';
import { sanitizeHtml, textToHtml, toHtml, toText } from './richText';

/**
 * The agent workspace's own state: what Zendesk's UI holds for the agent. The ticket form keeps
 * unsaved edits (subject, tags, status…) apart from the saved ticket, as Zendesk does.
 */
export interface ApiUser {
  id: number;
  name: string;
  email: string;
  role: string;
  custom_role_id: number | null;
  locale: string;
  time_zone?: string;
}
export interface ApiTicket {
  id: number;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  type?: string | null;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  created_at: string;
  updated_at: string;
}
export interface ApiComment {
  id: number;
  author_id: number;
  body: string;
  html_body: string;
  public: boolean;
  created_at: string;
}
export interface PlaygroundState {
  persona: 'agent' | 'lead' | 'admin';
  personas: Record<string, number>;
  settings: Record<string, unknown>;
  appOrigin: string;
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** The agent's colour scheme in Zendesk; apps get it in their iframe URL, from `colorScheme` and its event. */
export const colorScheme = signal<'light' | 'dark'>(
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
);
export const state = signal<PlaygroundState | null>(null);
export const me = signal<ApiUser | null>(null);
export const myGroups = signal<{ id: number; name: string }[]>([]);
export const users = signal(new Map<number, ApiUser>());
export const tickets = signal<ApiTicket[]>([]);
export const openTicketId = signal<number | null>(null);
export const savedTicket = signal<ApiTicket | null>(null);
export const form = signal<ApiTicket | null>(null);
export const comments = signal<ApiComment[]>([]);
export const composer = signal<{ text: string; html: string; rich: boolean; type: 'publicReply' | 'internalNote' }>({
  text: '',
  html: '',
  rich: true,
  type: 'publicReply',
});
/**
 * Replaces the reply. The rich editor keeps sanitised HTML, as Zendesk's does; the plain-text
 * composer keeps text. Both forms stay in step: `text` is what the reply reads as, `html` how it is formatted.
 */
export function setReply(value: string, rich = composer.value.rich) {
  if (rich) {
    const nodes = sanitizeHtml(value);
    composer.value = { ...composer.value, html: toHtml(nodes), text: toText(nodes) };
  } else {
    composer.value = { ...composer.value, text: value, html: textToHtml(value) };
  }
}

/** The reply as `comment.text` gives it to apps: the editor's HTML in rich text, else the text. */
export const replyValue = () => (composer.value.rich ? composer.value.html : composer.value.text);

export const notices = signal<{ id: number; message: string; kind: string }[]>([]);
export const route = signal<'ticket' | 'console' | 'settings'>('ticket');

export const requester = computed(() => (form.value ? (users.value.get(form.value.requester_id) ?? null) : null));

async function loadUsers(ids: number[]) {
  const missing = [...new Set(ids)].filter((id) => !users.value.has(id));
  if (!missing.length) return;
  const { users: found } = await api<{ users: ApiUser[] }>(`/api/v2/users/show_many.json?ids=${missing.join(',')}`);
  const next = new Map(users.value);
  for (const user of found) next.set(user.id, user);
  users.value = next;
}

export async function loadSession() {
  const [next, { user, groups }] = await Promise.all([
    api<PlaygroundState>('/__playground/state'),
    api<{ user: ApiUser; groups: { id: number; name: string }[] }>('/api/v2/users/me.json?include=groups'),
  ]);
  // The persona and its user change together: a switch never shows one persona with another's profile.
  batch(() => {
    state.value = next;
    me.value = user;
    myGroups.value = groups;
  });
}

export async function loadTickets() {
  const { results } = await api<{ results: ApiTicket[] }>(
    '/api/v2/search.json?query=type:ticket order_by:updated_at sort:desc&per_page=100',
  );
  tickets.value = results;
}

export async function openTicket(id: number) {
  const [{ ticket }, { comments: list }] = await Promise.all([
    api<{ ticket: ApiTicket }>(`/api/v2/tickets/${id}.json`),
    api<{ comments: ApiComment[] }>(`/api/v2/tickets/${id}/comments.json`),
  ]);
  await loadUsers([ticket.requester_id, ...list.map((c) => c.author_id)]);
  openTicketId.value = id;
  savedTicket.value = ticket;
  form.value = structuredClone(ticket);
  comments.value = list;
  composer.value = { ...composer.value, text: '', html: '' };
}

/** Re-reads the open ticket after someone (the app, another agent) changed it; keeps form edits. */
export async function reloadOpenTicket(): Promise<{ before: ApiTicket | null; after: ApiTicket } | null> {
  const id = openTicketId.value;
  if (id === null) return null;
  const before = savedTicket.value;
  const [{ ticket }, { comments: list }] = await Promise.all([
    api<{ ticket: ApiTicket }>(`/api/v2/tickets/${id}.json`),
    api<{ comments: ApiComment[] }>(`/api/v2/tickets/${id}/comments.json`),
  ]);
  await loadUsers(list.map((c) => c.author_id));
  savedTicket.value = ticket;
  const edited = form.value;
  form.value =
    edited && before
      ? {
          ...ticket,
          subject: edited.subject !== before.subject ? edited.subject : ticket.subject,
          status: edited.status !== before.status ? edited.status : ticket.status,
          priority: edited.priority !== before.priority ? edited.priority : ticket.priority,
        }
      : structuredClone(ticket);
  comments.value = list;
  return { before, after: ticket };
}

export function notify(message: string, kind = 'notice') {
  const id = Date.now() + Math.random();
  notices.value = [...notices.value, { id, message, kind }];
  setTimeout(() => (notices.value = notices.value.filter((n) => n.id !== id)), 6000);
}
