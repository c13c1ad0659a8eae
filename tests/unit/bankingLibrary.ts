import { readRows } from '../../scripts/matching-eval-lib';
import type { AnswerDoc } from '../../src/domain/matching';

/** The first `intents` BANKING77 intents as answers, with up to `examples` examples each. */
export function bankingLibrary(intents: number, examples: number): AnswerDoc[] {
  const byCategory = new Map<string, string[]>();
  for (const row of readRows('data/banking77/train.csv')) {
    const list = byCategory.get(row.category) ?? [];
    byCategory.set(row.category, list);
    if (list.length < examples) list.push(row.text);
  }
  return [...byCategory]
    .slice(0, intents)
    .map(([category, texts]) => ({ id: category, title: category.replace(/_/g, ' '), examples: texts }));
}
