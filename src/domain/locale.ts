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

function languageOf(locale: string): string {
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
