import { escapeHtml } from '../../src/domain/text';
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/domain/answers/markdown';
import { fillAnswer } from '../../src/domain/answers/filled';
import { firstName, placeholderValues, type PlaceholderValues } from '../../src/domain/answers/placeholders';

/** The filled answer as plain text, as a plain-text reply gets it. */
const renderPlaceholders = (template: string, values: PlaceholderValues, options?: { gap?: string }) => {
  const { blocks, missing } = fillAnswer(template, values, options);
  return { text: toPlainText(blocks), missing };
};

const values = placeholderValues(
  { id: 48213, subject: 'Invoice shows wrong VAT', requester: { name: 'Maria Gonzalez Ruiz' } },
  { name: 'Tom Becker' },
);

describe('fillAnswer: placeholders', () => {
  it('fills the known placeholders', () => {
    const result = renderPlaceholders(
      'Hi {{requester.first_name}},\n\nabout ticket #{{ticket.id}} ("{{ticket.subject}}"): fixed.\n\n{{agent.first_name}}',
      values,
    );
    expect(result.text).toBe('Hi Maria,\n\nabout ticket #48213 ("Invoice shows wrong VAT"): fixed.\n\nTom');
    expect(result.missing).toEqual([]);
  });

  it('allows whitespace inside the braces', () => {
    expect(renderPlaceholders('{{ agent.name }}/{{\trequester.name\t}}', values).text).toBe('Tom Becker/Maria Gonzalez Ruiz');
  });

  it('shows a gap marker for missing, null, undefined and blank values', () => {
    const result = renderPlaceholders(
      'Hi {{requester.first_name}}, {{agent.name}} {{ticket.subject}} {{ticket.priority}} {{requester.first_name}}',
      { 'requester.first_name': null, 'agent.name': undefined, 'ticket.subject': '   ' },
    );
    expect(result.text).toBe('Hi [requester.first_name], [agent.name] [ticket.subject] [ticket.priority] [requester.first_name]');
    expect(result.text).not.toMatch(/undefined|null/);
    expect(result.missing).toEqual(['requester.first_name', 'agent.name', 'ticket.subject', 'ticket.priority']);
  });

  it('uses a custom gap marker', () => {
    expect(renderPlaceholders('Hi {{requester.first_name}}', {}, { gap: '___' }).text).toBe('Hi ___');
    expect(renderPlaceholders('Hi {{requester.first_name}}', {}, { gap: '<{name}?>' }).text).toBe('Hi <requester.first_name?>');
  });

  it('does not expand placeholders found inside values', () => {
    const result = renderPlaceholders('Hi {{requester.name}}', {
      'requester.name': '{{agent.name}} {{ ticket.id }}',
      'agent.name': 'SHOULD NOT APPEAR',
    });
    // Shown as written, but no longer a placeholder Zendesk would render in the reply.
    expect(result.text.replaceAll('\u200b', '')).toBe('Hi {{agent.name}} {{ ticket.id }}');
    expect(result.text).not.toMatch(/\{\{|\{%/);
    expect(result.missing).toEqual([]);
  });

  it("keeps a customer's subject or name from injecting Zendesk placeholders, Liquid tags or Markdown links", () => {
    const hostile = [
      '{{ticket.requester.email}}',
      '{% for c in ticket.comments %}{{c.value}}{% endfor %}',
      '{{{triple}}}',
      'Refund [click here](https://evil.example/pay)',
      '{%raw%}',
      '%}{{',
    ];
    for (const value of hostile) {
      const text = renderPlaceholders('Re: {{ticket.subject}}', { 'ticket.subject': value }).text;
      expect(text.replaceAll('\u200b', '')).toBe(`Re: ${value}`);
      expect(text).not.toMatch(/\{\{|\{%|\]\(/);
    }
    // A value starting with "{" cannot complete a brace the template left open.
    expect(renderPlaceholders('{{{ticket.subject}}', { 'ticket.subject': '{x}}' }).text).not.toContain('{{');
  });

  it('inserts values literally, including $-patterns of String.replace', () => {
    expect(renderPlaceholders('Total: {{x}}', { x: "$& $1 $$ $` $'" }).text).toBe("Total: $& $1 $$ $` $'");
  });

  it('never looks up inherited properties', () => {
    const result = renderPlaceholders('{{constructor}} {{__proto__}} {{toString}} {{hasOwnProperty}} {{constructor.name}}', values);
    expect(result.text).toBe('[constructor] [__proto__] [toString] [hasOwnProperty] [constructor.name]');
    expect(result.missing).toHaveLength(5);
  });

  it('works with a prototype-less map and an own __proto__ key', () => {
    const bare = Object.create(null) as Record<string, string>;
    bare['ticket.id'] = '7';
    expect(renderPlaceholders('#{{ticket.id}}', bare).text).toBe('#7');
    const own = JSON.parse('{"__proto__": "proto-value"}') as Record<string, string>;
    expect(renderPlaceholders('{{__proto__}}', own).text).toBe('proto-value');
  });

  it('leaves text that only looks like a placeholder alone', () => {
    const template = 'Use {single} braces, {{ two words }}, {{}} and {{unclosed';
    expect(renderPlaceholders(template, values)).toEqual({ text: template, missing: [] });
  });
});

describe('escapeHtml', () => {
  it('handles all five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('placeholderValues', () => {
  it('builds first names from full names', () => {
    expect(values).toEqual({
      'requester.first_name': 'Maria',
      'requester.name': 'Maria Gonzalez Ruiz',
      'agent.first_name': 'Tom',
      'agent.name': 'Tom Becker',
      'ticket.id': '48213',
      'ticket.subject': 'Invoice shows wrong VAT',
    });
  });

  it('gives null for missing requester or names', () => {
    const result = placeholderValues({ id: 1, subject: ' ', requester: null }, { name: '  ' });
    expect(result['requester.first_name']).toBeNull();
    expect(result['requester.name']).toBeNull();
    expect(result['agent.first_name']).toBeNull();
    expect(result['ticket.subject']).toBeNull();
    expect(renderPlaceholders('Hi {{requester.first_name}}', result).text).toBe('Hi [requester.first_name]');
  });

  it('firstName copes with odd names', () => {
    expect(firstName('  Jürgen   Müller ')).toBe('Jürgen');
    expect(firstName('Doe, Jane')).toBe('Jane');
    expect(firstName('Cher')).toBe('Cher');
    expect(firstName('山田 太郎')).toBe('山田');
    expect(firstName('Acme,')).toBe('Acme');
    expect(firstName(null)).toBeNull();
  });
});
