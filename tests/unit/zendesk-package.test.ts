import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translationFiles } from '../../scripts/zendesk-package';

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
