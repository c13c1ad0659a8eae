/**
 * The small Markdown subset answers are written in, as agents format Zendesk replies: paragraphs
 * (a single newline is a line break), bulleted ("- ", "* ", "+ ") and numbered ("1. ", "1) ")
 * lists, **strong**, *emphasis* or _emphasis_, [links](https://…) and backslash escapes. Nothing
 * else: raw HTML is text, and a link whose address is not http(s) stays the text it was written as.
 *
 * Answer bodies are written by anyone who can write a record, and placeholder values come from
 * customers, so the parser is linear in its input on any text (no backtracking patterns, no rescans)
 * and the tree is what both renderers and the views read: one parse, previewed exactly as inserted.
 */
import { escapeHtml, safeHttpUrl } from '../text';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; url: string; children: Inline[] }
  | { kind: 'break' }
  /** A placeholder with no value: its marker text, shown as a gap to fill in. */
  | { kind: 'gap'; name: string; text: string };

export type Block = { kind: 'paragraph'; content: Inline[] } | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

/** Emphasis nested deeper than this is shown as the text it was written as: no tree a renderer cannot walk. */
const MAX_DEPTH = 8;
/** Longest link address; a longer one stays text. */
const MAX_URL = 2048;

const BULLET = /^ {0,3}[-*+][ \t]/;
const NUMBER = /^ {0,3}(\d{1,9})[.)][ \t]/;
/** A placeholder as answers write it; kept whole so emphasis never splits one. Sticky: tried at one position. */
const PLACEHOLDER = /\{\{\s*[A-Za-z0-9_.]+\s*\}\}/y;
const ESCAPABLE = new Set([...'\\*_[]()`#+-.!<>']);
const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

interface ListLine {
  ordered: boolean;
  number: number;
  rest: string;
}

function listLine(line: string): ListLine | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, number: 0, rest: line.slice(bullet[0].length).trim() };
  const numbered = NUMBER.exec(line);
  if (numbered) return { ordered: true, number: Number(numbered[1]), rest: line.slice(numbered[0].length).trim() };
  return null;
}

/** Parses an answer body into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[][] } | null = null;
  let blank = false;

  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  const flushList = () => {
    if (list)
      blocks.push({
        kind: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map((item) => parseInline(item.join('\n'))),
      });
    list = null;
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flushParagraph();
      blank = true;
      continue;
    }
    const item = listLine(line);
    if (item) {
      flushParagraph();
      // Items of the same kind continue the list, also across blank lines ("1. …\n\n2. …").
      if (!list || list.ordered !== item.ordered) {
        flushList();
        list = { ordered: item.ordered, start: item.number, items: [] };
      }
      list.items.push([item.rest]);
    } else if (list && !blank) {
      // A line right under an item belongs to it.
      list.items[list.items.length - 1]?.push(line.trim());
    } else {
      flushList();
      paragraph.push(line.trim());
    }
    blank = false;
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** A run of `*` or `_` that may open or close emphasis (CommonMark's flanking rules). */
interface Delimiter {
  char: '*' | '_';
  /** Characters of the run not (yet) used by emphasis. */
  left: number;
  canOpen: boolean;
  canClose: boolean;
  /** Emphasis this run opens, innermost first. */
  opens: ('strong' | 'em')[];
  /** Emphasis this run closes, innermost first. */
  closes: ('strong' | 'em')[];
}

type Token = { kind: 'text'; text: string } | { kind: 'delimiter'; run: Delimiter; length: number } | { kind: 'node'; node: Inline };

const isSpace = (char: string | undefined) => char === undefined || WHITESPACE.test(char);
const isPunct = (char: string | undefined) => char !== undefined && PUNCTUATION.test(char);

function delimiter(char: '*' | '_', length: number, before: string | undefined, after: string | undefined): Delimiter {
  const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
  const rightFlanking = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
  // "_" inside a word (snake_case, first_name) is not emphasis.
  const canOpen = char === '*' ? leftFlanking : leftFlanking && (!rightFlanking || isPunct(before));
  const canClose = char === '*' ? rightFlanking : rightFlanking && (!leftFlanking || isPunct(after));
  return { char, left: length, canOpen, canClose, opens: [], closes: [] };
}

