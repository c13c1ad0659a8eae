import { FUNCTION_WORDS } from './knowledge/stopwords';

/**
 * The language a customer wrote in, guessed from their text: enough to tell an agent that an
 * answer is in another language, not a general language identifier. Japanese is told by its
 * kana; the Latin-script languages by their function words (the knowledge search's stop words),
 * which carry no topic and so are in every message of some length.
 */

const LEXICON: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(FUNCTION_WORDS))
    for (const word of words.split(/\s+/).filter(Boolean)) map.set(word, [...(map.get(word) ?? []), language]);
  return map;
})();

const KANA = /[\u3040-\u30ff]/g;
/** Fewer telling words than this say too little (a one-line "Card not arrived"). */
const MIN_HITS = 3;
/** The winner must have this many times the runner-up's telling words. */
const MARGIN = 1.5;

/** The language code ('en', 'de', 'fr', 'es', 'pt', 'ja') the text is written in, or null when unsure. */
export function detectLanguage(text: string): string | null {
  if ((text.match(KANA)?.length ?? 0) >= 2) return 'ja';
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    // A word several languages share ("de", "a") tells nothing between them.
    const languages = LEXICON.get(word);
    if (languages?.length === 1) counts.set(languages[0]!, (counts.get(languages[0]!) ?? 0) + 1);
  }
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!first || first[1] < MIN_HITS || (second && first[1] < MARGIN * second[1])) return null;
  return first[0];
}
