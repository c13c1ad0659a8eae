/**
 * One issue, several languages: a library may hold an answer in English and its variants in the
 * customers' languages. The sidebar shows the requester's variant, matching judges its confidence
 * on the issue, and a report against one variant goes for all of them.
 */

/** What variants are told apart by: the language and the match tags. */
export interface VariantKey {
  id: string;
  locale?: string | null;
  tags?: readonly string[];
}

/** Two answers are language variants of each other when they share most of their match tags. */
export function isVariant(a: VariantKey, b: VariantKey): boolean {
  if (a.id === b.id) return true;
  if ((a.locale ?? '') === (b.locale ?? '')) return false;
  const [ours, theirs] = [a.tags ?? [], b.tags ?? []];
  const shared = ours.filter((t) => theirs.includes(t)).length;
  return shared >= 2 && shared * 2 >= Math.min(ours.length, theirs.length);
}
