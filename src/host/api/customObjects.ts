import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { RecordTooLargeError } from '../errors';

/** The app's custom objects (requirements.json), by key. */
export const ANSWER_OBJECT = 'closed_loop_answer';
export const FEEDBACK_OBJECT = 'closed_loop_feedback';
export const ROOT_CAUSE_OBJECT = 'closed_loop_root_cause';

/** A Custom Objects v2 record; `fields` are validated by each object's own schema. */
export function recordSchema<F extends z.ZodMiniType>(fields: F) {
  return z.object({
    id: z.string(),
    name: z.string(),
    custom_object_fields: fields,
    created_at: z.string(),
    updated_at: z.string(),
    created_by_user_id: z.optional(z.nullable(z.union([z.string(), z.number()]))),
    // Set by Zendesk on every write, never by the client: what approvals are verified against.
    updated_by_user_id: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  });
}

/** Zendesk: "Each record has a maximum size of 32 KB". */
export const RECORD_MAX_BYTES = 32 * 1024;

export interface RecordContent {
  name: string;
  fields: Record<string, unknown>;
}

/** A record's size as counted against the 32 KB: its name and fields as JSON, in UTF-8 bytes. */
export function recordBytes({ name, fields }: RecordContent): number {
  return new TextEncoder().encode(JSON.stringify({ name, custom_object_fields: fields })).length;
}

/** Refuses, before anything is sent, a record Zendesk would not store. */
export function assertFits(record: RecordContent) {
  const bytes = recordBytes(record);
  if (bytes > RECORD_MAX_BYTES) throw new RecordTooLargeError(bytes, RECORD_MAX_BYTES);
}

export const recordsPath = (key: string) => `/api/v2/custom_objects/${encodeURIComponent(key)}/records`;

interface PagedRead<T, U> {
  /** A filtered search's body (POST); a plain list without one. */
  body?: Record<string, unknown>;
  sort?: string;
  map?: (record: T) => U;
  /** Called with the records read so far after each page but the last: a long list can be shown as it arrives. */
  onPage?: (soFar: U[]) => void;
  /** The read ends at the first record this holds for, which it leaves out. */
  stopAt?: (record: T) => boolean;
}

/** Records in a page of a cursor-paged read: the most Zendesk gives. */
const PAGE_SIZE = 100;

/** Every record a cursor-paged read gives (up to `stopAt`), in pages of 100. */
async function allPages<T, U = T>(
  host: HostClient,
  path: string,
  schema: z.ZodMiniType<T>,
  { body, sort, map = (record) => record as unknown as U, onPage, stopAt }: PagedRead<T, U> = {},
): Promise<U[]> {
  const Page = z.object({
    custom_object_records: z.array(schema),
    meta: z.object({ has_more: z.boolean(), after_cursor: z.nullable(z.string()) }),
  });
  const records: U[] = [];
  let after: string | null = null;
  do {
    const params = new URLSearchParams({ 'page[size]': String(PAGE_SIZE) });
    if (sort) params.set('sort', sort);
    if (after) params.set('page[after]', after);
    const url = `${path}?${params}`;
    const page: z.infer<typeof Page> = await host.request(body ? { url, method: 'POST', body } : { url }, Page);
    // Each page as it arrives: a large list mapped at the end would be one long task.
    for (const record of page.custom_object_records) {
      if (stopAt?.(record)) return records;
      records.push(map(record));
    }
    after = page.meta.has_more ? page.meta.after_cursor : null;
    if (after) onPage?.([...records]);
  } while (after);
  return records;
}

/** What the paged reads need of a record: its id, and when it was last written. */
interface Written {
  id: string;
  updated_at: string;
}

/**
 * Lists every record, each as `map` makes it, most recently written first (`sort=-updated_at`): a
 * long list shown as it arrives starts with the rows an order by recent change puts on top. A
 * record written while the pages are read moves ahead of them and would be missed: the head of the
 * list is then read again, down to the newest record of the first page, and replaces the copies
 * read before. A record written within the same second as that newest one is left to the next read
 * (the sidebar's check of the record written last calls for one).
 */
