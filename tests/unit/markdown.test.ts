import { describe, expect, it } from 'vitest';
import { parseMarkdown, toHtml, toPlainText } from '../../src/domain/answers/markdown';
import { fillAnswer } from '../../src/domain/answers/filled';

const html = (source: string) => toHtml(parseMarkdown(source));
const text = (source: string) => toPlainText(parseMarkdown(source));
const LINK_ATTRS = 'target="_blank" rel="noopener noreferrer"';

describe('Markdown answers', () => {
  it('renders paragraphs, line breaks, bold, italic, lists and links', () => {
    const source =
      'Hi Emma,\n\n**Never share your PIN.** Steps:\n\n1. Open the *app*.\n2. Tap _Report_.\n3. Read [the guide](https://help.example.com/a?b=1&c=2).\n\n- one\n- two\n\nBest,\nSam';
    expect(html(source)).toBe(
      '<p>Hi Emma,</p><p><strong>Never share your PIN.</strong> Steps:</p>' +
        '<ol><li>Open the <em>app</em>.</li><li>Tap <em>Report</em>.</li>' +
        `<li>Read <a href="https://help.example.com/a?b=1&amp;c=2" ${LINK_ATTRS}>the guide</a>.</li></ol>` +
        '<ul><li>one</li><li>two</li></ul><p>Best,<br>Sam</p>',
    );
    expect(text(source)).toBe(
      'Hi Emma,\n\nNever share your PIN. Steps:\n\n1. Open the app.\n2. Tap Report.\n3. Read the guide (https://help.example.com/a?b=1&c=2).\n\n- one\n- two\n\nBest,\nSam',
    );
  });

  it('keeps a numbered list across blank lines, its start number, and lines under an item', () => {
    expect(html('3. a\n\n4. b\n   more')).toBe('<ol start="3"><li>a</li><li>b<br>more</li></ol>');
    expect(text('3. a\n\n4. b\n   more')).toBe('3. a\n4. b\n   more');
    expect(html('* a\n+ b\n\n1) c')).toBe('<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>');
  });

  it('nests strong and emphasis and leaves unmatched markers as text', () => {
    expect(html('***both*** and **bold *inner* bold**')).toBe(
      '<p><em><strong>both</strong></em> and <strong>bold <em>inner</em> bold</strong></p>',
    );
    expect(html('5 * 3 = 15, **open, a_b_c, snake_case_name, *')).toBe('<p>5 * 3 = 15, **open, a_b_c, snake_case_name, *</p>');
    expect(html('\\*not em\\* and \\[not](https://a.example)')).toBe('<p>*not em* and [not](https://a.example)</p>');
  });

  it('shows a link as its address when it has no label', () => {
    expect(html('[](https://a.example/x)')).toBe(`<p><a href="https://a.example/x" ${LINK_ATTRS}>https://a.example/x</a></p>`);
    expect(text('[https://a.example/x](https://a.example/x)')).toBe('https://a.example/x');
  });

  it('escapes every character of text: raw HTML is text', () => {
    const source = '<script>alert(1)</script> <img src=x onerror=alert(1)> "quotes" & \'apostrophes\'';
    expect(html(source)).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &quot;quotes&quot; &amp; &#39;apostrophes&#39;</p>',
    );
    expect(text(source)).toBe(source);
    expect(html('**<b>x</b>**')).toBe('<p><strong>&lt;b&gt;x&lt;/b&gt;</strong></p>');
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](&#106;avascript:alert(1))',
    '[x](&#x6A;avascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](//evil.example/x)',
    '[x](/relative)',
    '[x](https&#58;//evil.example)',
    '[x](https://ok.example" onmouseover="alert(1))',
    '[x](https://ok.example\nonmouseover=alert(1))',
    '[x](mailto:a@b.example)',
  ])('keeps a link that is not http(s) as literal text: %s', (source) => {
    const out = html(source);
    expect(out).not.toContain('<a');
    expect(out).not.toMatch(/href/i);
    expect(text(source)).toBe(source);
  });

  it('accepts http and https in any case, normalised', () => {
    expect(html('[a](HTTPS://Example.COM/p)')).toContain('href="https://example.com/p"');
    expect(html('[a](http://example.com)')).toContain('href="http://example.com/"');
    // The plain text keeps the address as written.
    expect(text('[a](HTTPS://Example.COM/p)')).toBe('a (HTTPS://Example.COM/p)');
  });

  it('leaves unclosed brackets and parentheses as text', () => {
    expect(html('[a](https://x.example')).toBe('<p>[a](https://x.example</p>');
    expect(html('[a [b](https://x.example)')).toBe(`<p>[a <a href="https://x.example/" ${LINK_ATTRS}>b</a></p>`);
    expect(html('a] (b) [c')).toBe('<p>a] (b) [c</p>');
  });

  it('does not nest links: brackets inside a link label are text', () => {
    expect(html('[a [b](https://in.example)](https://out.example)')).toBe(
      `<p><a href="https://out.example/" ${LINK_ATTRS}>a [b](https://in.example)</a></p>`,
    );
  });

  it('keeps emphasis bombs linear and inert', () => {
    const bombs = [
      '*'.repeat(50_000),
      '['.repeat(50_000),
      '_'.repeat(50_000),
      '*a '.repeat(20_000),
      'a* '.repeat(20_000),
      '**a'.repeat(20_000),
      '[x]('.repeat(20_000),
      '[a](https://x.example/'.repeat(5_000),
      `${'['.repeat(25_000)}${']('.repeat(25_000)}`,
      `${'*a '.repeat(25_000)}${'a* '.repeat(25_000)}`,
      '{{'.repeat(50_000),
      '{{ a'.repeat(20_000),
      '\\'.repeat(50_001),
      `a${' '.repeat(50_000)}x`,
      `a${' \t'.repeat(25_000)}x\n${'- '.repeat(25_000)}`,
      `{{${' '.repeat(50_000)}a`,
    ];
    for (const bomb of bombs) {
      const started = performance.now();
      const blocks = parseMarkdown(bomb);
      const out = toHtml(blocks);
      const plain = toPlainText(blocks);
      // A parse that backtracks takes minutes on these; a loaded CI machine needs seconds at most.
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(out).not.toMatch(/<(?!\/?(p|strong|em|ul|li)>)/);
      expect(plain.length).toBeGreaterThan(0);
    }
  });

  it('caps nesting: deep emphasis beyond the limit stays as its markers, the text whole', () => {
    const deep = `${'*a '.repeat(1_000)}x${' a*'.repeat(1_000)}`;
    const out = html(deep);
    expect(out.match(/<em>/g)?.length).toBe(8);
    expect(toPlainText(parseMarkdown(deep)).replace(/\*/g, '')).toBe(deep.replace(/\*/g, ''));
  });
});

