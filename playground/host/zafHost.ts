import { sanitizeHtml, textToHtml, toText } from './richText';
import * as ws from './workspace';

/**
 * The host side of the ZAF SDK's postMessage protocol, as Zendesk's agent interface speaks it:
 * handshake → app.registered, get/set/invoke replies, event subscriptions, the ticket.save hook,
 * client.request proxying, and instances (sidebar, nav bar, modals) that can message each other.
 */
export interface Instance {
  guid: string;
  location: 'ticket_sidebar' | 'nav_bar' | 'modal' | 'background';
  frame: HTMLIFrameElement;
  ticketId: number | null;
  subscriptions: Map<string, number>;
  registered: boolean;
  parentGuid?: string;
  size?: { width?: string; height?: string };
}

/** Test hooks: make the host misbehave the way a real one can. */
export interface HostFaults {
  /** get paths answered with a per-path error */
  failingPaths: string[];
  /** get/set/invoke names left unanswered (the SDK times out after 5 s) */
  silentRequests: string[];
  /** never answer anything, not even the handshake */
  silent: boolean;
}

const REQUIREMENTS: Record<string, { requirement_id: number | string; requirement_type: string }> = {
  escalation_status: { requirement_id: 360001, requirement_type: 'ticket_fields' },
  closed_loop_answer: { requirement_id: 'closed_loop_answer', requirement_type: 'custom_objects_v2' },
  closed_loop_feedback: { requirement_id: 'closed_loop_feedback', requirement_type: 'custom_objects_v2' },
  closed_loop_root_cause: { requirement_id: 'closed_loop_root_cause', requirement_type: 'custom_objects_v2' },
};

class PathError extends Error {}

export class ZafHost {
  readonly instances = new Map<string, Instance>();
  readonly faults: HostFaults = { failingPaths: [], silentRequests: [], silent: false };
  readonly log: { direction: 'in' | 'out'; guid: string; data: unknown }[] = [];
  onModal: (instance: Instance | null) => void = () => undefined;
  onResize: (instance: Instance) => void = () => undefined;
  private pendingSave: Map<string, (error: string | null) => void> = new Map();

  /** Each location's page as the app's manifest gives it (`location.support.<location>.url`). */
  locationUrls: Partial<Record<Instance['location'], string>> = {};

  /** `appRoot`: where the app's package is served (manifest urls such as 'assets/…' are relative to it). */
  constructor(private readonly appRoot: () => string) {
    window.addEventListener('message', (event) => this.receive(event));
  }

  /**
   * Mounts an app instance in `frame` and returns its guid; the frame loads `url` (relative to the
   * app's root), by default the page the manifest names for the location, as Zendesk does.
   */
  mount(frame: HTMLIFrameElement, location: Instance['location'], ticketId: number | null, parentGuid?: string, url?: string): string {
    const page = url ?? this.locationUrls[location];
    if (!page) throw new Error(`The app's manifest names no url for ${location}`);
    const guid = crypto.randomUUID();
    const instance: Instance = { guid, location, frame, ticketId, subscriptions: new Map(), registered: false };
    if (parentGuid) instance.parentGuid = parentGuid;
    this.instances.set(guid, instance);
    const target = new URL(page, this.appRoot());
    // The SDK reads origin and app_guid from the query (or the hash); without them init() returns false.
    target.searchParams.set('origin', window.location.origin);
    target.searchParams.set('app_guid', guid);
    target.searchParams.set('colorScheme', ws.colorScheme.value);
    frame.src = target.toString();
    return guid;
  }

  unmount(guid: string) {
    this.instances.delete(guid);
  }

  private post(instance: Instance, data: Record<string, unknown>) {
    this.log.push({ direction: 'out', guid: instance.guid, data });
    instance.frame.contentWindow?.postMessage(JSON.stringify(data), new URL(instance.frame.src).origin);
  }

  /** Sends a `zaf.<event>` to every instance that subscribed to it (optionally filtered). */
  emit(event: string, message: unknown, filter: (i: Instance) => boolean = () => true) {
    for (const instance of this.instances.values()) {
      if (instance.registered && (instance.subscriptions.get(event) ?? 0) > 0 && filter(instance)) {
        this.post(instance, { key: `zaf.${event}`, message });
      }
    }
  }

