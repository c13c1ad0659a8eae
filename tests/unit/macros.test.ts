import { describe, expect, it } from 'vitest';
import { pairMacros } from '../../src/domain/answers/macros';
import { listMacros } from '../../src/host/api/macros';
import { fakeHost } from './fakeHost';

describe('answers paired with the macros they replace', () => {
  const macros = [
    { id: 11, title: 'Card not arrived' },
    { id: 12, title: 'Old lost-card steps' },
  ];

  it('pairs each answer naming a macro with it, and leaves out answers naming none', () => {
    const links = pairMacros(
      [
        { id: 'a', replacesMacroId: 11 },
        { id: 'b', replacesMacroId: null },
        { id: 'c', replacesMacroId: 12 },
      ],
      macros,
    );
    expect([...links.keys()]).toEqual(['a', 'c']);
    expect(links.get('a')).toEqual({ kind: 'found', macro: macros[0] });
    expect(links.get('c')).toEqual({ kind: 'found', macro: macros[1] });
  });

  it('says when the macro an answer names is no longer in the list', () => {
    const links = pairMacros([{ id: 'a', replacesMacroId: 99 }], macros);
    expect(links.get('a')).toEqual({ kind: 'missing', id: 99 });
  });

  it('two answers may name the same macro', () => {
    const links = pairMacros(
      [
        { id: 'a', replacesMacroId: 11 },
        { id: 'b', replacesMacroId: 11 },
      ],
      macros,
    );
    expect(links.get('a')).toEqual(links.get('b'));
  });
});

describe('reading the macros', () => {
  it('reads every page of List Macros with usage_30d side-loaded, an absent count as unknown', async () => {
    const { host, urls } = fakeHost({
      'GET /api/v2/macros.json': (_req, url) =>
        url.searchParams.get('page') === '2'
          ? { macros: [{ id: 2, title: 'Old', active: false, updated_at: '2026-01-01T00:00:00Z' }], next_page: null }
          : {
              macros: [{ id: 1, title: 'Card', active: true, updated_at: '2026-09-14T10:30:00Z', usage_30d: 41 }],
              next_page: 'https://example.zendesk.com/api/v2/macros.json?include=usage_30d&page=2',
            },
    });
    expect(await listMacros(host)).toEqual([
      { id: 1, title: 'Card', active: true, updatedAt: '2026-09-14T10:30:00Z', uses30d: 41 },
      { id: 2, title: 'Old', active: false, updatedAt: '2026-01-01T00:00:00Z', uses30d: null },
    ]);
    expect(urls).toEqual(['/api/v2/macros.json?include=usage_30d', '/api/v2/macros.json?include=usage_30d&page=2']);
  });
});
