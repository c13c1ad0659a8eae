import { describe, expect, it } from 'vitest';
import { pairMacros } from '../../src/domain/answers/macros';

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
