import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { ApiError } from '../errors';
import { assertFits, recordsPath, type RecordContent } from './customObjects';

/* Record calls only editing needs (the console and the proposal modal), kept out of the sidebar's download. */

/** The record created with this `external_id`, or null. */
export async function recordByExternalId<T>(
  host: HostClient,
  key: string,
  externalId: string,
  schema: z.ZodMiniType<T>,
): Promise<T | null> {
  const Page = z.object({ custom_object_records: z.array(schema) });
  const params = new URLSearchParams({ 'filter[external_ids]': externalId });
  const page = await host.request({ url: `${recordsPath(key)}.json?${params}` }, Page);
  return page.custom_object_records[0] ?? null;
}

/**
 * Patches a record. With `current` (the record as last read), a change that would take it over
 * 32 KB is refused before it is sent.
 */
export async function updateRecord<T>(
  host: HostClient,
  key: string,
  id: string,
  change: { name?: string; fields?: Record<string, unknown> },
  schema: z.ZodMiniType<T>,
  current?: RecordContent,
): Promise<T> {
  if (current) assertFits({ name: change.name ?? current.name, fields: { ...current.fields, ...change.fields } });
  const body: Record<string, unknown> = {};
  if (change.name !== undefined) body.name = change.name;
  if (change.fields) body.custom_object_fields = change.fields;
  const response = await host.request(
    { url: `${recordsPath(key)}/${encodeURIComponent(id)}.json`, method: 'PATCH', body: { custom_object_record: body } },
    z.object({ custom_object_record: schema }),
  );
  return response.custom_object_record;
}

/** Deletes a record; one already gone counts as deleted. */
export async function deleteRecord(host: HostClient, key: string, id: string): Promise<void> {
  try {
    await host.request({ url: `${recordsPath(key)}/${encodeURIComponent(id)}.json`, method: 'DELETE' }, z.unknown());
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}
