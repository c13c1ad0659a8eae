import * as z from 'zod/mini';
import { ApiError } from '../errors';
import type { HostClient } from '../client';
import { getGroup } from './users';

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
/** A deleted group counts as missing: tickets can no longer be assigned to it. */
export const groupExists = async (host: HostClient, id: number) => (await getGroup(host, id))?.deleted === false;

export async function ticketFieldIds(host: HostClient): Promise<number[]> {
  const response = await host.request(
    { url: '/api/v2/ticket_fields.json' },
    z.object({ ticket_fields: z.array(z.object({ id: z.number(), active: z.optional(z.boolean()) })) }),
  );
  return response.ticket_fields.filter((f) => f.active !== false).map((f) => f.id);
}

const CustomRolesSchema = z.object({
  custom_roles: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      configuration: z.optional(
        z.object({ custom_objects: z.optional(z.nullable(z.record(z.string(), z.object({ scopes: z.array(z.string()) })))) }),
      ),
    }),
  ),
});

/** Scopes of a custom role that change or remove records, as opposed to reading and adding them. */
const WRITE_SCOPES = ['update', 'delete'];

/**
 * The custom agent roles allowed to change or delete records of `objectKey`, from each role's
 * `configuration.custom_objects` scopes; null where the account has no custom roles to read
 * (the list is Enterprise only: 403 or 404 elsewhere).
 */
export async function rolesThatEdit(host: HostClient, objectKey: string): Promise<{ id: number; name: string }[] | null> {
  try {
    const { custom_roles } = await host.request({ url: '/api/v2/custom_roles.json' }, CustomRolesSchema);
    return custom_roles
      .filter((role) => role.configuration?.custom_objects?.[objectKey]?.scopes.some((scope) => WRITE_SCOPES.includes(scope)))
      .map(({ id, name }) => ({ id, name }));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
