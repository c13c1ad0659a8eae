import { describe, expect, it } from 'vitest';
import { closestLocale, libraryLocales, localeChain, normalizeLocale, pickLocaleVariant } from '../../src/domain/locale';

describe('localeChain', () => {
  it('goes from region to language to fallback', () => {
    expect(localeChain('pt-BR')).toEqual(['pt-br', 'pt', 'en']);
  });

  it('does not repeat the fallback', () => {
    expect(localeChain('en-US')).toEqual(['en-us', 'en']);
    expect(localeChain('en')).toEqual(['en']);
  });

  it('accepts underscores and odd casing', () => {
    expect(localeChain('de_AT')).toEqual(['de-at', 'de', 'en']);
    expect(normalizeLocale(' ZH_hant_TW ')).toBe('zh-hant-tw');
  });

  it('keeps every prefix of a three-part tag', () => {
    expect(localeChain('zh-Hant-TW', 'fr')).toEqual(['zh-hant-tw', 'zh-hant', 'zh', 'fr']);
  });

  it('falls back when no locale is known', () => {
    expect(localeChain(undefined)).toEqual(['en']);
    expect(localeChain('')).toEqual(['en']);
    expect(localeChain(undefined, 'de')).toEqual(['de']);
  });
});

describe('pickLocaleVariant', () => {
  type Item = { id: number; locale?: string | null };
  const en: Item = { id: 1, locale: 'en-us' };
  const pt: Item = { id: 2, locale: 'pt' };
  const ptBr: Item = { id: 3, locale: 'pt-BR' };
  const neutral: Item = { id: 4, locale: null };
  const de: Item = { id: 5, locale: 'de' };

  it('prefers the exact locale', () => {
    expect(pickLocaleVariant([en, pt, ptBr, neutral], 'pt-br')?.id).toBe(3);
  });

  it('takes the same language when the region differs', () => {
    expect(pickLocaleVariant([en, ptBr, neutral], 'pt-PT')?.id).toBe(3);
    expect(pickLocaleVariant([en, pt, neutral], 'pt-BR')?.id).toBe(2);
  });

  it('takes an item without locale before English', () => {
    expect(pickLocaleVariant([en, neutral, de], 'fr')?.id).toBe(4);
    expect(pickLocaleVariant<Item>([en, { id: 6 }], 'fr')?.id).toBe(6);
  });

  it('falls back to English last', () => {
    expect(pickLocaleVariant([de, en], 'ja')?.id).toBe(1);
  });

  it('returns undefined when nothing fits', () => {
    expect(pickLocaleVariant([de], 'ja')).toBeUndefined();
    expect(pickLocaleVariant([], 'en')).toBeUndefined();
  });

  it('without a locale uses the neutral item, then English', () => {
    expect(pickLocaleVariant([de, en, neutral], undefined)?.id).toBe(4);
    expect(pickLocaleVariant([de, en], undefined)?.id).toBe(1);
  });
});

describe('libraryLocales', () => {
  it("names a language alone when the list has one locale of it, in the library's lower case", () => {
    expect(libraryLocales(['en-us', 'de', 'FR_fr', 'es'])).toEqual(['en', 'de', 'fr', 'es']);
  });

  it('keeps the whole locale when two share a language, and drops repeats', () => {
    expect(libraryLocales(['pt', 'pt-BR', 'en-us', 'en-GB', 'de', 'DE', ''])).toEqual(['pt', 'pt-br', 'en-us', 'en-gb', 'de']);
  });
});

describe('closestLocale', () => {
  const offered = ['en', 'de', 'pt', 'pt-br'];

  it('prefers the locale itself, then its language', () => {
    expect(closestLocale('pt_BR', offered)).toBe('pt-br');
    expect(closestLocale('en-US', offered)).toBe('en');
    expect(closestLocale('DE', offered)).toBe('de');
  });

  it('falls back to another region of the language, else nothing', () => {
    expect(closestLocale('en-au', ['en-us', 'en-gb'])).toBe('en-us');
    expect(closestLocale('ja', offered)).toBeNull();
  });
});
