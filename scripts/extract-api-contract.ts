/**
 * Writes tests/contract/zendesk-support-api.operations.json: the Support API operations the app
 * and the playground use, cut out of Zendesk's OpenAPI description with every $ref inlined, so the
 * contract test needs neither the 1.2 MB description nor a YAML parser.
 *
 *   npx tsx scripts/extract-api-contract.ts [path/to/zendesk-support-api.oas.yaml]
 *
 * A developer runs it when the description or the list below changes; tests only read its output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Zendesk's OpenAPI description of the Support API (openapi-src.yaml), given on the command line.
const SOURCE = process.argv[2];
if (!SOURCE) {
  console.error('usage: npx tsx scripts/extract-api-contract.ts <zendesk-support-api.oas.yaml>');
  process.exit(1);
}
const OUT = `${ROOT}tests/contract/zendesk-support-api.operations.json`;

/** The operations used, by method and OAS path (the app adds `.json`, which Zendesk accepts). */
const USED: [method: string, path: string][] = [
  ['get', '/api/v2/users/me'],
  ['get', '/api/v2/users/show_many'],
  ['get', '/api/v2/users/{user_id}'],
  ['get', '/api/v2/groups'],
  ['get', '/api/v2/groups/{group_id}'],
  ['get', '/api/v2/group_memberships'],
  ['get', '/api/v2/custom_roles'],
  ['get', '/api/v2/macros'],
  ['get', '/api/v2/tickets/{ticket_id}'],
  ['put', '/api/v2/tickets/{ticket_id}'],
  ['get', '/api/v2/tickets/show_many'],
  ['get', '/api/v2/tickets/{ticket_id}/comments'],
  ['get', '/api/v2/tickets/{ticket_id}/audits'],
  ['get', '/api/v2/tickets/{ticket_id}/incidents'],
  ['get', '/api/v2/ticket_fields'],
  ['get', '/api/v2/ticket_metrics'],
  ['get', '/api/v2/search'],
  ['get', '/api/v2/search/export'],
  ['get', '/api/v2/custom_objects/{custom_object_key}'],
  ['get', '/api/v2/custom_objects/{custom_object_key}/records'],
  ['post', '/api/v2/custom_objects/{custom_object_key}/records'],
  ['get', '/api/v2/custom_objects/{custom_object_key}/records/search'],
  ['post', '/api/v2/custom_objects/{custom_object_key}/records/search'],
  ['get', '/api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}'],
  ['patch', '/api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}'],
  ['delete', '/api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}'],
];

/**
 * Where the description says in prose what its structured part leaves out. Each entry names the
 * words it rests on; nothing here is guessed.
 */
const PAGINATION: Record<string, { params: string[]; source: string }> = {
  offset: {
    params: ['page', 'per_page'],
    source:
      'the operation\'s "Pagination" section says offset pagination; /api-reference/introduction/pagination/ documents page and per_page',
  },
  cursor: {
    params: ['page[size]', 'page[after]', 'page[before]'],
    source:
      'the operation\'s "Pagination" section says cursor pagination; /api-reference/introduction/pagination/ documents page[size], page[after] and page[before]',
  },
};

/** An audit event's `value` as the Ticket Audit events reference gives it for Create and Change events. */
const AUDIT_EVENT_VALUE = {
  description:
    'The description types this oneOf string/integer; the Ticket Audit events reference (/documentation/ticketing/reference-guides/ticket-audit-events-reference) gives "string, array, or object" for Create and Change events (a tags change carries the tag list).',
  oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'array' }, { type: 'object' }],
};

interface Supplement {
  aliases?: string[];
  query?: { name: string; source: string }[];
  requestBodyFrom?: string;
  /** Replaces the schema found at a path of the operation's extracted form. */
  replace?: { path: (string | number)[]; with: (spec: JsonObject) => Json }[];
  note?: string;
}

