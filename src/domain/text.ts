const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities that appear in Zendesk's text (named basics and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] === '#') {
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : match;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? match;
  });
}

/** HTML to plain text without a DOM: tags dropped (block ends become spaces), entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<\/?(p|div|br|li|h\d|tr|blockquote)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
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

/** An http(s) URL, or null: no `javascript:`, `data:` or relative tricks reach an href. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The first sentences of a text, up to about `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 280): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`;
}