describe('placeholders in formatted answers', () => {
  const values = {
    'requester.first_name': '**Emma**',
    'requester.name': '[pay](https://evil.example) <b>Novak</b>',
    'ticket.subject': '_urgent_ {{agent.name}}',
  };

  it('are filled in as text after parsing: a value is never formatting, a link or markup', () => {
    const { blocks, missing } = fillAnswer(
      'Hi **{{requester.first_name}}**, {{requester.name}}: {{ticket.subject}} [{{ticket.subject}}](https://ok.example) {{agent.name}}',
      values,
    );
    expect(missing).toEqual(['agent.name']);
    const out = toHtml(blocks);
    expect(out).toContain('<strong>**Emma**</strong>');
    expect(out).toContain('&lt;b&gt;Novak&lt;/b&gt;');
    expect(out.match(/<a /g)?.length).toBe(1);
    expect(out).toContain('_urgent_');
    expect(out).toContain('[agent.name]');
    const plain = toPlainText(blocks);
    expect(plain.startsWith('Hi **Emma**, ')).toBe(true);
    // Zendesk renders Markdown links and {{…}} in an agent's plain-text comment: values stay inert there.
    expect(plain).not.toContain('](');
    expect(plain).not.toContain('{{agent.name}}');
  });

  it('are found whole even with underscores in their names', () => {
    const { blocks } = fillAnswer('Hi {{requester.first_name}} and {{agent.first_name}}', {
      'requester.first_name': 'A',
      'agent.first_name': 'B',
    });
    expect(toHtml(blocks)).toBe('<p>Hi A and B</p>');
  });

  it('are not filled into link addresses', () => {
    const { blocks } = fillAnswer('[x](https://a.example/{{ticket.subject}})', { 'ticket.subject': 'evil' });
    expect(toHtml(blocks)).not.toContain('evil');
  });
});
