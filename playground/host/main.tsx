import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { sanitizeHtml, toHtml, type RichTextOptions } from './richText';
import { ZafHost, type Instance } from './zafHost';
import * as ws from './workspace';
import './styles.css';

/** Where the app's package is served, on its own origin as in Zendesk. */
const appRoot = () => `${ws.state.value?.appOrigin ?? window.location.origin.replace('localhost', '127.0.0.1')}/app/`;
const host = new ZafHost(appRoot);
// Tests and curious people can reach the host's state and protocol log from the console.
Object.assign(window, { __playground: { host, ws } });

function AppFrame({ location, ticketId, title }: { location: Instance['location']; ticketId: number | null; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<string | undefined>(undefined);
  useEffect(() => {
    const guid = host.mount(frame.current!, location, ticketId);
    const previous = host.onResize;
    host.onResize = (instance) => {
      if (instance.guid === guid && location === 'ticket_sidebar') setHeight(instance.size?.height);
      else previous(instance);
    };
    return () => host.unmount(guid);
  }, [location, ticketId]);
  return (
    <iframe
      ref={frame}
      class={`app-frame app-frame--${location}`}
      title={title}
      style={height ? { height } : undefined}
      data-location={location}
    />
  );
}

/** The app's six languages, as Zendesk names the locales in an agent's profile. */
const LANGUAGES = [
  ['en-US', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['ja', '日本語'],
  ['pt-BR', 'Português (Brasil)'],
] as const;

function TopBar() {
  const state = ws.state.value;
  const me = ws.me.value;
  const switchPersona = async (persona: string) => {
    await ws.api('/__playground/persona', { method: 'POST', body: { persona } });
    await ws.loadSession();
    host.reloadAll();
  };
  // The agent's language is their profile's locale in Zendesk; apps read it from currentUser.locale.
  const switchLanguage = async (locale: string) => {
    if (!me) return;
    await ws.api('/__playground/seed', { method: 'POST', body: { users: [{ id: me.id, locale }] } });
    await ws.loadSession();
    host.reloadAll();
  };
  const switchScheme = (scheme: 'light' | 'dark') => {
    ws.colorScheme.value = scheme;
    host.emit('colorScheme.changed', scheme);
  };
  return (
    <header class="topbar">
      <strong class="brand">Lumen Bank · Support</strong>
      <span class="badge">offline playground</span>
      <nav class="topnav" aria-label="Products">
        <button type="button" class={ws.route.value === 'ticket' ? 'active' : ''} onClick={() => (ws.route.value = 'ticket')}>
          Tickets
        </button>
        <button
          type="button"
          class={ws.route.value === 'console' ? 'active' : ''}
          onClick={() => (ws.route.value = 'console')}
          aria-label="Closed Loop console (nav bar app)"
        >
          <img src={`${appRoot()}assets/icon_nav_bar.svg`} alt="" width={16} height={16} /> Closed Loop
        </button>
        <button type="button" class={ws.route.value === 'settings' ? 'active' : ''} onClick={() => (ws.route.value = 'settings')}>
          Admin Center · App settings
        </button>
      </nav>
      <label class="persona">
        Theme{' '}
        <select
          value={ws.colorScheme.value}
          onChange={(e) => switchScheme((e.target as HTMLSelectElement).value as 'light' | 'dark')}
          aria-label="Colour scheme"
        >
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <label class="persona">
        Language{' '}
        <select value={me?.locale} onChange={(e) => void switchLanguage((e.target as HTMLSelectElement).value)} aria-label="Language">
          {LANGUAGES.map(([locale, name]) => (
            <option key={locale} value={locale}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label class="persona">
        Signed in as{' '}
        <select value={state?.persona} onChange={(e) => void switchPersona((e.target as HTMLSelectElement).value)} aria-label="Persona">
          <option value="agent">Agent</option>
          <option value="lead">Team lead</option>
          <option value="admin">Admin</option>
        </select>
        <span class="muted"> {me?.name}</span>
      </label>
    </header>
  );
}

function TicketList() {
  return (
    <aside class="views" aria-label="Tickets">
      <h2>Tickets</h2>
      <ul>
        {ws.tickets.value.map((t) => (
          <li key={t.id}>
            <button type="button" class={ws.openTicketId.value === t.id ? 'active' : ''} onClick={() => void ws.openTicket(t.id)}>
              <span class={`status status--${t.status}`}>{t.status[0]?.toUpperCase()}</span> #{t.id} {t.subject}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

const ESCALATION_FIELD = 360001;
const NEW_TAB: RichTextOptions = { newTab: true };

/** Formatted text from HTML someone else wrote (a comment, an article), rendered from sanitised nodes. */
function RichText({ html, class: className, options }: { html: string; class: string; options?: RichTextOptions }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => box.current?.replaceChildren(sanitizeHtml(html, options)), [html, options]);
  return <div ref={box} class={className} />;
}

/**
 * The reply editor. Rich text is an editable, formatted document, as in Zendesk: what apps append
 * shows as paragraphs and links, never as markup. Plain text is a text area.
 */
function ReplyEditor() {
  const composer = ws.composer.value;
  const editor = useRef<HTMLDivElement>(null);
  // What the editor shows, so the agent's own typing is not written back under the caret.
  const shown = useRef<{ element: HTMLDivElement; html: string } | null>(null);
  useLayoutEffect(() => {
    const element = editor.current;
    if (!element || (shown.current?.element === element && shown.current.html === composer.html)) return;
    element.replaceChildren(sanitizeHtml(composer.html));
    shown.current = { element, html: composer.html };
  }, [composer.html, composer.rich]);

  if (!composer.rich) {
    return (
      <textarea
        aria-label="Reply"
        name="reply"
        value={composer.text}
        onInput={(e) => {
          ws.setReply((e.target as HTMLTextAreaElement).value, false);
          host.emit('comment.text.changed', ws.replyValue());
        }}
      />
    );
  }
  const edited = (element: HTMLDivElement) => {
    ws.setReply(element.innerHTML, true);
    shown.current = { element, html: ws.composer.value.html };
    host.emit('comment.text.changed', ws.replyValue());
  };
  return (
    <div
      ref={editor}
      class="composer__editor"
      contentEditable
      role="textbox"
      aria-multiline="true"
      aria-label="Reply"
      onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
      onInput={(e) => edited(e.currentTarget)}
      onPaste={(e) => {
        // Pasted HTML goes through the same allow-list as everything else in the editor.
        const data = e.clipboardData;
        if (!data) return;
        e.preventDefault();
        const html = data.getData('text/html');
        const nodes = html ? sanitizeHtml(html) : null;
        if (nodes) document.execCommand('insertHTML', false, toHtml(nodes));
        else document.execCommand('insertText', false, data.getData('text/plain'));
      }}
    />
  );
}

function TicketView() {
  const ticket = ws.form.value;
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!ticket) return <main class="ticket empty">Choose a ticket on the left.</main>;
  const requester = ws.requester.value;
  const composer = ws.composer.value;
  const escalation = ticket.custom_fields.find((f) => f.id === ESCALATION_FIELD)?.value ?? null;

  const submit = async () => {
    setError(null);
    setSaving(true);
    try {
      const refusal = await host.runSaveHook(ticket.id);
      if (refusal) {
        setError(`An app stopped the save: ${refusal}`);
        return;
      }
      const update: Record<string, unknown> = {
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        tags: ticket.tags,
        custom_fields: ticket.custom_fields,
      };
      if (composer.text.trim()) {
        // Rich text is saved as HTML; its plain form (paragraphs apart, entities decoded) goes with
        // it as the comment's plain body, which Zendesk derives the same way.
        update.comment = composer.rich
          ? { html_body: composer.html, body: composer.text, public: composer.type === 'publicReply' }
          : { body: composer.text, public: composer.type === 'publicReply' };
      }
      await ws.api(`/api/v2/tickets/${ticket.id}.json`, { method: 'PUT', body: { ticket: update } });
      await ws.openTicket(ticket.id);
      await ws.loadTickets();
      host.emit('ticket.submit.done', { ticketId: ticket.id }, (i) => i.ticketId === ticket.id);
    } catch (e) {
      setError(String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <main class="ticket" aria-label={`Ticket #${ticket.id}`}>
      <div class="ticket__fields">
        <label>
          Requester <span class="value">{requester ? `${requester.name} <${requester.email}>` : ticket.requester_id}</span>
        </label>
        <label>
          Status
          <select value={ticket.status} onChange={(e) => host.editTicket({ status: (e.target as HTMLSelectElement).value })} name="status">
            {['new', 'open', 'pending', 'hold', 'solved'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select
            value={ticket.priority ?? ''}
            onChange={(e) => host.editTicket({ priority: (e.target as HTMLSelectElement).value || null })}
            name="priority"
          >
            {['', 'low', 'normal', 'high', 'urgent'].map((s) => (
              <option key={s} value={s}>
                {s || '-'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tags
          <input
            name="tags"
            value={ticket.tags.join(' ')}
            onChange={(e) => host.editTicket({ tags: (e.target as HTMLInputElement).value.split(/[\s,]+/).filter(Boolean) })}
          />
        </label>
        <label>
          Escalation status
          <select
            name="escalation_status"
            value={String(escalation ?? '')}
            onChange={(e) =>
              host.editTicket({
                custom_fields: ticket.custom_fields
                  .filter((f) => f.id !== ESCALATION_FIELD)
                  .concat({ id: ESCALATION_FIELD, value: (e.target as HTMLSelectElement).value || null }),
              })
            }
          >
            {['', 'escalation_none', 'escalation_requested', 'escalation_escalated', 'escalation_resolved'].map((s) => (
              <option key={s} value={s}>
                {s ? s.replace('escalation_', '') : '-'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="ticket__main">
        <input
          class="ticket__subject"
          name="subject"
          aria-label="Subject"
          value={ticket.subject}
          onChange={(e) => host.editTicket({ subject: (e.target as HTMLInputElement).value })}
        />
        <ol class="conversation" aria-label="Conversation">
          {ws.comments.value.map((c) => {
            const author = ws.users.value.get(c.author_id);
            return (
              <li key={c.id} class={c.public ? 'comment' : 'comment comment--internal'}>
                <div class="comment__meta">
                  <strong>{author?.name ?? c.author_id}</strong> · {new Date(c.created_at).toLocaleString()}{' '}
                  {!c.public && <span class="badge">internal note</span>}
                </div>
                <RichText class="comment__body" html={c.html_body} options={NEW_TAB} />
              </li>
            );
          })}
        </ol>
        <div class="composer">
          <div class="composer__bar">
            <select
              value={composer.type}
              onChange={(e) => (ws.composer.value = { ...composer, type: (e.target as HTMLSelectElement).value as 'publicReply' })}
              aria-label="Reply type"
            >
              <option value="publicReply">Public reply</option>
              <option value="internalNote">Internal note</option>
            </select>
            <label>
              <input
                type="checkbox"
                checked={composer.rich}
                onChange={(e) => (ws.composer.value = { ...composer, rich: (e.target as HTMLInputElement).checked })}
              />{' '}
              Rich text
            </label>
          </div>
          <ReplyEditor />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="button" class="submit" onClick={() => void submit()} disabled={saving}>
            Submit as {ticket.status}
          </button>
        </div>
      </div>
    </main>
  );
}

function SettingsPage() {
  const [data, setData] = useState<{
    manifest: { parameters: { name: string; type: string; required?: boolean }[] };
    translations: Record<string, { app?: { parameters?: Record<string, { label?: string; helpText?: string }> } }>;
  } | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>(ws.state.value?.settings ?? {});
  const [saved, setSaved] = useState(false);
  useEffect(() => void ws.api<NonNullable<typeof data>>('/__playground/manifest').then(setData), []);
  if (!data) return <main class="settings">Loading…</main>;
  const strings = data.translations.en?.app?.parameters ?? {};
  const save = async (e: Event) => {
    e.preventDefault();
    await ws.api('/__playground/settings', { method: 'POST', body: values });
    await ws.loadSession();
    host.reloadAll();
    setSaved(true);
  };
  return (
    <main class="settings">
      <h1>Closed Loop · Settings</h1>
      <p class="muted">Drawn from the app's manifest parameters and translations, as Admin Center does.</p>
      <form onSubmit={(e) => void save(e)}>
        {data.manifest.parameters.map((p) => {
          const label = strings[p.name]?.label ?? p.name;
          const help = strings[p.name]?.helpText;
          const id = `setting-${p.name}`;
          return (
            <div class="field" key={p.name}>
              {p.type === 'checkbox' ? (
                <label for={id}>
                  <input
                    id={id}
                    name={p.name}
                    type="checkbox"
                    checked={values[p.name] === true}
                    onChange={(e) => setValues({ ...values, [p.name]: (e.target as HTMLInputElement).checked })}
                  />{' '}
                  {label}
                </label>
              ) : (
                <>
                  <label for={id}>{label}</label>
                  <input
                    id={id}
                    name={p.name}
                    type={p.type === 'number' ? 'number' : 'text'}
                    value={String(values[p.name] ?? '')}
                    onInput={(e) => {
                      const raw = (e.target as HTMLInputElement).value;
                      setValues({ ...values, [p.name]: p.type === 'number' && raw !== '' ? Number(raw) : raw });
                    }}
                  />
                </>
              )}
              {help && <p class="help">{help}</p>}
            </div>
          );
        })}
        <button type="submit" class="submit">
          Save settings
        </button>
        {saved && <span role="status"> Saved. The app was reloaded with the new settings.</span>}
      </form>
    </main>
  );
}

function ModalLayer() {
  const [current, setCurrent] = useState<Instance | null>(null);
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    host.onModal = (instance) => setCurrent(instance);
  }, []);
  useEffect(() => {
    if (current && slot.current && !slot.current.contains(current.frame)) {
      slot.current.replaceChildren(current.frame);
    }
  }, [current]);
  if (!current) return null;
  const close = () => {
    host.emit('modal.close', {}, (i) => i.guid === current.parentGuid);
    host.unmount(current.guid);
    setCurrent(null);
  };
  return (
    <div class="modal-backdrop">
      <div
        class="modal"
        role="dialog"
        aria-modal="true"
        aria-label="Closed Loop"
        style={{ width: current.size?.width ?? '560px', height: current.size?.height ?? '480px' }}
      >
        <button type="button" class="modal__close" onClick={close} aria-label="Close modal">
          ×
        </button>
        <div class="modal__slot" ref={slot} />
      </div>
    </div>
  );
}

function Notices() {
  return (
    <div class="notices" aria-live="polite">
      {ws.notices.value.map((n) => (
        // Zendesk renders an app's notice as HTML (apps put <b> in theirs): so does the playground.
        <div key={n.id} class={`toast toast--${n.kind}`} dangerouslySetInnerHTML={{ __html: n.message }} />
      ))}
    </div>
  );
}

/**
 * As in Zendesk's agent workspace, a ticket once opened and the nav bar app once shown stay
 * loaded while the agent is elsewhere: the ticket's sidebar app keeps running behind the console.
 */
function Workspace() {
  const route = ws.route.value;
  const ticketId = ws.openTicketId.value;
  const [visited, setVisited] = useState({ ticket: route === 'ticket', console: route === 'console' });
  useEffect(() => {
    if ((route === 'ticket' || route === 'console') && !visited[route]) setVisited({ ...visited, [route]: true });
  }, [route, visited]);
  return (
    <div class="zd">
      <TopBar />
      <div class="zd__body">
        {(visited.ticket || route === 'ticket') && (
          <div class="zd__pane" hidden={route !== 'ticket'}>
            <TicketList />
            <TicketView />
            <aside class="apps" aria-label="Apps">
              <h2>Apps</h2>
              {ticketId !== null && <AppFrame key={ticketId} location="ticket_sidebar" ticketId={ticketId} title="Closed Loop sidebar" />}
            </aside>
          </div>
        )}
        {(visited.console || route === 'console') && (
          <div class="zd__pane" hidden={route !== 'console'}>
            <AppFrame location="nav_bar" ticketId={null} title="Closed Loop console" />
          </div>
        )}
        {route === 'settings' && <SettingsPage />}
      </div>
      <ModalLayer />
      <Notices />
      <div hidden>
        <AppFrame location="background" ticketId={null} title="Closed Loop background" />
      </div>
    </div>
  );
}

/** Changes made by others (another agent, a test) reach the open ticket within a second or two. */
function watchOpenTicket() {
  const check = async () => {
    const id = ws.openTicketId.value;
    if (id === null) return;
    const stamps = await ws.api<Record<string, string>>('/__playground/stamps').catch(() => null);
    if (stamps && ws.savedTicket.value && stamps[id] !== ws.savedTicket.value.updated_at) await host.liveUpdate();
  };
  setInterval(() => void check(), 1000);
}

async function start() {
  // Each location loads the page the app's manifest names for it, as in Zendesk.
  // A location is its url, or an object with `url` (both are valid in a manifest).
  const { manifest } = await ws.api<{ manifest: { location: { support: Record<string, string | { url: string }> } } }>(
    '/__playground/manifest',
  );
  host.locationUrls = Object.fromEntries(
    Object.entries(manifest.location.support).map(([location, options]) => [location, typeof options === 'string' ? options : options.url]),
  );
  await ws.loadSession();
  await ws.loadTickets();
  const requested = Number(new URLSearchParams(window.location.search).get('ticket'));
  const first = ws.tickets.value.find((t) => t.id === requested) ?? ws.tickets.value[0];
  if (first) await ws.openTicket(first.id);
  const route = new URLSearchParams(window.location.search).get('route');
  if (route === 'console' || route === 'settings') ws.route.value = route;
  render(<Workspace />, document.getElementById('root')!);
  watchOpenTicket();
}

void start();