/** For each "[" the index of its "]" (nested pairs allowed, escaped ones skipped), in one pass. */
function matchBrackets(text: string, escaped: Uint8Array): Int32Array {
  const match = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (escaped[i]) continue;
    if (text[i] === '[') open.push(i);
    else if (text[i] === ']') {
      const start = open.pop();
      if (start !== undefined) match[start] = i;
    }
  }
  return match;
}

/** The link at "[" (its "]" at `close`): `[text](url)` with an http(s) address, optional spaces around it. */
function linkAt(text: string, close: number, to: number): { url: string; href: string; end: number } | null {
  if (close + 1 >= to || text[close + 1] !== '(') return null;
  let i = close + 2;
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  const start = i;
  // Stops at the next bracket or parenthesis, so the scans of two links never overlap.
  while (i < to && i - start <= MAX_URL && !/[\s()[\]<>]/.test(text[i] ?? '')) i++;
  const url = text.slice(start, i);
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i >= to || text[i] !== ')' || !url || url.length > MAX_URL || !/^https?:\/\//i.test(url)) return null;
  const href = safeHttpUrl(url);
  return href ? { url, href, end: i + 1 } : null;
}

/** Inline content of one paragraph or list item. */
function parseInline(text: string): Inline[] {
  const escaped = new Uint8Array(text.length);
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '\\' && !escaped[i] && ESCAPABLE.has(text[i + 1] ?? '')) escaped[i + 1] = 1;
  }
  return inlines(text, 0, text.length, escaped, matchBrackets(text, escaped), true);
}

function inlines(text: string, from: number, to: number, escaped: Uint8Array, brackets: Int32Array, links: boolean): Inline[] {
  const tokens: Token[] = [];
  let buffer = '';
  const pushText = (value: string) => (buffer += value);
  const flush = () => {
    if (buffer) tokens.push({ kind: 'text', text: buffer });
    buffer = '';
  };

  let i = from;
  while (i < to) {
    const char = text[i] ?? '';
    if (char === '\\' && i + 1 < to && escaped[i + 1]) {
      pushText(text[i + 1] ?? '');
      i += 2;
    } else if (char === '\n') {
      flush();
      tokens.push({ kind: 'node', node: { kind: 'break' } });
      i++;
    } else if (char === '{' && text[i + 1] === '{') {
      PLACEHOLDER.lastIndex = i;
      const found = PLACEHOLDER.exec(text);
      const end = found && PLACEHOLDER.lastIndex <= to ? PLACEHOLDER.lastIndex : i + 1;
      pushText(text.slice(i, end));
      i = end;
    } else if (char === '[' && links && (brackets[i] ?? -1) > i && (brackets[i] ?? -1) < to) {
      const close = brackets[i] ?? -1;
      const link = linkAt(text, close, to);
      if (link) {
        flush();
        const inner = inlines(text, i + 1, close, escaped, brackets, false);
        // An empty label would be an invisible link: the address is its label.
        const children = inlineText(inner).trim() === '' ? [{ kind: 'text' as const, text: link.url }] : inner;
        tokens.push({ kind: 'node', node: { kind: 'link', href: link.href, url: link.url, children } });
        i = link.end;
      } else {
        pushText(char);
        i++;
      }
    } else if (char === '*' || char === '_') {
      let end = i;
      while (end < to && text[end] === char && !escaped[end]) end++;
      flush();
      tokens.push({ kind: 'delimiter', run: delimiter(char, end - i, text[i - 1], text[end]), length: end - i });
      i = end;
    } else {
      pushText(char);
      i++;
    }
  }
  flush();
  matchEmphasis(tokens);
  return build(tokens);
}

/**
 * Pairs each closing run with the nearest opening run of its character; openers in between can no
 * longer close and are dropped from the stack. Every run is pushed once and popped once: linear.
 */
