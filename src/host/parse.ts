import type * as z from 'zod/mini';
import { InvalidPayloadError } from './errors';

/** Validates `data` against `schema`, or throws an InvalidPayloadError naming where it came from. */
export function parsePayload<T>(schema: z.ZodMiniType<T>, data: unknown, source: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new InvalidPayloadError(source, issues);
}
