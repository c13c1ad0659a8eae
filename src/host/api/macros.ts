import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { readPages } from './pages';

/* The account's macros (List Macros), for answers that name the macro they replace. */

const MacroSchema = z.object({
  id: z.number(),
  title: z.string(),
  active: z.optional(z.boolean()),
  updated_at: z.optional(z.nullable(z.string())),
  // Side-loaded with `include=usage_30d`; absent when the account does not give it.
  usage_30d: z.optional(z.nullable(z.number())),
});

const MacroPage = z.object({ macros: z.array(MacroSchema), next_page: z.optional(z.nullable(z.string())) });

export interface Macro {
  id: number;
  title: string;
  active: boolean;
  updatedAt: string | null;
  /** Uses in the last 30 days; null when Zendesk did not say. */
  uses30d: number | null;
}

/**
 * Every macro the signed-in agent can see, active and inactive (List Macros filters by activity
 * only when asked), with each one's uses in the last 30 days side-loaded: one read for the whole
 * library rather than one per answer (Show Macro documents no usage side-load).
 */
export async function listMacros(host: HostClient): Promise<Macro[]> {
  return readPages(host, '/api/v2/macros.json?include=usage_30d', MacroPage, (page) =>
    page.macros.map((m) => ({
      id: m.id,
      title: m.title,
      active: m.active ?? true,
      updatedAt: m.updated_at ?? null,
      uses30d: m.usage_30d ?? null,
    })),
  );
}
