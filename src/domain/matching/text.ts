import { stem } from './stemmer';

/**
 * Text normalisation and tokenisation. Everything downstream works on the
 * tokens produced here, so answers and tickets always go through the same path.
 */

export interface Token {
  /** Folded surface form (lower case, no diacritics); used for character n-grams and spelling. */
  surface: string;
  /** Stemmed form; used for word features. */
  stem: string;
  /** Function word: kept (phrasing matters) but down-weighted by the features. */
  stop: boolean;
}

/**
 * Common function words of English and the main Latin-script languages. With few
 * answers, IDF alone cannot tell that "is" or "my" carry no topic, because they
 * may occur in only one answer. Negations are deliberately absent.
 */
const STOPWORDS = new Set(
  (
    'a an the is are was were be been being am i me my mine we us our you your he him his she her it its they them their ' +
    'this that these those to of in on at for with by from as and or but if so do does did have has had can could would ' +
    'should will shall may might must there here just also than then too very please hi hello hey thanks thank ' +
    'der die das den dem des ein eine einen einem und ist ich mein meine mich mir wir sie es zu mit von im auf fur bitte ' +
    'le la les un une des de du et est je mon ma mes moi pour avec dans sur au aux il elle nous vous ' +
    'el los las una del y es yo mi mis para con en por que lo al ' +
    'il lo gli uno di da per con che e sono het een en ik mijn van voor op te o os um uma do da meu minha'
  ).split(' '),
);

// Han, Hiragana, Katakana, Hangul, Thai and similar scripts are not space separated.
export const UNSPACED = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
const MAX_TOKEN_CHARS = 60;
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

// English contractions, with and without the apostrophe, because tickets are typed in a hurry.
const CONTRACTIONS: Record<string, string> = {
  "can't": 'can not',
  cant: 'can not',
  cannot: 'can not',
  "won't": 'will not',
  wont: 'will not',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  hadnt: 'had not',
  couldnt: 'could not',
  shouldnt: 'should not',
  wouldnt: 'would not',
  im: 'i am',
  ive: 'i have',
};
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["n't", ' not'],
  ["'m", ' am'],
  ["'re", ' are'],
  ["'ve", ' have'],
  ["'ll", ' will'],
  ["'d", ' would'],
  ["'s", ''],
];

/** Lower-cases and strips diacritics so "Überweisung" and "uberweisung" agree. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function expandContraction(word: string): string[] {
  const w = word.replace(/’/g, "'");
  // Own keys only: a customer's "constructor" or "toString" is a word, not Object.prototype.
  const whole = Object.prototype.hasOwnProperty.call(CONTRACTIONS, w) ? CONTRACTIONS[w] : undefined;
  if (whole) return whole.split(' ');
  for (const [suffix, repl] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length > suffix.length) {
      return (w.slice(0, -suffix.length) + repl).split(' ').filter(Boolean);
    }
  }
  return w.includes("'") ? w.split("'").filter(Boolean) : [w];
}

/** Splits unspaced scripts into overlapping character bigrams (single characters stay as they are). */
function unspacedTokens(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const match of fold(text).matchAll(TOKEN_RE)) {
    const raw = match[0];
    if (UNSPACED.test(raw)) {
      // Keep Latin/digit runs inside mixed strings as words and bigram the rest.
      for (const part of raw.split(/([a-z0-9]+)/)) {
        if (!part) continue;
        const pieces = /^[a-z0-9]+$/.test(part) ? (part.length > MAX_TOKEN_CHARS ? [] : [part]) : unspacedTokens(part);
        for (const p of pieces) out.push({ surface: p, stem: p, stop: false });
      }
      continue;
    }
    // No word is this long; a pasted hash or a megabyte of one letter would only cost memory and time.
    if (raw.length > MAX_TOKEN_CHARS) continue;
    for (const w of expandContraction(raw)) out.push({ surface: w, stem: stem(w), stop: STOPWORDS.has(w) });
  }
  return out;
}
