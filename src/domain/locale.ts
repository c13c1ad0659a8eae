/** Locale helpers shared by knowledge search and answer lookup. */

/** Lowercases and turns '_' into '-' so 'pt_BR', 'PT-br' and 'pt-br' compare equal. */
export function normalizeLocale(locale: string): string {
  return locale.trim().toLowerCase().replace(/_/g, '-');
}

/**
 * Most specific first: 'pt-BR' → ['pt-br', 'pt', 'en'].
 * Every prefix is included so 'zh-hant-tw' also tries 'zh-hant'.
 */
export function localeChain(locale: string | undefined, fallback = 'en'): string[] {
  const chain: string[] = [];
  const add = (value: string): void => {
    if (value && !chain.includes(value)) chain.push(value);
  };
  const normalized = locale ? normalizeLocale(locale) : '';
  const parts = normalized.split('-').filter(Boolean);
  for (let i = parts.length; i > 0; i--) add(parts.slice(0, i).join('-'));
  add(normalizeLocale(fallback));
  return chain;
}

/**
 * The Help Center locale to search for a customer who wrote in `language`: their profile's locale
 * (region kept) when it is that language, else a locale of that language, else the fallback.
 * Without the list of `available` locales, the likeliest one.
 */
export function searchLocaleFor(
  language: string | null,
  profile: string | undefined,
  available: readonly string[] | null,
  fallback: string,
): string {
  const home = normalizeLocale(fallback);
  if (!language || (profile !== undefined && languageOf(profile) === language)) {
    return localeChain(profile, home).find((locale) => !available || available.includes(locale)) ?? home;
  }
  // The fallback's region for its own language (en → en-us), else the bare language, else any region of it.
  const wanted = [...(languageOf(home) === language ? [home] : []), language];
  if (!available) return wanted[0]!;
  return wanted.find((l) => available.includes(l)) ?? available.find((l) => languageOf(l) === language) ?? home;
}

/** The language of a locale: 'pt' of 'pt-BR'. */
export function languageOf(locale: string): string {
  return normalizeLocale(locale).split('-')[0] ?? '';
}

/**
 * Picks the variant best suited to the locale: exact match, then same language
 * (any region), then an item that declares no locale (meant for everyone), then English.
 */
export function pickLocaleVariant<T extends { locale?: string | null }>(items: T[], locale: string | undefined): T | undefined {
  const wanted = locale ? normalizeLocale(locale) : '';
  const language = wanted ? languageOf(wanted) : '';
  const withLocale = (item: T): string => (item.locale ? normalizeLocale(item.locale) : '');

  if (wanted) {
    const exact = items.find((item) => withLocale(item) === wanted);
    if (exact) return exact;
    const sameLanguage = items.find((item) => {
      const own = withLocale(item);
      return own !== '' && languageOf(own) === language;
    });
    if (sameLanguage) return sameLanguage;
  }
  const neutral = items.find((item) => withLocale(item) === '');
  if (neutral) return neutral;
  return items.find((item) => languageOf(withLocale(item)) === 'en');
}

/**
 * The library's codes for a list of locales (the answer library stores 'en', 'de'): each one's
 * language alone ('en-us' → 'en'), unless two of them share a language, then the whole locale
 * ('pt', 'pt-br'). Normalised, without repeats, in the order given.
 */
export function libraryLocales(locales: readonly string[]): string[] {
  const normalized = [...new Set(locales.map(normalizeLocale).filter(Boolean))];
  const perLanguage = new Map<string, number>();
  for (const locale of normalized) perLanguage.set(languageOf(locale), (perLanguage.get(languageOf(locale)) ?? 0) + 1);
  return [...new Set(normalized.map((locale) => (perLanguage.get(languageOf(locale)) === 1 ? languageOf(locale) : locale)))];
}

/**
 * The option that suits `locale` best: itself, then a less specific form ('pt-br' → 'pt'), then
 * another region of its language ('en-gb' → 'en-us'); null when the language is not offered.
 */
export function closestLocale(locale: string, options: readonly string[]): string | null {
  const normalized = options.map(normalizeLocale);
  for (const candidate of localeChain(locale, '')) {
    const index = normalized.indexOf(candidate);
    if (index >= 0) return options[index]!;
  }
  const language = languageOf(locale);
  const index = normalized.findIndex((option) => languageOf(option) === language);
  return index >= 0 ? options[index]! : null;
}

/** The language when it is not English, else null: a customer whose words the glossary reads in English. */
export const otherThanEnglish = (language: string | null | undefined): string | null => (language && language !== 'en' ? language : null);
