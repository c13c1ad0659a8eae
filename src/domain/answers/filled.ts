/**
 * An answer as a ticket gets it: its Markdown parsed, then its placeholders filled in. A module
 * of its own, so the parser downloads with the text analysis, not with the sidebar's first paint.
 */
import { mapText, parseMarkdown, type Block, type Inline } from './markdown';
import { placeholderValue, type PlaceholderValues } from './placeholders';

export interface RenderOptions {
  /** Marker for a value that is unknown or empty; "{name}" is replaced by the placeholder name. */
  gap?: string;
}

const DEFAULT_GAP = '[{name}]';
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

export interface FilledAnswer {
  blocks: Block[];
  /** Placeholder names that got a gap marker, each once, in order of appearance. */
  missing: string[];
}

/**
 * An answer body parsed as Markdown, then filled in: placeholders are replaced inside the parsed
 * text, so a value such as "**x**", "[pay](https://…)" or "<b>" is text in the reply, never
 * formatting or a link. Link addresses are not filled in: a customer's words never choose one.
 */
export function fillAnswer(template: string, values: PlaceholderValues, options?: RenderOptions): FilledAnswer {
  const gap = options?.gap ?? DEFAULT_GAP;
  const missing: string[] = [];
  const fill = (text: string): Inline[] => {
    const nodes: Inline[] = [];
    let last = 0;
    for (const found of text.matchAll(PLACEHOLDER)) {
      const name = found[1] ?? '';
      if (found.index > last) nodes.push({ kind: 'text', text: text.slice(last, found.index) });
      const value = placeholderValue(values, name);
      if (value !== undefined) nodes.push({ kind: 'text', text: value });
      else {
        if (!missing.includes(name)) missing.push(name);
        nodes.push({ kind: 'gap', name, text: gap.split('{name}').join(name) });
      }
      last = found.index + found[0].length;
    }
    if (last < text.length) nodes.push({ kind: 'text', text: text.slice(last) });
    return nodes;
  };
  return { blocks: mapText(parseMarkdown(template), fill), missing };
}
