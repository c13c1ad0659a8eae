import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import en from '../../translations/en.json';
import { createI18n, loadI18n } from '../../src/i18n';
import type { Bundle } from '../../src/i18n/bundles';

const keys = (tree: unknown, prefix = ''): string[] =>
  tree && typeof tree === 'object' ? Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

const dir = new URL('../../translations/', import.meta.url);
const languages = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'en.json')
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as unknown] as const);

describe('translations', () => {
  it('ships German at least', () => {
    expect(languages.map(([f]) => f)).toContain('de.json');
  });

  it.each(languages)('%s has every English string and nothing else', (_, strings) => {
    expect(keys(strings).sort()).toEqual(keys(en).sort());
  });

  it.each(languages)('%s keeps the same placeholders', (_, strings) => {
    const vars = (text: string) => (text.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? []).sort();
    const lookup = (tree: unknown, key: string) =>
      key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], tree) as string;
    for (const key of keys(en)) expect(vars(lookup(strings, key)), key).toEqual(vars(lookup(en, key)));
  });
});

describe('i18n', () => {
  const english = { ui: { common: { retry: 'Try again', hello: 'Hello {{name}}' }, only: { en: 'English only' } } };
  const german = { ui: { common: { retry: 'Erneut versuchen' } } };

  it('falls back to English for a missing key and to the key itself, never throwing', () => {
    const i18n = createI18n('de', [german, english]);
    expect(i18n.t('ui.common.retry')).toBe('Erneut versuchen');
    expect(i18n.t('ui.only.en')).toBe('English only');
    expect(i18n.t('ui.nowhere.to.be.found')).toBe('ui.nowhere.to.be.found');
    expect(i18n.t('ui.common')).toBe('ui.common');
    expect(i18n.t('constructor')).toBe('constructor');
  });

  it('fills variables and leaves unknown ones visible', () => {
    const i18n = createI18n('en', [english]);
    expect(i18n.t('ui.common.hello', { name: 'Ada' })).toBe('Hello Ada');
    expect(i18n.t('ui.common.hello')).toBe('Hello {{name}}');
  });

  it('loads the fallback chain pt-BR → pt → en from a bundle', async () => {
    const loaded: string[] = [];
    const bundle: Bundle = Object.fromEntries(
      (['en', 'pt', 'de'] as const).map((l) => [
        `../../translations/${l}.json?ns=common`,
        async () => {
          loaded.push(l);
          return { ui: { common: { retry: `retry-${l}` } } };
        },
      ]),
    );
    const i18n = await loadI18n('pt-BR', bundle);
    expect(loaded.sort()).toEqual(['en', 'pt']);
    expect(i18n.t('ui.common.retry')).toBe('retry-pt');
    expect(i18n.locale).toBe('pt');
    const english = await loadI18n('fr', bundle);
    expect(english.t('ui.common.retry')).toBe('retry-en');
  });

  it('formats relative times in the user language', () => {
    const i18n = createI18n('de', []);
    expect(i18n.relativeTime('2026-11-18T12:00:00Z', new Date('2026-11-20T12:00:00Z'))).toBe('vorgestern');
    expect(createI18n('en', []).relativeTime('2026-11-20T09:00:00Z', new Date('2026-11-20T12:00:00Z'))).toBe('3 hours ago');
  });
});
