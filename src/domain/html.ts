/** HTML to plain text without a DOM, for comment bodies stored as HTML and search snippets. */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  euro: '€',
  copy: '©',
  reg: '®',
  deg: '°',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  aacute: 'á',
  eacute: 'é',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  Eacute: 'É',
  agrave: 'à',
  egrave: 'è',
  ugrave: 'ù',
  acirc: 'â',
  ecirc: 'ê',
  icirc: 'î',
  ocirc: 'ô',
  ucirc: 'û',
  euml: 'ë',
  iuml: 'ï',
  ccedil: 'ç',
  Ccedil: 'Ç',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  atilde: 'ã',
  otilde: 'õ',
  iexcl: '¡',
  iquest: '¿',
  ordm: 'º',
  ordf: 'ª',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, name) ? (NAMED_ENTITIES[name] ?? ' ') : match;
  });
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'area', 'base', 'source']);
const ALWAYS_SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript']);

/**
 * Elements whose whole content is dropped: code, quoted earlier mail (blockquote and
 * the Gmail/Outlook/Thunderbird quote containers) and mail-client signature blocks.
 */
function isSkipped(tag: string, attributes: string): boolean {
  if (ALWAYS_SKIPPED.has(tag) || tag === 'blockquote') return true;
  return /\b(?:class|id)\s*=\s*["']?[^"'>]*(?:gmail_quote|gmail_signature|divRplyFwdMsg|moz-cite-prefix|moz-signature|OutlookMessageHeader|signature)/i.test(
    attributes,
  );
}

/**
 * A single pass over the tags keeps this linear on large bodies and handles
 * nested quotes (a regex with lazy matching would stop at the first inner close tag).
 */
export function htmlToText(html: string): string {
  const source = html.replace(/<!--[\s\S]*?-->/g, ' ');
  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g;
  let out = '';
  let last = 0;
  let skipTag: string | null = null;
  let depth = 0;

  for (let match = tagPattern.exec(source); match; match = tagPattern.exec(source)) {
    const [whole, slash = '', rawName = '', attributes = ''] = match;
    const name = rawName.toLowerCase();
    const closing = slash === '/';
    const selfClosing = VOID_TAGS.has(name) || attributes.trimEnd().endsWith('/');

    // Line breaks in HTML source are just spaces; only block tags break lines.
    if (skipTag === null) out += source.slice(last, match.index).replace(/\s+/g, ' ');
    last = match.index + whole.length;

    if (skipTag !== null) {
      if (name === skipTag && !selfClosing) depth += closing ? -1 : 1;
      if (depth === 0) skipTag = null;
      continue;
    }
    if (!closing && !selfClosing && isSkipped(name, attributes)) {
      skipTag = name;
      depth = 1;
      continue;
    }
    if (BLOCK_TAGS.has(name)) out += '\n';
  }
  if (skipTag === null) out += source.slice(last).replace(/\s+/g, ' ');
  return decodeEntities(out)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const KNOWN_TAG =
  /<\/?(?:p|div|br|span|a|b|i|u|s|strong|em|font|table|tbody|tr|td|th|ul|ol|li|h[1-6]|blockquote|img|hr|html|body|head|style|script|pre|code)(?=[\s/>])[^>]*>/i;

/** Only real tags count: "<jane@acme.com>" in a plain mail is not HTML. */
export function looksLikeHtml(text: string): boolean {
  return KNOWN_TAG.test(text);
}

export interface TextSegment {
  text: string;
  highlighted: boolean;
}

/** Splits a search snippet into plain-text runs, keeping only its `<em>` highlights. */
export function highlightSegments(snippet: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let highlighted = false;
  for (const part of snippet.split(/(<\/?em\s*>)/i)) {
    if (/^<em\s*>$/i.test(part)) highlighted = true;
    else if (/^<\/em\s*>$/i.test(part)) highlighted = false;
    else {
      const text = decodeEntities(part.replace(/<[^>]*>?/g, ''));
      if (text) segments.push({ text, highlighted });
    }
  }
  return segments;
}
