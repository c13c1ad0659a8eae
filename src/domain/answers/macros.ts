/* Answers paired with the Zendesk macros they replace (pure: the macros are read in src/host). */

interface MacroLike {
  id: number;
}

/** The macro an answer names, or that Zendesk no longer has it (deleted, or not visible to the reader). */
export type MacroLink<M> = { kind: 'found'; macro: M } | { kind: 'missing'; id: number };

/** The link of each answer that names a macro, by answer id; answers naming none are left out. */
export function pairMacros<M extends MacroLike>(
  answers: readonly { id: string; replacesMacroId: number | null }[],
  macros: readonly M[],
): Map<string, MacroLink<M>> {
  const byId = new Map(macros.map((m) => [m.id, m] as const));
  const links = new Map<string, MacroLink<M>>();
  for (const answer of answers) {
    const id = answer.replacesMacroId;
    if (id === null) continue;
    const macro = byId.get(id);
    links.set(answer.id, macro ? { kind: 'found', macro } : { kind: 'missing', id });
  }
  return links;
}