function matchEmphasis(tokens: Token[]) {
  const stack: Delimiter[] = [];
  const count = { '*': 0, _: 0 };
  for (const token of tokens) {
    if (token.kind !== 'delimiter') continue;
    const run = token.run;
    if (run.canClose) {
      while (run.left > 0 && count[run.char] > 0) {
        let opener = stack[stack.length - 1];
        while (opener && opener.char !== run.char) {
          stack.pop();
          count[opener.char]--;
          opener = stack[stack.length - 1];
        }
        if (!opener) break;
        const use = opener.left >= 2 && run.left >= 2 ? 2 : 1;
        const kind = use === 2 ? 'strong' : 'em';
        opener.opens.push(kind);
        run.closes.push(kind);
        opener.left -= use;
        run.left -= use;
        if (opener.left === 0) {
          stack.pop();
          count[opener.char]--;
        }
      }
    }
    if (run.canOpen && run.left > 0) {
      stack.push(run);
      count[run.char]++;
    }
  }
}

/** Turns the matched tokens into a tree; emphasis past MAX_DEPTH stays as its characters. */
function build(tokens: Token[]): Inline[] {
  const root: Inline[] = [];
  const frames: { children: Inline[]; kind: 'strong' | 'em'; literal: boolean }[] = [];
  const current = () => frames[frames.length - 1]?.children ?? root;
  const addText = (text: string) => {
    const children = current();
    const last = children[children.length - 1];
    if (last?.kind === 'text') last.text += text;
    else children.push({ kind: 'text', text });
  };
  const marker = (char: string, kind: 'strong' | 'em') => char.repeat(kind === 'strong' ? 2 : 1);
  let depth = 0;

  for (const token of tokens) {
    if (token.kind === 'text') addText(token.text);
    else if (token.kind === 'node') current().push(token.node);
    else {
      const { run } = token;
      // Closing first (innermost first), then the unused characters, then opening (outermost first):
      // a run that both closes and opens ("*a*b*") has its used characters on the inner side.
      for (const kind of run.closes) {
        const frame = frames.pop();
        if (!frame) break;
        if (frame.literal) addText(marker(run.char, kind));
        else {
          depth--;
          current().push({ kind, children: frame.children });
        }
      }
      if (run.left > 0) addText(run.char.repeat(run.left));
      for (const kind of [...run.opens].reverse()) {
        const literal = depth >= MAX_DEPTH;
        if (literal) addText(marker(run.char, kind));
        else depth++;
        frames.push({ children: literal ? current() : [], kind, literal });
      }
    }
  }
  return root;
}

function inlineHtml(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
        case 'gap':
          return escapeHtml(node.text);
        case 'break':
          return '<br>';
        case 'strong':
          return `<strong>${inlineHtml(node.children)}</strong>`;
        case 'em':
          return `<em>${inlineHtml(node.children)}</em>`;
        case 'link':
          return `<a href="${escapeHtml(node.href)}" target="_blank" rel="noopener noreferrer">${inlineHtml(node.children)}</a>`;
      }
    })
    .join('');
}

/** HTML for a rich-text reply: every character of text escaped, only the subset's elements. */
export function toHtml(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return `<p>${inlineHtml(block.content)}</p>`;
      const items = block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${block.start}">${items}</ol>`;
    })
    .join('');
}

function inlineText(nodes: Inline[], lineBreak = '\n'): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
        case 'gap':
          return node.text;
        case 'break':
          return lineBreak;
        case 'strong':
        case 'em':
          return inlineText(node.children, lineBreak);
        case 'link': {
          const label = inlineText(node.children, lineBreak);
          return label.trim() === '' || label === node.url ? node.url : `${label} (${node.url})`;
        }
      }
    })
    .join('');
}

/** Plain text for a plain-text reply: no Markdown markers, lists as "- item" / "1. item", links as "text (url)". */
export function toPlainText(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return inlineText(block.content);
      return (
        block.items
          // An item's own line breaks are indented under its text.
          .map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${inlineText(item, '\n   ')}`)
          .join('\n')
      );
    })
    .join('\n\n');
}

/** The tree with each text node replaced by what `map` makes of it (placeholders filled in as data). */
export function mapText(blocks: Block[], map: (text: string) => Inline[]): Block[] {
  const inline = (nodes: Inline[]): Inline[] =>
    nodes.flatMap((node): Inline[] => {
      if (node.kind === 'text') return map(node.text);
      if (node.kind === 'strong' || node.kind === 'em' || node.kind === 'link') return [{ ...node, children: inline(node.children) }];
      return [node];
    });
  return blocks.map((block) =>
    block.kind === 'paragraph' ? { ...block, content: inline(block.content) } : { ...block, items: block.items.map(inline) },
  );
}
