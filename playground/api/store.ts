import { readFileSync } from 'node:fs';

/**
 * The emulated Zendesk account's data, in memory, seeded from the demo fixtures (Zendesk's own
 * JSON shapes). Timestamps in the fixtures are relative to FIXTURE_NOW and are shifted so the
 * demo always looks recent.
 */
export const FIXTURE_NOW = Date.parse('2026-11-20T12:00:00Z');

export interface User {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  custom_role_id: number | null;
  locale: string;
  time_zone?: string;
  default_group_id?: number | null;
  photo?: unknown;
  active?: boolean;
  created_at: string;
  updated_at: string;
}
export interface Group {
  id: number;
  name: string;
  description?: string;
  default?: boolean;
  deleted?: boolean;
  created_at: string;
  updated_at: string;
}
export interface GroupMembership {
  id: number;
  user_id: number;
  group_id: number;
  default?: boolean;
  created_at?: string;
}
export interface CustomField {
  id: number;
  value: unknown;
}
export interface Ticket {
  id: number;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  type?: string | null;
  /** For an incident, the problem ticket it is linked to. */
  problem_id?: number | null;
  has_incidents?: boolean;
  requester_id: number;
  submitter_id?: number;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
  custom_fields: CustomField[];
  created_at: string;
  updated_at: string;
  via?: unknown;
  [key: string]: unknown;
}
export interface Comment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  created_at: string;
  attachments: unknown[];
}
export interface AuditEvent {
  id: number;
  type: string;
  field_name?: string;
  value?: unknown;
  previous_value?: unknown;
  body?: string;
  html_body?: string;
  public?: boolean;
  author_id?: number;
}
export interface Audit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  metadata: Record<string, unknown>;
  via: unknown;
  events: AuditEvent[];
}
export interface Article {
  id: number;
  title: string;
  body: string;
  html_url: string;
  url?: string;
  locale: string;
  section_id: number;
  label_names: string[];
  updated_at: string;
  created_at: string;
  vote_sum: number;
  draft?: boolean;
  [key: string]: unknown;
}
/** An external content record (Federated Search's External Content Records API), e.g. a Confluence page. */
export interface ExternalRecord {
  id: string;
  external_id: string;
  title: string;
  body: string;
  locale: string;
  url: string;
  source_id: string;
  type_id: string;
  user_segment_id: number | null;
  created_at: string;
  updated_at: string;
}
/** An external content source or type (Federated Search): an id and the name the team gave it. */
export interface ExternalNamed {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}
export interface ExternalContent {
  sources: ExternalNamed[];
  types: ExternalNamed[];
  records: ExternalRecord[];
}
/** A community post (Help Center Community Posts API); the demo's community writes in English. */
export interface Post {
  id: number;
  url: string;
  html_url: string;
  title: string;
  details: string;
  author_id: number;
  topic_id: number;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}
export interface Section {
  id: number;
  name: string;
  locale?: string;
  [key: string]: unknown;
}
export interface CustomObjectRecord {
  id: string;
  name: string;
  custom_object_key: string;
  custom_object_fields: Record<string, unknown>;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  created_by_user_id: string | number;
  updated_by_user_id: string | number;
  [key: string]: unknown;
}

/** A custom agent role (Enterprise), with the custom object permissions Zendesk documents in its configuration. */
export interface CustomRole {
  id: number;
  name: string;
  description: string;
  role_type: number;
  team_member_count: number;
  created_at: string;
  updated_at: string;
  configuration: Record<string, unknown> & { custom_objects?: Record<string, { scopes: string[] }> };
}

/** A macro as List Macros gives it with every usage side-load (`include=usage_1h,usage_24h,usage_7d,usage_30d`); `url` is added when served. */
export interface Macro {
  id: number;
  title: string;
  description: string | null;
  active: boolean;
  default: boolean;
  position: number;
  restriction: Record<string, unknown> | null;
  actions: { field: string; value: unknown }[];
  created_at: string;
  updated_at: string;
  usage_1h: number;
  usage_24h: number;
  usage_7d: number;
  usage_30d: number;
}

export interface Fixtures {
  users: User[];
  groups: Group[];
  group_memberships: GroupMembership[];
  tickets: Ticket[];
  comments: Record<string, Comment[]>;
  audits: Record<string, Audit[]>;
  sections: Section[];
  articles: Article[];
  external_content: ExternalContent;
  posts: Post[];
  answers: CustomObjectRecord[];
  feedback: CustomObjectRecord[];
  custom_roles: CustomRole[];
  macros: Macro[];
}

