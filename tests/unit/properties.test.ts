import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHtml, toPlainText } from '../../src/domain/answers/markdown';
import { fillAnswer } from '../../src/domain/answers/filled';
import { inert, placeholderValues } from '../../src/domain/answers/placeholders';
import { buildSearchQuery } from '../../src/domain/knowledge/query';
import { createMatcher } from '../../src/domain/matching';
import { highlightSegments } from '../../src/domain/html';
import { escapeHtml, safeHttpUrl } from '../../src/domain/text';
import { ContextSchema, CurrentUserSchema } from '../../src/host/schemas';

/** Text a customer or another agent might type, including markup, RTL overrides and zero-width characters. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '\u202Egnp.exe',
    'a\u200Bb',
    '{{agent.name}}',
    '{{__proto__}}',
    '"><svg onload=alert(1)>',
  ),
  fc.string({ maxLength: 50 }).map((s) => `<b>${s}</b>&amp;${s}`),
);

describe('properties', () => {
  it('schemas never throw on arbitrary input: they accept or reject', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const schema of [ContextSchema, CurrentUserSchema]) {
          const result = schema.safeParse(value);
          expect(typeof result.success).toBe('boolean');
        }
      }),
    );
  });

  it('placeholder rendering inserts values verbatim and never leaves undefined or expands a value', () => {
    fc.assert(
      fc.property(hostile, hostile, fc.option(hostile, { nil: null }), (template, subject, requester) => {
        const values = placeholderValues({ id: 7, subject, requester: { name: requester } }, { name: 'Sam Agent' });
        const text = toPlainText(fillAnswer(`${template} {{requester.first_name}} {{ticket.subject}}`, values).blocks);
        expect(text).not.toContain('undefined');
        // Verbatim as read: only zero-width breaks are added, so no value becomes a placeholder.
        expect(text.endsWith(` ${values['ticket.subject'] === null ? '[ticket.subject]' : inert(values['ticket.subject'])}`)).toBe(true);
        expect(inert(subject).replaceAll('\u200b', '')).toBe(subject.replaceAll('\u200b', ''));
      }),
    );
  });

  it('escaped HTML contains no tag or attribute a browser would parse', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, subject) => {
        const html = toHtml(fillAnswer(`${text} {{ticket.subject}}`, { 'ticket.subject': subject }).blocks);
        // Only the Markdown subset's own elements, and only http(s) links.
        const tags =
          /<\/?(p|br|strong|em|ul|ol|li)>|<ol start="\d+">|<a href="https?:\/\/[^"<>]*" target="_blank" rel="noopener noreferrer">|<\/a>/g;
        expect(html.replace(tags, '')).not.toMatch(/[<>]/);
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('snippet highlighting yields only text, and only http(s) URLs pass', () => {
    fc.assert(
      fc.property(hostile, (snippet) => {
        for (const segment of highlightSegments(snippet)) expect(segment.text).not.toMatch(/<\/?[a-z][^>]*>/i);
        const url = safeHttpUrl(snippet);
        expect(url === null || /^https?:\/\//.test(url)).toBe(true);
      }),
    );
  });

  it('the query builder returns a bounded query of words from the input', () => {
    fc.assert(
      fc.property(hostile, hostile, (subject, body) => {
        const { query, terms } = buildSearchQuery({ subject, comments: [{ authorId: 1, body }], requesterId: 1 });
        expect(terms.length).toBeLessThanOrEqual(8);
        expect(query).toBe(terms.join(' '));
        expect(query).not.toMatch(/[<>]/);
      }),
    );
  });

  it('the matcher ranks only known answers with a confidence in [0, 1], whatever the ticket says', () => {
    const matcher = createMatcher([
      { id: 'a', title: 'Card not arrived', examples: ['my card has not arrived', 'where is my card'] },
      { id: 'b', title: 'Reset password', examples: ['forgot my password', 'cannot log in'] },
    ]);
    fc.assert(
      fc.property(hostile, fc.array(hostile, { maxLength: 3 }), (subject, tags) => {
        const result = matcher.match({ subject, text: subject, tags });
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        for (const scored of [result.best, ...result.alternates]) if (scored) expect(['a', 'b']).toContain(scored.id);
        expect(result.abstained).toBe(result.best === null);
      }),
    );
  });
});
