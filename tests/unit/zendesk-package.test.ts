import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translationFiles, zcliAppsConfig } from '../../scripts/zendesk-package';

describe('translationFiles', () => {
  it('packages pt-BR.json as pt-br.json, the name Zendesk gives that locale, and leaves the others as they are', () => {
    expect(translationFiles(['de.json', 'en.json', 'pt-BR.json', 'notes.md'])).toEqual([
      ['de.json', 'de.json'],
      ['en.json', 'en.json'],
      ['pt-BR.json', 'pt-br.json'],
    ]);
  });

  it('packages every shipped language under a lowercase locale id', () => {
    const targets = translationFiles(readdirSync(new URL('../../translations/', import.meta.url))).map(([, target]) => target);
    expect(targets).toEqual(expect.arrayContaining(['en.json', 'de.json', 'fr.json', 'es.json', 'ja.json', 'pt-br.json']));
    for (const target of targets) expect(target).toMatch(/^[a-z]{2}(-[a-z0-9]{2,3})?\.json$/);
  });

  it('refuses two files that would be packaged under the same name', () => {
    expect(() => translationFiles(['pt-BR.json', 'pt-br.json'])).toThrow('translations/pt-br.json');
  });
});

describe('zcliAppsConfig', () => {
  const parameters = [{ name: 'suggestion_count', default: 5 }, { name: 'lead_group_ids' }];

  it('gives zcli the settings defaults', () => {
    expect(JSON.parse(zcliAppsConfig(null, parameters))).toEqual({ parameters: { suggestion_count: 5, lead_group_ids: '' } });
  });

  it('keeps the app id `zcli apps:create` recorded, so `apps:update` still finds the app after a rebuild', () => {
    const afterCreate = JSON.stringify({ parameters: { suggestion_count: 3 }, app_id: 123456 });
    expect(JSON.parse(zcliAppsConfig(afterCreate, parameters))).toEqual({
      app_id: 123456,
      parameters: { suggestion_count: 5, lead_group_ids: '' },
    });
  });

  it('rewrites an unreadable file from the defaults', () => {
    expect(JSON.parse(zcliAppsConfig('{not json', parameters))).toEqual({ parameters: { suggestion_count: 5, lead_group_ids: '' } });
  });
});
