import { relativeAge } from '../domain/dates';
import { localeChain } from '../domain/locale';
import type { Bundle } from './bundles';

export type Dictionary = { [key: string]: string | Dictionary };
export type Vars = Record<string, string | number>;

export interface I18n {
  /** The locale whose strings are shown first, e.g. 'de'. */
  readonly locale: string;
  /** Never throws: a key missing in the user's language falls back to English, then to the key. */
  t: (key: string, vars?: Vars) => string;
  relativeTime(date: Date | string, now?: Date): string;
  /**
   * Builds the formatters ahead of their first use. A page's first Intl formatter costs 25–35 ms
   * (the sidebar's answer card met it on its way to the screen): a page calls this when it is idle.
   */
  prepare(): void;
  date(date: Date | string): string;
  /** A date with its time of day, in the user's locale and time zone. */
  dateTime(date: Date | string): string;
  /** A span of minutes as a person says it: '45 min', '5 h', '1 d 4 h' (in the user's language). */
  duration(minutes: number): string;
  /** A language's name in the user's language ('German' for 'de'); the code itself when it is not a language tag. */
  language(code: string): string;
  /** A count as the user's language writes it ('5,040', '5.040', '5 040'). */
  number(value: number): string;
}

type DurationUnit = 'minute' | 'hour' | 'day';

/**
 * The one or two largest units of a span, as people round it: minutes under an hour, hours and
 * minutes under a day, then days and hours ('1 d 4 h', never '1680 min'). A zero second unit is left out.
 */
export function durationParts(minutes: number): { value: number; unit: DurationUnit }[] {
  const m = Math.max(0, Math.floor(minutes));
  const [big, small, bigUnit, smallUnit]: [number, number, DurationUnit, DurationUnit] =
    m < 60
      ? [m, 0, 'minute', 'minute']
      : m < 24 * 60
        ? [Math.floor(m / 60), m % 60, 'hour', 'minute']
        : [Math.floor(m / 1440), Math.floor((m % 1440) / 60), 'day', 'hour'];
  return small > 0
    ? [
        { value: big, unit: bigUnit },
        { value: small, unit: smallUnit },
      ]
    : [{ value: big, unit: bigUnit }];
}

function lookup(dictionary: Dictionary | undefined, key: string): string | undefined {
  let node: string | Dictionary | undefined = dictionary;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(template: string, vars: Vars | undefined): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name: string) =>
    vars && Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

export function createI18n(locale: string, chain: Dictionary[]): I18n {
  // Built on first use: each costs tens of milliseconds on a cold page, before the first paint.
  const once = <T>(make: () => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const rtf = once(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const dtf = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
  const dttf = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const numbers = once(() => new Intl.NumberFormat(locale));
  const languages = once(() => new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }));
  const t = (key: string, vars?: Vars): string => {
    for (const dictionary of chain) {
      const found = lookup(dictionary, key);
      if (found !== undefined) return interpolate(found, vars);
    }
    return key;
  };
  return {
    locale,
    t,
    prepare() {
      rtf();
    },
    relativeTime(date, now = new Date()) {
      const { unit, value } = relativeAge(date, now);
      return rtf().format(-value, unit);
    },
    date(date) {
      return dtf().format(new Date(date));
    },
    dateTime(date) {
      return dttf().format(new Date(date));
    },
    duration(minutes) {
      const [first, second] = durationParts(minutes).map(({ value, unit }) =>
        t(`ui.common.duration_${unit}`, { count: numbers().format(value) }),
      );
      return second === undefined ? (first ?? '') : t('ui.common.duration_pair', { first: first ?? '', second });
    },
    number(value) {
      return numbers().format(value);
    },
    language(code) {
      try {
        return languages().of(code) ?? code;
      } catch {
        return code; // not a well-formed language tag
      }
    },
  };
}

/** Starts fetching the English strings (always needed as the fallback) before the user's locale is known. */
export function prefetchEnglish(bundle: Bundle): void {
  const path = Object.keys(bundle).find((p) => /\/en\.json/.test(p));
  if (path) void bundle[path]!().catch(() => undefined);
}

/**
 * `base` and the strings of `bundle` (namespaces of their own, loaded with the code that needs
 * them), in the same language: what `bundle` lacks comes from `base`.
 */
export async function withStrings(base: I18n, bundle: Bundle): Promise<I18n> {
  // A file that fails to download fails the whole: the code needing them says so and offers a retry, rather than showing keys.
  const more = await loadI18n(base.locale, bundle, true);
  return {
    ...base,
    t: (key, vars) => {
      const found = more.t(key, vars);
      return found === key ? base.t(key, vars) : found;
    },
  };
}

/**
 * Loads the user's language along its fallback chain ('pt-BR' → 'pt' → 'en'), from the
 * location's bundle of strings; English always comes last as the fallback. A file that fails to
 * download is left out, unless `strict`: then the load fails.
 */
export async function loadI18n(userLocale: string | undefined, bundle: Bundle, strict = false): Promise<I18n> {
  const files = new Map(Object.keys(bundle).map((path) => [path.replace(/^.*\/(.*)\.json.*$/, '$1').toLowerCase(), path] as const));
  const wanted = localeChain(userLocale);
  const chain = wanted.filter((l) => files.has(l));
  // No file for the locale or its language ('pt-PT' when only pt-BR ships): a regional variant of
  // the same language reads better than English.
  const language = wanted[0]?.split('-')[0];
  const sibling = [...files.keys()].find((l) => l.split('-')[0] === language);
  if (language && language !== 'en' && sibling && !chain.some((l) => l.split('-')[0] === language)) chain.unshift(sibling);
  const dictionaries = await Promise.all(
    chain.map((l) => (strict ? bundle[files.get(l)!]!() : bundle[files.get(l)!]!().catch(() => ({})))),
  );
  const shown = chain[0] ?? 'en';
  return createI18n(shown === 'en' ? (userLocale ?? 'en') : shown, dictionaries);
}