  /** Runs the `ticket.save` hook on the ticket's sidebar instances; resolves with a refusal message or null. */
  async runSaveHook(ticketId: number): Promise<string | null> {
    const waiting = [...this.instances.values()].filter(
      (i) => i.registered && i.ticketId === ticketId && (i.subscriptions.get('ticket.save') ?? 0) > 0,
    );
    const replies = await Promise.all(
      waiting.map(
        (instance) =>
          new Promise<string | null>((resolve) => {
            const timer = setTimeout(() => resolve(null), 5000);
            this.pendingSave.set(instance.guid, (error) => {
              clearTimeout(timer);
              resolve(error);
            });
            this.post(instance, { key: 'zaf.ticket.save', message: {}, needsReply: true });
          }),
      ),
    );
    return replies.find((r) => r !== null) ?? null;
  }

  /** Reloads every app instance (after a settings or persona change, as Zendesk does). */
  reloadAll() {
    for (const instance of this.instances.values()) {
      instance.registered = false;
      instance.subscriptions.clear();
      // eslint-disable-next-line no-self-assign -- setting src again navigates the frame anew, even to the same address.
      instance.frame.src = instance.frame.src;
    }
  }

  private receive(event: MessageEvent) {
    const instance = [...this.instances.values()].find((i) => i.frame.contentWindow === event.source);
    if (!instance || event.origin !== new URL(this.appRoot()).origin || this.faults.silent) return;
    let data: Record<string, unknown>;
    try {
      data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as Record<string, unknown>;
    } catch {
      return;
    }
    this.log.push({ direction: 'in', guid: instance.guid, data });
    const key = typeof data.key === 'string' ? data.key : '';
    if (key === 'iframe.handshake') return this.register(instance);
    if (key.startsWith('iframe.on:')) return this.subscribe(instance, key.slice(10), data.message, true);
    if (key.startsWith('iframe.off:')) return this.subscribe(instance, key.slice(11), data.message, false);
    if (key.startsWith('iframe.reply:')) {
      const error = (data.error as { msg?: string } | undefined)?.msg;
      this.pendingSave.get(instance.guid)?.(data.error ? (error ?? 'Refused') : null);
      this.pendingSave.delete(instance.guid);
      return;
    }
    if (key.startsWith('iframe.trigger:')) return this.trigger(instance, key.slice(15), data.message, data.instanceGuid);
    if (/^request:\d+$/.test(key)) return void this.proxyRequest(instance, key, data.message as Record<string, unknown>);
    if (typeof data.request === 'string' && typeof data.id === 'number') return void this.answer(instance, data);
  }

  private register(instance: Instance) {
    const settings = ws.state.value?.settings ?? {};
    instance.registered = true;
    this.post(instance, {
      key: 'zaf.app.registered',
      message: {
        metadata: { appId: 9001, installationId: 424242, name: 'Closed Loop', version: '0.1.0', settings },
        context: this.contextOf(instance),
      },
    });
  }

  private contextOf(instance: Instance) {
    const context: Record<string, unknown> = {
      instanceGuid: instance.guid,
      product: 'support',
      account: { subdomain: 'lumenbank' },
      location: instance.location,
    };
    if (instance.ticketId !== null) context.ticketId = instance.ticketId;
    return context;
  }

  private subscribe(instance: Instance, event: string, message: unknown, on: boolean) {
    const count = Number((message as { subscriberCount?: unknown } | null)?.subscriberCount ?? (on ? 1 : 0));
    instance.subscriptions.set(event, count);
  }

  private trigger(from: Instance, event: string, message: unknown, targetGuid: unknown) {
    const target = typeof targetGuid === 'string' ? this.instances.get(targetGuid) : from;
    if (target) this.post(target, { key: `zaf.${event}`, message });
  }