const SUPPLEMENTS: Record<string, Supplement> = {
  ListGroupMemberships: {
    aliases: ['/api/v2/groups/{group_id}/memberships', '/api/v2/users/{user_id}/group_memberships'],
    note: 'The description lists the path parameters group_id and user_id under /api/v2/group_memberships; Zendesk\'s "List Memberships" reference gives the three paths.',
  },
  ShowCurrentUser: {
    query: [
      {
        name: 'include',
        source: '/documentation/ticketing/using-the-zendesk-api/side_loading/ (users: abilities, groups, identities, organizations, roles)',
      },
    ],
  },
  ShowManyUsers: {
    query: [{ name: 'include', source: '/documentation/ticketing/using-the-zendesk-api/side_loading/' }],
  },
  ShowUser: {
    query: [{ name: 'include', source: '/documentation/ticketing/using-the-zendesk-api/side_loading/' }],
  },
  UpdateTicket: {
    replace: [
      {
        // TicketUpdateInput points custom_fields at CustomFieldObject, the ticket *field* definition;
        // the property's own text links "Setting custom field values", which sets {id, value}, the
        // shape TicketObject.custom_fields documents.
        path: ['requestBody', 'properties', 'ticket', 'properties', 'custom_fields', 'items'],
        with: (spec) => resolve(pathIn(spec, ['components', 'schemas', 'TicketObject', 'properties', 'custom_fields', 'items'])),
      },
      {
        path: ['responses', '200', 'properties', 'audit', 'properties', 'events', 'items', 'properties', 'value'],
        with: () => AUDIT_EVENT_VALUE,
      },
    ],
    note: "Two schemas replaced (request custom_fields items, the audit's event value); each says why in its description.",
  },
  UpdateCustomObjectRecord: {
    requestBodyFrom: 'CustomObjectRecordsUpsertRequest',
    note: 'The operation has no requestBody; its description says it "takes a custom_object_record object that specifies the properties to update" with the fields nested in custom_object_fields, which is the CustomObjectRecordsUpsertRequest shape.',
  },
};

const spec = parse(readFileSync(SOURCE, 'utf8')) as JsonObject;
const components = spec.components as JsonObject;

function pathIn(node: Json, path: (string | number)[]): Json {
  let at: Json = node;
  for (const key of path) {
    const next: Json | undefined = (at as Record<string | number, Json> | null)?.[key];
    if (next === undefined) throw new Error(`No ${path.join('.')} (stopped at ${key}): has the description changed?`);
    at = next;
  }
  return at;
}

