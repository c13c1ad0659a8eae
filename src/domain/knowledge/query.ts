/**
 * Builds a Help Center search query from what the customer wrote: the subject
 * and their latest public comment, never the agents' replies.
 */
import { cleanEmailText } from './email';
import { htmlToText, looksLikeHtml } from '../html';
import { STOP_WORDS } from './stopwords';
import { ENGLISH_PASSWORD } from '../text';

export interface QueryComment {
  authorId: number;
  /** Plain text, where the comment has no HTML body. */
  body?: string;
  htmlBody?: string;
  public?: boolean;
}

export interface QueryInput {
  subject: string;
  comments: QueryComment[];
  requesterId: number;
  locale?: string;
  /** People's names on the ticket (requester, agent): never part of a query or a cache key. */
  names?: readonly string[];
}

export interface QueryOptions {
  maxTerms?: number;
}

export interface SearchQuery {
  query: string;
  terms: string[];
  /** How much each term says about the customer's problem (subject words weigh more), in the order of `terms`. */
  weights: number[];
}

const DEFAULT_MAX_TERMS = 8;
/** Pasted logs can be huge; the first part of a message says what it is about. */
const MAX_TEXT_CHARS = 10_000;

const SUBJECT_PREFIX = /^\s*(?:(?:re|aw|fw|fwd|wg|tr|rv|sv|vs|antw|réf|ref|enc|res)\s*(?:\[\d+\])?\s*:\s*)+/i;
const URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"']+/gi;
/** Starts only where a run of address characters starts, so a long run without "@" is one failed try, not quadratic. */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const BARE_DOMAIN =
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|de|fr|es|pt|br|uk|ch|at|nl|be|it|eu|info|biz|app|dev)\b(?:\/\S*)?/gi;
const REFERENCE_KEYWORDS = [
  'order',
  'ticket',
  'case',
  'invoice',
  'request',
  'reference',
  'ref',
  'account',
  'customer',
  'bestellung',
  'bestellnummer',
  'auftrag',
  'auftragsnummer',
  'rechnung',
  'rechnungsnummer',
  'kundennummer',
  'vorgang',
  'vertrag',
  'commande',
  'facture',
  'dossier',
  'client',
  'pedido',
  'factura',
  'caso',
  'cliente',
  'encomenda',
  'fatura',
  'conta',
].join('|');
/** "invoice #INV-2024-0012" keeps "invoice" (a useful word) and drops the number. */
const REFERENCE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${REFERENCE_KEYWORDS})(?:\\s*(?:#|nr\\.?|no\\.|number|nummer|numéro|número|n[°º]|id|:)){0,2}\\s*[a-z]{0,4}[-\\s]?\\d{3,}[\\p{L}\\p{N}_-]*`,
  'giu',
);
const NUMBER_MARK = /(?:#|\bnr\.?|\bno\.|\bn[°º])\s*\d{3,}[\p{L}\p{N}_-]*/giu;
/** Two letters, two check digits, 11–30 letters and digits, written in one run or in groups of four. */
const IBAN = /(?<![\p{L}\p{N}])[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,3})?(?![\p{L}\p{N}])/giu;
const anyCase = (word: string) =>
  [...word].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
/**
 * "password: x", "senha = x", "パスワード：x", and "password is x" when x looks like a password (a
 * digit, a symbol or a capital inside), not like "the password is refused": the word stays, the value goes.
 */
const PASSWORD_WORDS = [ENGLISH_PASSWORD, 'passwort', 'kennwort', 'mot de passe', 'contraseña', 'senha', 'パスワード'];
const PASSWORD = new RegExp(
  // Case-insensitive words spelled out, because with the `i` flag \p{Lu} would match any letter.
  `(${PASSWORD_WORDS.map(anyCase).join('|')})` +
    `(?:\\s*[:：=]\\s*\\S+|\\s+(?:is|was|ist|war|est|était|es|era|é)\\s+(?=\\S*(?:\\d|[^\\p{L}\\s.,;!?]|\\p{Ll}\\p{Lu}))\\S+)`,
  'gu',
);
/** Bounded repetition keeps this linear on long runs of digits. */
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d\s()./-]{5,20}\d(?![\p{L}\p{N}])/gu;
/**
 * What a text holds wherever each pattern above can match: the patterns with Unicode classes take
 * a frame milliseconds to compile at their first use (20 ms and more together, in every ticket's
 * sidebar), so a text without it is spared them. Each check matches wherever its pattern does.
 */