  private async answer(instance: Instance, data: Record<string, unknown>) {
    const id = data.id as number;
    const kind = data.request as 'get' | 'set' | 'invoke';
    const names = kind === 'get' ? (data.params as string[]) : Object.keys(data.params as object);
    if (names.some((n) => this.faults.silentRequests.includes(n))) return;
    const result: Record<string, unknown> = {};
    const errors: Record<string, { name: string; message: string; path: string }> = {};
    for (const name of names) {
      try {
        if (kind === 'get') {
          if (this.faults.failingPaths.includes(name)) throw new PathError('Injected failure');
          result[name] = this.get(name, instance);
        } else if (kind === 'set') this.set(name, (data.params as Record<string, unknown>)[name]);
        else result[name] = await this.invoke(instance, name, (data.params as Record<string, unknown[]>)[name] ?? []);
      } catch (error) {
        errors[name] = { name: 'InvalidPathError', message: error instanceof Error ? error.message : String(error), path: name };
      }
    }
    this.post(instance, { id, result: { ...result, errors } });
  }

  // ---- get

  private userJson(id: number | null) {
    if (id === null) return null;
    const user = ws.users.value.get(id);
    return user ? { id: user.id, name: user.name, email: user.email, locale: user.locale } : null;
  }

  private ticketJson() {
    const ticket = ws.form.value;
    if (!ticket) throw new PathError('No ticket is open');
    return {
      id: ticket.id,
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      // ZAF's ticket.type: question, incident, problem or task (null when not set).
      type: ticket.type ?? null,
      tags: ticket.tags,
      requester: this.userJson(ticket.requester_id),
      assignee: { user: this.userJson(ticket.assignee_id), group: ticket.group_id ? { id: ticket.group_id } : null },
      updatedAt: ws.savedTicket.value?.updated_at ?? ticket.updated_at,
      createdAt: ticket.created_at,
      comments: ws.comments.value.map((c) => {
        const author = ws.users.value.get(c.author_id);
        return {
          id: c.id,
          value: c.html_body,
          public: c.public,
          createdAt: c.created_at,
          author: { id: c.author_id, name: author?.name ?? '', role: author?.role ?? 'end-user' },
        };
      }),
    };
  }