function lookup(ref: string): Json {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: Json = spec;
  for (const part of parts) node = (node as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')]!;
  if (node === undefined) throw new Error(`Unresolved ${ref}`);
  return node;
}

/** Inlines every $ref; a schema that refers to itself again is cut there (the walk stays finite). */
function resolve(node: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => resolve(item, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (seen.includes(ref)) return { description: `recursive reference to ${ref} cut here` };
    return resolve(lookup(ref), [...seen, ref]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // Examples are documentation, not contract, and make the fixture several times larger.
    if (key === 'example' || key === 'examples') continue;
    out[key] = resolve(value, seen);
  }
  return out;
}

function paginationOf(description: string): (keyof typeof PAGINATION)[] {
  const section = /#### Pagination([\s\S]*?)(?:\n#### |$)/.exec(description)?.[1] ?? '';
  // The section's bullet list names the kinds: "* Cursor pagination (recommended)", "- Offset pagination only".
  const bullets = section.split('\n').filter((line) => /^\s*[-*] /.test(line));
  const kinds: (keyof typeof PAGINATION)[] = [];
  if (bullets.some((line) => /cursor pagination/i.test(line))) kinds.push('cursor');
  if (bullets.some((line) => /offset pagination/i.test(line))) kinds.push('offset');
  return kinds;
}

const paths = spec.paths as JsonObject;
const operations = USED.map(([method, path]) => {
  const item = paths[path] as JsonObject | undefined;
  const op = item?.[method] as JsonObject | undefined;
  if (!item || !op) throw new Error(`${method.toUpperCase()} ${path} is not in the description`);
  const operationId = op.operationId as string;
  const supplement = SUPPLEMENTS[operationId] ?? {};
  const params = [...((item.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])].map(
    (p) => resolve(p) as JsonObject,
  );
  const query: { name: string; source?: string }[] = params.filter((p) => p.in === 'query').map((p) => ({ name: p.name as string }));
  for (const kind of paginationOf(typeof op.description === 'string' ? op.description : '')) {
    for (const name of PAGINATION[kind]!.params) {
      if (!query.some((q) => q.name === name)) query.push({ name, source: PAGINATION[kind]!.source });
    }
  }
  for (const extra of supplement.query ?? []) if (!query.some((q) => q.name === extra.name)) query.push(extra);

  const bodySchema = (op.requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
  let requestBody = bodySchema ? resolve((bodySchema['application/json'] as JsonObject).schema!) : null;
  if (!requestBody && supplement.requestBodyFrom) {
    requestBody = resolve({ $ref: `#/components/schemas/${supplement.requestBodyFrom}` });
  }
  const responses: Record<string, Json> = {};
  for (const [status, response] of Object.entries(op.responses as JsonObject)) {
    const content = (resolve(response) as JsonObject).content as JsonObject | undefined;
    responses[status] = content ? ((content['application/json'] as JsonObject | undefined)?.schema ?? null) : null;
  }
  const operation: JsonObject = {
    operationId,
    method: method.toUpperCase(),
    path,
    ...(supplement.aliases ? { aliases: supplement.aliases } : {}),
    pathParameters: params.filter((p) => p.in === 'path').map((p) => p.name as string),
    queryParameters: query,
    requestBody,
    responses,
    ...(supplement.note ? { note: supplement.note } : {}),
  };
  for (const { path: where, with: make } of supplement.replace ?? []) {
    const parent = pathIn(operation, where.slice(0, -1)) as Record<string | number, Json>;
    pathIn(operation, where);
    parent[where.at(-1)!] = make(spec);
  }
  return operation;
});

const fixture = {
  source: {
    title: 'Zendesk Support API, OpenAPI description as Zendesk publishes it for developer.zendesk.com',
    from: "openapi-src.yaml in the public repository botbrains-io/python-zendesk, commit 66ad8af (May 2026), which keeps Zendesk's description with small edits so that it validates",
    copyright: 'Zendesk, Inc.',
    generatedBy: 'scripts/extract-api-contract.ts',
    notes: [
      'Only the operations the app or the playground use; $refs are inlined, examples left out.',
      'Paths have no `.json`: Zendesk accepts both, so the contract matcher treats the suffix as optional.',
      'queryParameters entries with a `source` come from the prose of the description or of the pages it links to, not its parameter lists.',
    ],
  },
  /**
   * Error bodies the description documents outside any one operation: the Support API's
   * {error, description, details} (the "Errors JSON Format" of List Search Results and the
   * introduction's "400 range") and the newer APIs' Errors list (components.schemas.Errors).
   */
  errorBody: {
    anyOf: [
      {
        type: 'object',
        required: ['error'],
        properties: {
          error: { oneOf: [{ type: 'string' }, { type: 'object' }] },
          description: { type: 'string' },
          details: { type: 'object' },
        },
      },
      // The component lists `errors` without requiring it; an error body with neither key says nothing.
      { ...(resolve((components.schemas as JsonObject).Errors!) as JsonObject), required: ['errors'] },
    ],
  },
  operations,
};

// Formatted as the project's Prettier would, so `prettier --check` leaves it alone.
writeFileSync(OUT, await format(JSON.stringify(fixture), { ...(await resolveConfig(OUT)), filepath: OUT }));
console.log(`wrote ${operations.length} operations to ${OUT}`);