const fixtureDir = new URL('../fixtures/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as T;

export function loadFixtures(): Fixtures {
  return {
    users: read('users.json'),
    groups: read('groups.json'),
    group_memberships: read('group_memberships.json'),
    tickets: read('tickets.json'),
    comments: read('comments.json'),
    audits: read('audits.json'),
    sections: read('help_center/sections.json'),
    articles: read('help_center/articles.json'),
    external_content: read('help_center/external_content.json'),
    posts: read('help_center/posts.json'),
    answers: read('answers.json'),
    feedback: read('answer_feedback.json'),
    custom_roles: read('custom_roles.json'),
    macros: read('macros.json'),
  };
}

/** Where the demo account lives in the fixtures' URLs, as Zendesk writes them. */
const FIXTURE_ORIGIN = 'https://lumenbank.zendesk.com';

/**
 * A fixture URL on the demo account, moved to the playground, which serves that account at
 * `baseUrl`: Help Center links then open the playground's own article pages. Other URLs are kept.
 */
export function servedUrl(url: string, baseUrl: string): string {
  return url.startsWith(`${FIXTURE_ORIGIN}/`) ? baseUrl + url.slice(FIXTURE_ORIGIN.length) : url;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A time as Zendesk writes it: UTC with whole seconds, e.g. `2026-11-29T16:04:33Z`. */
export function zendeskTime(ms = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Moves every ISO timestamp in the fixtures by the same offset, so "3 days ago" stays true. */
function shiftTimes<T>(value: T, offsetMs: number): T {
  if (typeof value === 'string') {
    return (ISO.test(value) ? zendeskTime(Date.parse(value) + offsetMs) : value) as T;
  }
  if (Array.isArray(value)) return (value as unknown[]).map((item) => shiftTimes(item, offsetMs)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shiftTimes(v, offsetMs)] as const)) as T;
  }
  return value;
}

/** A custom object as Zendesk shows it (Show Custom Object), installed from the app's requirements. */
export interface ObjectDefinition {
  key: string;
  title: string;
  raw_title: string;
  title_pluralized: string;
  raw_title_pluralized: string;
  description: string;
  raw_description: string;
  include_in_list_view: boolean;
  allows_photos: boolean;
  created_at: string;
  updated_at: string;
  created_by_user_id: string;
  updated_by_user_id: string;
}

interface RequiredObject {
  key: string;
  title: string;
  title_pluralized: string;
  description?: string;
  include_in_list_view?: boolean;
}

interface RequiredField {
  object_key: string;
  key: string;
  type: string;
}

const requirements = () =>
  (
    JSON.parse(readFileSync(new URL('../../requirements.json', import.meta.url), 'utf8')) as {
      custom_objects_v2: { objects: RequiredObject[]; object_fields: RequiredField[] };
    }
  ).custom_objects_v2;
const requiredObjects = (): RequiredObject[] => requirements().objects;

export class Store {
  users = new Map<number, User>();
  groups = new Map<number, Group>();
  memberships: GroupMembership[] = [];
  tickets = new Map<number, Ticket>();
  comments = new Map<number, Comment[]>();
  audits = new Map<number, Audit[]>();
  sections: Section[] = [];
  articles: Article[] = [];
  externalContent: ExternalContent = { sources: [], types: [], records: [] };
  posts: Post[] = [];
  /** Custom object records by object key. */
  records = new Map<string, CustomObjectRecord[]>();
  objects: ObjectDefinition[] = [];
  /** The custom fields of each object, by object key: field key → type (`checkbox`, `integer`, …). */
  fieldTypes = new Map<string, Map<string, string>>();
  /** Ticket fields installed by the app's requirements (id → identifier). */
  customRoles: CustomRole[] = [];
  macros: Macro[] = [];
  ticketFields = [{ id: 360001, identifier: 'escalation_status', title: 'Escalation status', type: 'tagger' }];
  private nextId = 90000000;

  constructor(fixtures: Fixtures, now = Date.now()) {
    const data = shiftTimes(fixtures, now - FIXTURE_NOW);
    for (const user of data.users) this.users.set(user.id, user);
    for (const group of data.groups) this.groups.set(group.id, group);
    this.memberships = data.group_memberships;
    this.customRoles = data.custom_roles;
    this.macros = data.macros;
    for (const ticket of data.tickets) this.tickets.set(ticket.id, ticket);
    for (const [id, list] of Object.entries(data.comments)) this.comments.set(Number(id), list);
    for (const [id, list] of Object.entries(data.audits)) this.audits.set(Number(id), list);
    this.sections = data.sections;
    this.articles = data.articles;
    this.externalContent = data.external_content;
    this.posts = data.posts;
    this.records.set('closed_loop_answer', data.answers);
    this.records.set('closed_loop_feedback', data.feedback);
    // Installed with the app by the account's first admin, some months before the demo's "now".
    const installedAt = new Date(now - 180 * 24 * 3600 * 1000).toISOString();
    const installer = String(data.users.find((u) => u.role === 'admin')?.id ?? '');
    this.objects = requiredObjects().map((o) => ({
      key: o.key,
      title: o.title,
      raw_title: o.title,
      title_pluralized: o.title_pluralized,
      raw_title_pluralized: o.title_pluralized,
      description: o.description ?? '',
      raw_description: o.description ?? '',
      include_in_list_view: o.include_in_list_view ?? false,
      allows_photos: false,
      created_at: installedAt,
      updated_at: installedAt,
      created_by_user_id: installer,
      updated_by_user_id: installer,
    }));
    for (const f of requirements().object_fields) {
      if (!this.fieldTypes.has(f.object_key)) this.fieldTypes.set(f.object_key, new Map());
      this.fieldTypes.get(f.object_key)!.set(f.key, f.type);
    }
    // Every object the app requires is installed; those without demo records start empty.
    for (const o of this.objects) if (!this.records.has(o.key)) this.records.set(o.key, []);
  }

  id(): number {
    return ++this.nextId;
  }

  groupsOf(userId: number): Group[] {
    return this.memberships
      .filter((m) => m.user_id === userId)
      .map((m) => this.groups.get(m.group_id))
      .filter((g): g is Group => g !== undefined);
  }
}
