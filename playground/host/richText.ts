/**
 * Rich text as Zendesk's agent workspace shows it: HTML an app appends to the reply
 * (`comment.appendHtml`), a comment's `html_body` and a Help Center article body are rendered as
 * formatted text, never as live markup. The HTML is parsed in an inert document (DOMParser runs no
 * script and loads nothing) and rebuilt node by node from an allow-list: no script, style, frame,
 * form, image, SVG or MathML element, no attribute but an http(s) or mailto `href` on links. The
 * result is built with createElement and text nodes, so nothing is parsed again in the live page.
 */

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Inline elements: kept inside a paragraph, wrapped into one when they stand alone. */
const INLINE = new Set(['a', 'b', 'br', 'code', 'em', 'i', 's', 'span', 'strike', 'strong', 'sub', 'sup', 'u']);
const BLOCK = new Set([
  'blockquote',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
/** Dropped with all they contain: code, styles, embedded documents, media, form controls, foreign markup. */
const DROPPED = new Set([
  'applet',
  'area',
  'audio',
  'base',
  'button',
  'canvas',
  'embed',
  'frame',
  'frameset',
  'head',
  'iframe',
  'img',
  'input',
  'link',
  'map',
  'math',
  'meta',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'option',
  'picture',
  'plaintext',
  'script',
  'select',
  'source',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'track',
  'video',
  'xmp',
]);

/** A link target a person may follow: http(s) or mailto, resolved against the page; anything else is dropped. */
function safeHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, document.baseURI);
    return /^(https?|mailto):$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export interface RichTextOptions {
  /** Links open in a new tab without access to this page, as in Zendesk's conversation. */
  newTab?: boolean;
}

function copyChildren(from: Node, to: Node, options: RichTextOptions) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(node.nodeValue ?? ''));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const element = node as Element;
    const tag = element.localName;
    if (element.namespaceURI !== HTML_NS || DROPPED.has(tag)) continue;
    if (!INLINE.has(tag) && !BLOCK.has(tag)) {
      // Unknown or unsupported wrappers (font, center, details, marquee…) give way to their content.
      copyChildren(element, to, options);
      continue;
    }
    const copy = document.createElement(tag);
    if (tag === 'a') {
      const href = safeHref(element.getAttribute('href'));
      if (href) copy.setAttribute('href', href);
      if (href && options.newTab) {
        copy.setAttribute('target', '_blank');
        copy.setAttribute('rel', 'noopener noreferrer');
      }
    }
    copyChildren(element, copy, options);
    to.appendChild(copy);
  }
}

/** Wraps top-level runs of text and inline elements in paragraphs, as a rich text editor keeps its content. */
function paragraphs(fragment: DocumentFragment): DocumentFragment {
  const out = document.createDocumentFragment();
  let open: HTMLParagraphElement | null = null;
  for (const node of [...fragment.childNodes]) {
    const inline = node.nodeType === Node.TEXT_NODE || INLINE.has((node as Element).localName);
    if (!inline) {
      open = null;
      out.appendChild(node);
    } else if (open || node.nodeType !== Node.TEXT_NODE || (node.nodeValue ?? '').trim()) {
      open ??= out.appendChild(document.createElement('p'));
      open.appendChild(node);
    }
  }
  return out;
}

/** The HTML as safe, paragraph-structured nodes of this document, ready to insert. */
export function sanitizeHtml(html: string, options: RichTextOptions = {}): DocumentFragment {
  const source = new DOMParser().parseFromString(html, 'text/html').body;
  const fragment = document.createDocumentFragment();
  copyChildren(source, fragment, options);
  return paragraphs(fragment);
}

/** Serialises sanitised nodes (this only writes markup; nothing is parsed). */
export function toHtml(fragment: DocumentFragment): string {
  const box = document.createElement('div');
  box.appendChild(fragment.cloneNode(true));
  return box.innerHTML;
}

const LINE_BREAK_BLOCKS = new Set(['li', 'tr']);

/** Plain text as Zendesk's `plain_body` has it: paragraphs apart by a blank line, `<br>` as a line break, entities decoded. */
export function toText(fragment: DocumentFragment): string {
  let out = '';
  const walk = (node: Node, pre: boolean) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const value = child.nodeValue ?? '';
        out += pre ? value : value.replace(/[ \t\n\r\f]+/g, ' ');
        continue;
      }
      const tag = (child as Element).localName;
      if (tag === 'br') out += '\n';
      else if (INLINE.has(tag)) walk(child, pre);
      else {
        const gap = LINE_BREAK_BLOCKS.has(tag) ? '\n' : '\n\n';
        out += gap;
        walk(child, pre || tag === 'pre');
        out += gap;
      }
    }
  };
  walk(fragment, false);
  return out
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text as the rich editor's HTML: a paragraph per blank-line-separated block, `<br>` per line break. */
export function textToHtml(text: string): string {
  if (!text) return '';
  const fragment = document.createDocumentFragment();
  for (const block of text.split(/\r?\n(?:[ \t]*\r?\n)+/)) {
    const p = fragment.appendChild(document.createElement('p'));
    block.split(/\r?\n/).forEach((line, i) => {
      if (i > 0) p.appendChild(document.createElement('br'));
      p.appendChild(document.createTextNode(line));
    });
  }
  return toHtml(fragment);
}
