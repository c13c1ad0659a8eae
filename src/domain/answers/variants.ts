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

/**
 * Each answer's variants among `answers` (itself among them), in their order. Only answers that
 * share a tag can be variants, so each is looked for among those: a library of thousands is not
 * scanned for every answer asked about.
 */
export function variantsAmong<T extends VariantKey>(answers: readonly T[]): (answer: VariantKey) => T[] {
  const byId = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  answers.forEach((a, i) => {
    add(byId, a.id, i);
    for (const tag of a.tags ?? []) add(byTag, tag, i);
  });
  return (answer) => {
    const near = new Set(byId.get(answer.id));
    for (const tag of answer.tags ?? []) for (const i of byTag.get(tag) ?? []) near.add(i);
    return [...near]
      .sort((x, y) => x - y)
      .map((i) => answers[i]!)
      .filter((a) => isVariant(answer, a));
  };
}