  private get(path: string, instance: Instance): unknown {
    if (path.startsWith('requirement:')) {
      const requirement = REQUIREMENTS[path.slice(12)];
      if (!requirement) throw new PathError(`No requirement ${path.slice(12)}`);
      return requirement;
    }
    // Every open instance of the app (Zendesk: the `instances` property), keyed by guid.
    if (path === 'instances') {
      const open = [...this.instances.values()].filter((i) => i.registered);
      return Object.fromEntries(open.map((i) => [i.guid, this.contextOf(i)]));
    }
    if (path.startsWith('instances.')) {
      const other = this.instances.get(path.slice(10));
      if (!other) throw new PathError('No such instance');
      return this.contextOf(other);
    }
    if (path.startsWith('ticket.customField:custom_field_')) {
      const id = Number(path.split('custom_field_')[1]);
      return ws.form.value?.custom_fields.find((f) => f.id === id)?.value ?? null;
    }
    const roots: Record<string, () => unknown> = {
      colorScheme: () => ws.colorScheme.value,
      currentUser: () => {
        const me = ws.me.value!;
        return {
          id: me.id,
          name: me.name,
          email: me.email,
          locale: me.locale,
          role: me.role,
          timeZone: { ianaName: me.time_zone ?? 'UTC' },
          groups: ws.myGroups.value.map((g) => ({ id: g.id, name: g.name })),
        };
      },
      currentAccount: () => ({ subdomain: 'lumenbank', planName: 'Enterprise' }),
      ticket: () => {
        if (instance.location !== 'ticket_sidebar' && instance.location !== 'modal') throw new PathError('No ticket in this location');
        return this.ticketJson();
      },
      comment: () => ({
        text: ws.replyValue(),
        type: ws.composer.value.type,
        useRichText: ws.composer.value.rich,
      }),
      viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
    };
    const [root, ...rest] = path.split('.');
    const make = roots[root!];
    if (!make) throw new PathError(`Could not find path ${path}`);
    let value: unknown = make();
    for (const part of rest) {
      if (value === null || typeof value !== 'object' || !(part in value)) throw new PathError(`Could not find path ${path}`);
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }

  // ---- set

  private set(path: string, value: unknown) {
    const ticket = ws.form.value;
    if (path === 'comment.text') return this.setComposer(String(value ?? ''));
    if (path === 'comment.type') {
      ws.composer.value = { ...ws.composer.value, type: value === 'internalNote' ? 'internalNote' : 'publicReply' };
      return;
    }
    if (!ticket) throw new PathError('No ticket is open');
    const fields: Record<string, keyof typeof ticket> = {
      'ticket.subject': 'subject',
      'ticket.status': 'status',
      'ticket.priority': 'priority',
      'ticket.tags': 'tags',
    };
    const field = fields[path];
    if (field) {
      this.editTicket({ [field]: value });
      return;
    }
    if (path.startsWith('ticket.customField:custom_field_')) {
      const id = Number(path.split('custom_field_')[1]);
      const custom = ticket.custom_fields.filter((f) => f.id !== id).concat({ id, value });
      this.editTicket({ custom_fields: custom });
      return;
    }
    throw new PathError(`Cannot set ${path}`);
  }

  /** Applies an edit to the ticket form and fires Zendesk's change events for it. */
  editTicket(change: Partial<ws.ApiTicket>) {
    const before = ws.form.value;
    if (!before) return;
    const after = { ...before, ...change };
    ws.form.value = after;
    this.announceChanges(before, after);
  }

  announceChanges(before: ws.ApiTicket, after: ws.ApiTicket) {
    const sidebar = (i: Instance) => i.ticketId === after.id;
    for (const field of ['subject', 'status', 'priority', 'tags'] as const) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
        this.emit(`ticket.${field}.changed`, after[field], sidebar);
        this.emit('*.changed', { propertyName: `ticket.${field}`, newValue: after[field] }, sidebar);
      }
    }
    for (const field of after.custom_fields) {
      const old = before.custom_fields.find((f) => f.id === field.id)?.value ?? null;
      if (old !== field.value) {
        this.emit(`ticket.custom_field_${field.id}.changed`, field.value, sidebar);
        this.emit('*.changed', { propertyName: `ticket.custom_field_${field.id}`, newValue: field.value }, sidebar);
      }
    }
  }

  private setComposer(value: string) {
    ws.setReply(value);
    this.emit('comment.text.changed', ws.replyValue());
  }

  // ---- invoke

  private async invoke(instance: Instance, name: string, args: unknown[]): Promise<unknown> {
    switch (name) {
      case 'resize': {
        instance.size = { ...instance.size, ...(args[0] as object) };
        this.onResize(instance);
        return null;
      }
      // Zendesk's editor takes text as text and HTML as formatting, in whichever mode it is in.
      case 'comment.appendText': {
        const text = String(args[0] ?? '');
        const c = ws.composer.value;
        this.setComposer(c.rich ? c.html + textToHtml(text) : c.text + text);
        return null;
      }
      case 'comment.appendHtml': {
        const html = String(args[0] ?? '');
        const c = ws.composer.value;
        this.setComposer(c.rich ? c.html + html : c.text + toText(sanitizeHtml(html)));
        return null;
      }
      case 'ticket.tags.add':
      case 'ticket.tags.remove': {
        const tags = (Array.isArray(args[0]) ? args[0] : args).map((t) => String(t).toLowerCase());
        const current = ws.form.value?.tags ?? [];
        this.editTicket({ tags: name.endsWith('add') ? [...new Set([...current, ...tags])] : current.filter((t) => !tags.includes(t)) });
        return null;
      }
      case 'instances.create': {
        const options = (args[0] ?? {}) as { location?: string; url?: string; size?: { width?: string; height?: string } };
        if (options.location !== 'modal') throw new PathError('Only modal instances can be created here');
        const frame = document.createElement('iframe');
        frame.title = 'Closed Loop modal';
        // Zendesk needs the modal's url; a relative one ('assets/…') is resolved against the app's root.
        if (!options.url) throw new PathError('A modal needs a url');
        const guid = this.mount(frame, 'modal', instance.ticketId, instance.guid, options.url);
        const modal = this.instances.get(guid)!;
        if (options.size) modal.size = options.size;
        this.onModal(modal);
        return [{ instanceGuid: guid, location: 'modal', ...this.contextOf(modal) }];
      }
      case 'instances.destroy':
      case 'destroy': {
        const target = name === 'destroy' ? instance : this.instances.get(String(args[0]));
        if (target?.location === 'modal') {
          this.emit('modal.close', {}, (i) => i.guid === target.parentGuid);
          this.unmount(target.guid);
          this.onModal(null);
        }
        return null;
      }
      case 'routeTo': {
        const [where, id] = args;
        if (where === 'ticket') {
          ws.route.value = 'ticket';
          await ws.openTicket(Number(id));
        }
        return null;
      }
      case 'notify': {
        ws.notify(String(args[0] ?? ''), String(args[1] ?? 'notice'));
        return null;
      }
      case 'popover':
      case 'preloadPane':
      case 'app.close':
        return null;
      default:
        throw new PathError(`Unknown action ${name}`);
    }
  }

  // ---- client.request

  private async proxyRequest(instance: Instance, key: string, options: Record<string, unknown>) {
    const url = String(options.url ?? '');
    const method = String(options.type ?? options.method ?? 'GET').toUpperCase();
    const target = new URL(url, window.location.origin);
    const reply = (outcome: 'done' | 'fail', responseArgs: unknown[]) =>
      this.post(instance, { key: `zaf.${key}.${outcome}`, message: { responseArgs } });
    if (target.origin !== window.location.origin) {
      // No network beyond Zendesk in the playground: a request elsewhere fails like an unreachable host.
      reply('fail', [{ status: 0, statusText: 'error', responseText: '', headers: {} }, 'error', 'error']);
      return;
    }
    let response: Response;
    try {
      // Marked so the playground can tell the app's calls from the workspace's own.
      const headers: Record<string, string> = { 'x-playground-app': instance.location };
      // no-store: Chromium holds a second identical GET behind one still pending (its cache lock),
      // which would stall a retry behind a request the app already gave up on.
      const init: RequestInit = { method, headers, cache: 'no-store' };
      if (options.data !== undefined && method !== 'GET') {
        init.body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
        headers['content-type'] = String(options.contentType ?? 'application/json');
      }
      response = await fetch(target, init);
    } catch {
      reply('fail', [{ status: 0, statusText: 'error', responseText: '', headers: {} }, 'error', 'error']);
      return;
    }
    const text = await response.text();
    let responseJSON: unknown;
    let parseFailed = false;
    if (text) {
      try {
        responseJSON = JSON.parse(text);
      } catch {
        parseFailed = true;
      }
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const xhr: Record<string, unknown> = { status: response.status, statusText: response.statusText, responseText: text, headers };
    if (responseJSON !== undefined) xhr.responseJSON = responseJSON;
    if (response.ok && !parseFailed) {
      const complete = options.httpCompleteResponse === true;
      reply('done', [complete ? xhr : responseJSON, 'success', xhr]);
      if (method !== 'GET') void this.afterWrite(target.pathname);
    } else {
      reply('fail', [xhr, parseFailed ? 'parsererror' : 'error', response.statusText]);
    }
  }

  /** A write through the API to the open ticket shows up in the agent's view, as Zendesk's live updates do. */
  private async afterWrite(path: string) {
    const match = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path);
    if (match && Number(match[1]) === ws.openTicketId.value) await this.liveUpdate();
  }

  /** Reloads the open ticket after someone changed it and tells the app, as Zendesk does. */
  async liveUpdate() {
    const changed = await ws.reloadOpenTicket();
    if (!changed?.before) return;
    this.announceChanges(changed.before, changed.after);
    this.emit('ticket.updated', { updatedBy: ws.me.value?.id }, (i) => i.ticketId === changed.after.id);
  }
}