export const MAY_HOLD = {
  email: (text: string) => text.includes('@'),
  iban: (text: string) => /[a-z]{2}\d{2}/iu.test(text),
  number: (text: string) => /\d{3}/.test(text),
  phone: (text: string) => /\d[\d\s()./-]{5,20}\d/.test(text),
  signInWord: (text: string) => {
    const lower = text.toLowerCase();
    return PASSWORD_WORDS.some((word) => lower.includes(word));
  },
};
const ERROR_WORDS = new Set([
  'error',
  'errors',
  'err',
  'errno',
  'code',
  'fehler',
  'fehlercode',
  'erreur',
  'código',
  'codigo',
  'erro',
  'status',
  'statuscode',
  'http',
  'exception',
]);
const ERROR_BEFORE = new RegExp(`(?:${[...ERROR_WORDS].join('|')})\\s*[:#]?\\s*$`, 'i');

function isPhone(match: string, offset: number, whole: string): boolean {
  const digits = match.replace(/\D/g, '').length;
  if (digits < 7 || ERROR_BEFORE.test(whole.slice(Math.max(0, offset - 20), offset))) return false;
  // "502 503 504" is a list of codes, not a phone: phones have a prefix, punctuation or a long group.
  return /^(?:\+|00|\()|[-./()]|\d{4,}/.test(match);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const NAME_WORD = /^\p{L}[\p{L}\p{M}'’.-]{1,39}$/u;

/**
 * Each word of the given names, as a whole word in any case ("Annika", "LINDQVIST"). A name is
 * data too: only its first few word-like parts count, so a megabyte "name" cannot blow up the pattern.
 */
function namePattern(names: readonly string[] | undefined): RegExp | null {
  const parts = (names ?? []).flatMap((name) =>
    name
      .slice(0, 200)
      .split(/[\s,]+/)
      .slice(0, 6),
  );
  const words = [...new Set(parts.filter((w) => NAME_WORD.test(w)))];
  if (!words.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Each pre-check above with the patterns it stands for (tests: no text a pattern matches fails its check). */
export const SCRUB_PATTERNS: Record<keyof typeof MAY_HOLD, RegExp[]> = {
  email: [EMAIL],
  iban: [IBAN],
  number: [REFERENCE, NUMBER_MARK],
  phone: [PHONE],
  signInWord: [PASSWORD],
};

/**
 * Removes personal data (e-mail addresses, phone numbers, IBANs, passwords, the names given) and
 * identifiers that would only add noise, before any text becomes a search query or a cache key.
 */
function scrub(text: string, names?: readonly string[]): string {
  const people = namePattern(names);
  let cleaned = text;
  if (MAY_HOLD.signInWord(text)) cleaned = cleaned.replace(PASSWORD, (_m, word: string) => ` ${word} `);
  cleaned = cleaned.replace(URL, ' ');
  if (MAY_HOLD.email(text)) cleaned = cleaned.replace(EMAIL, ' ');
  if (MAY_HOLD.iban(text)) cleaned = cleaned.replace(IBAN, ' ');
  cleaned = cleaned.replace(BARE_DOMAIN, ' ');
  if (MAY_HOLD.number(text)) cleaned = cleaned.replace(REFERENCE, (_m, keyword: string) => ` ${keyword} `).replace(NUMBER_MARK, ' ');
  if (MAY_HOLD.phone(text))
    cleaned = cleaned.replace(PHONE, (match: string, offset: number, whole: string) => (isPhone(match, offset, whole) ? ' ' : match));
  return (people ? cleaned.replace(people, ' ') : cleaned)
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

function commentPlainText(comment: QueryComment): string {
  const source = comment.htmlBody?.trim() ? comment.htmlBody : (comment.body ?? '');
  return looksLikeHtml(source) ? htmlToText(source) : source;
}

function cleanComment(comment: QueryComment, names?: readonly string[]): string {
  return scrub(cleanEmailText(commentPlainText(comment)).slice(0, MAX_TEXT_CHARS), names);
}

export function cleanSubject(subject: string, names?: readonly string[]): string {
  return scrub(subject.replace(SUBJECT_PREFIX, ''), names);
}

/** A search the agent typed, with the same personal data removed before it is sent or cached. */
export function scrubQuery(text: string, names: readonly string[]): string {
  return scrub(text.slice(0, MAX_TEXT_CHARS), names).replace(/\s+/g, ' ').trim();
}

/** Public comments by the requester, newest first; the description if there are none. */
function customerComments(input: QueryInput): QueryComment[] {
  const own = input.comments.filter((c) => c.authorId === input.requesterId && c.public !== false);
  if (own.length > 0) return own.reverse();
  // Ticket opened by an agent on the customer's behalf: the description still states the problem.
  const first = input.comments[0];
  return first && first.public !== false ? [first] : [];
}

// ---- terms -------------------------------------------------------------------

interface Token {
  term: string;
  code: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’._-][\p{L}\p{M}\p{N}]+)*/gu;
const CJK_PART =
  /[\p{Script=Han}\p{Script=Katakana}ー々]+|\p{Script=Hiragana}+|[^\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー々]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u;
const HIRAGANA_ONLY = /^\p{Script=Hiragana}+$/u;
const FRENCH_ELISION = /^(?:l|d|j|n|m|t|s|c|qu|jusqu|lorsqu|puisqu)'(?=\p{L})/u;
const CODE_LIKE = /^(?:0x[0-9a-f]+|\p{L}{1,12}[-_]?\d{1,8}|\d{1,4}\p{L}{1,4}|\p{L}+(?:_[\p{L}\p{N}]+)+)$/u;

function lower(text: string, locale: string | undefined): string {
  try {
    return text.toLocaleLowerCase(locale);
  } catch {
    return text.toLowerCase(); // invalid locale tag
  }
}

/** "node.js" stays one term, "failed.please" (a missing space) becomes two. */
function splitDots(word: string): string[] {
  const parts = word.split('.');
  return parts.length > 1 && parts.every((p) => p.length > 3) ? parts : [word];
}

/** Japanese and Chinese have no spaces: keep kanji/katakana runs, drop hiragana (mostly grammar). */
function splitCjk(word: string): string[] {
  if (!HAS_CJK.test(word)) return [word];
  return (word.match(CJK_PART) ?? []).filter((part) => !HIRAGANA_ONLY.test(part));
}

function classify(raw: string, previous: string | undefined): Token | null {
  let word = raw.replace(/’/g, "'");
  if (HAS_CJK.test(word)) return [...word].length >= 2 ? { term: word, code: false } : null;
  word = word.replace(FRENCH_ELISION, '').replace(/'s$/, '');
  if (word.length < 2 || word.length > 40 || STOP_WORDS.has(word)) return null;

  const hasDigit = /\d/.test(word);
  const hasLetter = /\p{L}/u.test(word);
  if (hasDigit && !hasLetter) {
    // A bare number only matters right after "error", "code", "HTTP" and the like.
    const keep = previous !== undefined && ERROR_WORDS.has(previous) && /^\d{3,10}$/.test(word);
    return keep ? { term: word, code: true } : null;
  }
  if (hasDigit) return CODE_LIKE.test(word) ? { term: word, code: true } : null;
  if (word.includes('_')) return { term: word, code: true };
  return { term: word, code: false };
}

function tokenize(text: string, locale?: string): Token[] {
  const tokens: Token[] = [];
  let previous: string | undefined;
  for (const match of lower(text, locale).matchAll(WORD)) {
    for (const dotted of splitDots(match[0])) {
      for (const part of splitCjk(dotted)) {
        const token = classify(part, previous);
        if (token) tokens.push(token);
        previous = part;
      }
    }
  }
  return tokens;
}

const SUFFIXES: [string, string][] = [
  ['ungen', 'ung'],
  ['ies', 'y'],
  ['ing', ''],
  ['es', ''],
  ['ed', ''],
  ['en', ''],
  ['er', ''],
  ['s', ''],
  ['e', ''],
];

/** Stems worked out so far: the same words recur in a ticket's query and in the page of articles it is weighed against. */
const stems = new Map<string, string>();
/** Enough for many tickets' pages of articles; past it the stems are worked out afresh. */
const STEMS_KEPT = 20_000;

/** Light stem, only used to merge "invoice", "invoices" and "invoicing" into one term. */
export function stemKey(term: string): string {
  let key = stems.get(term);
  if (key === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    key = stemOf(term);
    stems.set(term, key);
  }
  return key;
}

function stemOf(term: string): string {
  if (HAS_CJK.test(term) || /\d/.test(term)) return term;
  let key = term.normalize('NFD').replace(/\p{M}/gu, '');
  for (let round = 0; round < 2; round++) {
    const rule = SUFFIXES.find(([suffix, repl]) => key.endsWith(suffix) && key.length - suffix.length + repl.length >= 4);
    if (!rule) break;
    key = key.slice(0, key.length - rule[0].length) + rule[1];
  }
  // "resetting" → "resett" meets "reset", "stopped" meets "stop".
  return key.replace(/(\p{L})\1$/u, '$1');
}

interface Candidate {
  term: string;
  order: number;
  subject: number;
  body: number;
  code: boolean;
}

function score(c: Candidate): number {
  // Subject words weigh more: customers summarize their problem there.
  return 3 * Math.min(c.subject, 2) + Math.min(c.body, 3) + (c.code ? 2 : 0) + (c.term.length >= 7 ? 0.5 : 0);
}

function collect(subjectTokens: Token[], bodyTokens: Token[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  const add = (token: Token, field: 'subject' | 'body'): void => {
    const key = stemKey(token.term);
    let candidate = byKey.get(key);
    if (!candidate) {
      candidate = { term: token.term, order: byKey.size, subject: 0, body: 0, code: token.code };
      byKey.set(key, candidate);
    }
    candidate[field]++;
  };
  subjectTokens.forEach((t) => add(t, 'subject'));
  bodyTokens.forEach((t) => add(t, 'body'));
  return [...byKey.values()];
}

interface CustomerParts {
  subject: string;
  body: string;
}

function customerParts(input: QueryInput): CustomerParts {
  const subject = cleanSubject(input.subject, input.names);
  const comments = customerComments(input).map((comment) => cleanComment(comment, input.names));
  // A last "Thanks, that worked!" says nothing; use the newest comment that has content terms.
  const body = comments.find((text) => tokenize(text, input.locale).length > 0) ?? comments[0] ?? '';
  return { subject, body };
}

/** The customer's own words that the query is built from: subject, blank line, message. */
export function customerText(input: QueryInput): string {
  const { subject, body } = customerParts(input);
  return [subject, body].filter(Boolean).join('\n\n');
}

export function buildSearchQuery(input: QueryInput, options?: QueryOptions): SearchQuery {
  const maxTerms = Math.max(1, Math.floor(options?.maxTerms ?? DEFAULT_MAX_TERMS));
  const { subject, body } = customerParts(input);
  const candidates = collect(tokenize(subject, input.locale), tokenize(body, input.locale));
  const chosen = candidates
    .sort((a, b) => score(b) - score(a) || a.order - b.order)
    .slice(0, maxTerms)
    // Back in reading order, so the query reads like the customer's words.
    .sort((a, b) => a.order - b.order);
  const terms = chosen.map((c) => c.term);
  return { query: terms.join(' '), terms, weights: chosen.map(score) };
}

/** The suggestions' query: the builder's, or the subject's words when the customer's hold no search term. */
export function ticketQuery(input: QueryInput, options?: QueryOptions): SearchQuery {
  const built = buildSearchQuery(input, options);
  if (built.query) return built;
  const terms = scrubQuery(input.subject, input.names ?? [])
    .split(' ')
    .filter(Boolean);
  return { query: terms.join(' '), terms, weights: terms.map(() => 1) };
}
