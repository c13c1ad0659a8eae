import en from '../../translations/en.json';
import { relativeAge } from '../domain/answers/review';
import { localeChain } from '../domain/locale';

type Dictionary = { [key: string]: string | Dictionary };
export type Vars = Record<string, string | number>;

export interface I18n {
  /** The locale whose strings are shown first, e.g. 'de'. */
  readonly locale: string;
  /** Never throws: a key missing in the user's language falls back to English, then to the key. */
  t(key: string, vars?: Vars): string;
  relativeTime(date: Date | string, now?: Date): string;
  date(date: Date | string): string;
}

// Every language but English is its own small chunk, fetched only for users who need it.
const loaders = import.meta.glob<Dictionary>(['../../translations/*.json', '!../../translations/en.json'], {
  import: 'default',
});
const available = new Map(
  Object.keys(loaders).map((path) => [path.replace(/^.*\/(.*)\.json$/, '$1').toLowerCase(), path] as const),
);

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

export function createI18n(locale: string, dictionaries: Dictionary[]): I18n {
  const chain = [...dictionaries, en as Dictionary];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const dtf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return {
    locale,
    t(key, vars) {
      for (const dictionary of chain) {
        const found = lookup(dictionary, key);
        if (found !== undefined) return interpolate(found, vars);
      }
      return key;
    },
    relativeTime(date, now = new Date()) {
      const { unit, value } = relativeAge(date, now);
      return rtf.format(-value, unit);
    },
    date(date) {
      return dtf.format(new Date(date));
    },
  };
}

/** Loads the user's language along its fallback chain ('pt-BR' → 'pt' → 'en'). */
export async function loadI18n(userLocale: string | undefined): Promise<I18n> {
  const chain = localeChain(userLocale);
  const paths = chain.map((l) => available.get(l)).filter((p): p is string => p !== undefined);
  const dictionaries = await Promise.all(paths.map((path) => loaders[path]!().catch(() => ({}) as Dictionary)));
  const shown = chain.find((l) => l === 'en' || available.has(l)) ?? 'en';
  return createI18n(userLocale && shown !== 'en' ? shown : (userLocale ?? 'en'), dictionaries);
}
