import * as z from 'zod/mini';

/** Shapes of what the ZAF host sends. Unknown keys are dropped; missing required ones fail. */

export const ContextSchema = z.object({
  instanceGuid: z.string(),
  product: z.string(),
  location: z.string(),
  account: z.optional(z.object({ subdomain: z.string() })),
  ticketId: z.optional(z.nullable(z.number())),
});
export type AppContext = z.infer<typeof ContextSchema>;

export const MetadataSchema = z.object({
  appId: z.number(),
  installationId: z.number(),
  name: z.string(),
  version: z.optional(z.string()),
  settings: z.record(z.string(), z.unknown()),
});
export type AppMetadata = z.infer<typeof MetadataSchema>;

const IdName = z.object({ id: z.number(), name: z.string() });

export const CurrentUserSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.optional(z.string()),
  locale: z.string(),
  // "end-user", "agent", "admin", or for an agent in a custom role that role's id.
  role: z.union([z.string(), z.number()]),
  groups: z.optional(z.array(IdName)),
});
export type CurrentUser = z.infer<typeof CurrentUserSchema>;

export const TicketUserSchema = z.object({
  id: z.number(),
  name: z.nullable(z.string()),
  email: z.optional(z.nullable(z.string())),
  locale: z.optional(z.nullable(z.string())),
});

export const TicketCommentSchema = z.object({
  id: z.number(),
  value: z.string(),
  author: z.object({ id: z.number(), name: z.optional(z.string()), role: z.optional(z.string()) }),
  public: z.optional(z.boolean()),
  createdAt: z.optional(z.string()),
});

export const TagsSchema = z.array(z.string());
