import * as z from 'zod/mini';
import { ApiError } from '../errors';
import type { HostClient } from '../client';

/** True when the resource exists, false on 404; other failures are thrown. */
async function exists(host: HostClient, url: string): Promise<boolean> {
  try {
    await host.request({ url }, z.unknown());
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

export const customObjectExists = (host: HostClient, key: string) => exists(host, `/api/v2/custom_objects/${encodeURIComponent(key)}.json`);
export const groupExists = (host: HostClient, id: number) => exists(host, `/api/v2/groups/${id}.json`);

export async function ticketFieldIds(host: HostClient): Promise<number[]> {
  const response = await host.request(
    { url: '/api/v2/ticket_fields.json' },
    z.object({ ticket_fields: z.array(z.object({ id: z.number(), active: z.optional(z.boolean()) })) }),
  );
  return response.ticket_fields.filter((f) => f.active !== false).map((f) => f.id);
}
