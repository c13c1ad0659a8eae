import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import en from '../../translations/en.json';
import { createI18n, durationParts, loadI18n, withStrings } from '../../src/i18n';
import type { Bundle } from '../../src/i18n/bundles';

const keys = (tree: unknown, prefix = ''): string[] =>
  tree && typeof tree === 'object' ? Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

const dir = new URL('../../translations/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as typeof en;
const languages = files.filter((f) => f !== 'en.json').map((f) => [f, read(f) as unknown] as const);

describe('translations', () => {
  it('ships English, German, French, Spanish, Japanese and Brazilian Portuguese', () => {
    expect(files).toEqual(expect.arrayContaining(['en.json', 'de.json', 'fr.json', 'es.json', 'ja.json', 'pt-BR.json']));
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

  it("adds a chunk's own strings in the same language, the rest still found", async () => {
    const bundle = (ns: string, make: (l: string) => Record<string, string>): Bundle =>
      Object.fromEntries(
        (['en', 'pt-BR'] as const).map((l) => [`../../translations/${l}.json?ns=${ns}`, async () => ({ ui: { [ns]: make(l) } })]),
      );
    const base = await loadI18n(
      'pt-BR',
      bundle('common', (l) => ({ retry: `retry-${l}` })),
    );
    const more = await withStrings(
      base,
      bundle('answers', (l): Record<string, string> =>
        l === 'en' ? { insert: 'insert-en', only_en: 'only-en' } : { insert: `insert-${l}` },
      ),
    );
    expect(more.t('ui.answers.insert')).toBe('insert-pt-BR');
    expect(more.t('ui.answers.only_en')).toBe('only-en');
    expect(more.t('ui.common.retry')).toBe('retry-pt-BR');
    expect(more.t('ui.answers.missing')).toBe('ui.answers.missing');
    expect(more.locale).toBe(base.locale);
    // Strings that fail to download fail the load, so the code needing them can offer a retry rather than show keys.
    const failing: Bundle = { '../../translations/en.json?ns=answers': () => Promise.reject(new Error('offline')) };
    await expect(withStrings(base, failing)).rejects.toThrow('offline');
  });

  describe('with the shipped translations', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const threeHoursAgo = '2026-11-20T09:00:00Z';

    /** translations/*.json as one location's bundle of strings; `loaded` records which files are downloaded. */
    const shipped = (loaded: string[]): Bundle =>
      Object.fromEntries(
        files.map((f) => [
          `../../translations/${f}?ns=common,escalation,answers`,
          async () => {
            loaded.push(f);
            return read(f);
          },
        ]),
      );

    it.each([
      ['de', 'de.json'],
      ['fr', 'fr.json'],
      ['fr-CA', 'fr.json'],
      ['es', 'es.json'],
      ['es-419', 'es.json'],
      ['ja', 'ja.json'],
    ])('gives a %s user %s and downloads only it and English', async (locale, file) => {
      const loaded: string[] = [];
      const i18n = await loadI18n(locale, shipped(loaded));
      expect(loaded.sort()).toEqual(['en.json', file].sort());
      expect(i18n.t('ui.escalation.request')).toBe(read(file).ui.escalation.request);
      expect(i18n.t('ui.escalation.request')).not.toBe(en.ui.escalation.request);
    });

    it.each(['pt-BR', 'pt-br', 'pt_BR'])('gives a %s user Brazilian Portuguese, dates included', async (locale) => {
      const loaded: string[] = [];
      const i18n = await loadI18n(locale, shipped(loaded));
      expect(loaded.sort()).toEqual(['en.json', 'pt-BR.json']);
      expect(i18n.t('ui.escalation.request')).toBe('Solicitar escalonamento');
      expect(i18n.t('ui.answers.approved', { name: 'Ana', when: i18n.relativeTime(threeHoursAgo, now) })).toBe(
        'Aprovada por Ana há 3 horas',
      );
    });

    it.each(['pt-PT', 'pt'])('gives a %s user the Brazilian strings (no pt or pt-PT file) rather than English', async (locale) => {
      const loaded: string[] = [];
      const i18n = await loadI18n(locale, shipped(loaded));
      expect(loaded.sort()).toEqual(['en.json', 'pt-BR.json']);
      expect(i18n.t('ui.escalation.request')).toBe('Solicitar escalonamento');
      expect(i18n.relativeTime(threeHoursAgo, now)).toMatch(/^há 3 horas$/);
    });

    it('gives a user whose language does not ship English', async () => {
      const loaded: string[] = [];
      const i18n = await loadI18n('nl-BE', shipped(loaded));
      expect(loaded).toEqual(['en.json']);
      expect(i18n.t('ui.escalation.request')).toBe('Request escalation');
    });
  });

  it('formats relative times in the user language', () => {
    const i18n = createI18n('de', []);
    expect(i18n.relativeTime('2026-11-18T12:00:00Z', new Date('2026-11-20T12:00:00Z'))).toBe('vorgestern');
    expect(createI18n('en', []).relativeTime('2026-11-20T09:00:00Z', new Date('2026-11-20T12:00:00Z'))).toBe('3 hours ago');
  });

  it('writes counts as the user language does', () => {
    expect(createI18n('en', []).number(5040)).toBe('5,040');
    expect(createI18n('de', []).number(5040)).toBe('5.040');
    expect(createI18n('ja', []).number(5040)).toBe('5,040');
  });

  describe('durations', () => {
    it.each([
      [0, [{ value: 0, unit: 'minute' }]],
      [59, [{ value: 59, unit: 'minute' }]],
      [60, [{ value: 1, unit: 'hour' }]],
      [300, [{ value: 5, unit: 'hour' }]],
      [
        125,
        [
          { value: 2, unit: 'hour' },
          { value: 5, unit: 'minute' },
        ],
      ],
      [24 * 60, [{ value: 1, unit: 'day' }]],
      [
        28 * 60 + 59,
        [
          { value: 1, unit: 'day' },
          { value: 4, unit: 'hour' },
        ],
      ],
      [-5, [{ value: 0, unit: 'minute' }]],
    ])('%i minutes read as %o', (minutes, parts) => {
      expect(durationParts(minutes)).toEqual(parts);
    });

    it('says them in the user language, never as a pile of minutes', () => {
      const say = (locale: string, minutes: number) =>
        createI18n(locale, [locale === 'en' ? en : read(`${locale}.json`), en]).duration(minutes);
      expect(say('en', 300)).toBe('5 h');
      expect(say('en', 28 * 60)).toBe('1 d 4 h');
      expect(say('en', 45)).toBe('45 min');
      expect(say('en', 2 * 60 + 5)).toBe('2 h 5 min');
      expect(say('de', 28 * 60)).toBe('1 T. 4 Std.');
      expect(say('ja', 28 * 60)).toBe('1日4時間');
      expect(say('fr', 180)).toBe('3 h');
      expect(say('en', 1500 * 24 * 60)).toBe('1,500 d');
    });
  });
});