export async function listRecords<T extends Written, U = T>(
  host: HostClient,
  key: string,
  schema: z.ZodMiniType<T>,
  { map = (record) => record as unknown as U, onPage }: Pick<PagedRead<T, U>, 'map' | 'onPage'> = {},
): Promise<U[]> {
  const path = `${recordsPath(key)}.json`;
  const ids: string[] = [];
  let newest: number | null = null;
  const records = await allPages(host, path, schema, {
    sort: '-updated_at',
    map: (record) => {
      ids.push(record.id);
      newest ??= Date.parse(record.updated_at);
      return map(record);
    },
    onPage,
  });
  // One page was read at once: nothing moved meanwhile.
  if (newest === null || records.length <= PAGE_SIZE) return records;
  const since = newest;
  // Written after the newest record read, so never all of a bulk import written within one second.
  const moved = await allPages(host, path, schema, { sort: '-updated_at', stopAt: (record) => Date.parse(record.updated_at) <= since });
  const seen = new Set(moved.map((record) => record.id));
  return [...moved.map(map), ...records.filter((_, i) => !seen.has(ids[i]!) && seen.add(ids[i]!))];
}

/** One comparison of Zendesk's filtered search: a custom field or a standard one (`created_at`, …), an operator, a value. */
export type RecordCondition = Record<string, Partial<Record<'$eq' | '$gt', string | number | boolean>>>;

/** `{ field: value }` as `$eq` comparisons on the record's custom fields. */
export const fieldsEqual = (fields: Record<string, string | number | boolean>): RecordCondition[] =>
  Object.entries(fields).map(([field, value]) => ({ [`custom_object_fields.${field}`]: { $eq: value } }));

/**
 * Every record meeting all the conditions, through Zendesk's filtered search (POST …/records/search),
 * in cursor pages. Sorted (by creation), as Zendesk returns only the first 10,000 records of an
 * unsorted search.
 */
export function searchRecords<T>(host: HostClient, key: string, conditions: RecordCondition[], schema: z.ZodMiniType<T>): Promise<T[]> {
  return allPages(host, `${recordsPath(key)}/search.json`, schema, { body: { filter: { $and: conditions } }, sort: 'created_at' });
}

/** The record written last (Zendesk sorts by `-updated_at`), or null when there is none: one small request. */
export async function latestRecord<T>(host: HostClient, key: string, schema: z.ZodMiniType<T>): Promise<T | null> {
  const Page = z.object({ custom_object_records: z.array(schema) });
  const params = new URLSearchParams({ sort: '-updated_at', 'page[size]': '1' });
  const page = await host.request({ url: `${recordsPath(key)}.json?${params}` }, Page);
  return page.custom_object_records[0] ?? null;
}

export async function getRecord<T>(host: HostClient, key: string, id: string, schema: z.ZodMiniType<T>): Promise<T> {
  const response = await host.request(
    { url: `${recordsPath(key)}/${encodeURIComponent(id)}.json` },
    z.object({ custom_object_record: schema }),
  );
  return response.custom_object_record;
}

export async function createRecord<T>(
  host: HostClient,
  key: string,
  record: { name: string; fields: Record<string, unknown>; externalId?: string },
  schema: z.ZodMiniType<T>,
): Promise<T> {
  assertFits(record);
  const body: Record<string, unknown> = { name: record.name, custom_object_fields: record.fields };
  if (record.externalId !== undefined) body.external_id = record.externalId;
  const response = await host.request(
    {
      url: `${recordsPath(key)}.json`,
      method: 'POST',
      body: { custom_object_record: body },
    },
    z.object({ custom_object_record: schema }),
  );
  return response.custom_object_record;
}
