/**
 * Hostile input for the browser tests: markup, scripts, URLs and text shapes that a customer, an
 * agent or a Help Center editor could put in any field the app shows or inserts. Every payload that
 * could run sets `window.__xss`, the marker `session().xssRan()` looks for in every frame.
 */
export type Category = 'script' | 'handler' | 'url' | 'svg' | 'frame' | 'markup' | 'template' | 'css' | 'breakout' | 'text';

export interface Payload {
  name: string;
  category: Category;
  value: string;
}

const X = 'window.__xss=1';

/** About one megabyte without a break opportunity: the worst case for wrapping and for the matcher. */
const MEGABYTE = 'W'.repeat(1 << 20);

export const PAYLOADS: readonly Payload[] = [
  // script tags
  { name: 'script tag', category: 'script', value: `<script>${X}</script>` },
  { name: 'script tag, upper case', category: 'script', value: `<SCRIPT>${X}</SCRIPT>` },
  { name: 'script with src', category: 'script', value: `<script src="data:text/javascript,${X}"></script>` },
  { name: 'script split by null', category: 'script', value: `<scr\u0000ipt>${X}</scr\u0000ipt>` },
  { name: 'script in attribute-less close', category: 'script', value: `<script>${X}</script x>` },
  { name: 'nested script', category: 'script', value: `<scr<script>ipt>${X}</scr</script>ipt>` },
  { name: 'script in textarea breakout', category: 'script', value: `</textarea><script>${X}</script>` },
  { name: 'script in title breakout', category: 'script', value: `</title><script>${X}</script>` },
  // event handlers
  { name: 'img onerror', category: 'handler', value: `<img src=x onerror=${X}>` },
  { name: 'img onerror quoted', category: 'handler', value: `<img src="x" onerror="${X}">` },
  { name: 'body onload', category: 'handler', value: `<body onload=${X}>` },
  { name: 'input autofocus onfocus', category: 'handler', value: `<input autofocus onfocus=${X}>` },
  { name: 'details ontoggle', category: 'handler', value: `<details open ontoggle=${X}>` },
  { name: 'video onerror', category: 'handler', value: `<video><source onerror=${X}></video>` },
  { name: 'marquee onstart', category: 'handler', value: `<marquee onstart=${X}>x</marquee>` },
  { name: 'div onmouseover', category: 'handler', value: `<div onmouseover="${X}" style="position:fixed;inset:0">hover</div>` },
  { name: 'handler with slash separator', category: 'handler', value: `<img/src=x/onerror=${X}>` },
  { name: 'handler entity-encoded', category: 'handler', value: `<img src=x onerror="&#119;indow.__xss=1">` },
  // URLs
  { name: 'javascript: link', category: 'url', value: `<a href="javascript:${X}">click</a>` },
  { name: 'javascript: bare', category: 'url', value: `javascript:${X}` },
  { name: 'javascript: mixed case, tab', category: 'url', value: `JaVa\tScRiPt:${X}` },
  { name: 'javascript: entity-encoded', category: 'url', value: `<a href="&#106;avascript:${X}">x</a>` },
  { name: 'data: html link', category: 'url', value: `<a href="data:text/html,<script>${X}</script>">x</a>` },
  { name: 'data: bare', category: 'url', value: `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==` },
  { name: 'vbscript: link', category: 'url', value: `<a href="vbscript:msgbox(1)">x</a>` },
  { name: 'markdown javascript: link', category: 'url', value: `[click me](javascript:${X})` },
  { name: 'markdown data: image', category: 'url', value: `![x](data:image/svg+xml,<svg onload=${X}>)` },
  { name: 'form action javascript:', category: 'url', value: `<form action="javascript:${X}"><button>go</button></form>` },
  { name: 'meta refresh', category: 'url', value: `<meta http-equiv="refresh" content="0;url=javascript:${X}">` },
  // SVG and MathML
  { name: 'svg onload', category: 'svg', value: `<svg onload=${X}>` },
  { name: 'svg script', category: 'svg', value: `<svg><script>${X}</script></svg>` },
  {
    name: 'svg animate href',
    category: 'svg',
    value: `<svg><a><animate attributeName=href values=javascript:${X} /><text y=20>x</text></a></svg>`,
  },
  { name: 'math mtext breakout', category: 'svg', value: `<math><mtext><table><mglyph><style><img src=x onerror=${X}>` },
  // frames and plugins
  { name: 'iframe srcdoc', category: 'frame', value: `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>` },
  { name: 'iframe javascript: src', category: 'frame', value: `<iframe src="javascript:parent.__xss=1"></iframe>` },
  { name: 'object data', category: 'frame', value: `<object data="data:text/html,<script>${X}</script>"></object>` },
  { name: 'embed src', category: 'frame', value: `<embed src="data:text/html,<script>${X}</script>">` },
  // broken markup
  { name: 'unclosed tag', category: 'markup', value: `<b><i><u>unclosed` },
  { name: 'unclosed attribute', category: 'markup', value: `<img src="x onerror=${X} ` },
  { name: 'unclosed comment', category: 'markup', value: `<!-- <img src=x onerror=${X}>` },
  { name: 'CDATA', category: 'markup', value: `<![CDATA[<img src=x onerror=${X}>]]>` },
  { name: 'stray closers', category: 'markup', value: `</div></p></li></ul></table></main></body></html>` },
  { name: 'template element', category: 'markup', value: `<template><img src=x onerror=${X}></template>` },
  { name: 'noscript breakout', category: 'markup', value: `<noscript><p title="</noscript><img src=x onerror=${X}>">` },
  // template syntax
  { name: 'angular constructor', category: 'template', value: `{{constructor.constructor('${X}')()}}` },
  { name: 'template literal', category: 'template', value: '${' + X + '}' },
  { name: 'placeholder in data', category: 'template', value: '{{requester.first_name}} {{agent.name}} {{ticket.id}}' },
  { name: 'erb and pug', category: 'template', value: `<%= ${X} %> #{${X}}` },
  // CSS
  { name: 'style breakout', category: 'css', value: `</style><img src=x onerror=${X}>` },
  { name: 'style tag', category: 'css', value: `<style>*{display:none!important}</style>` },
  {
    name: 'style attribute',
    category: 'css',
    value: `<p style="position:fixed;top:0;left:0;width:9999px;height:9999px;background:red">cover</p>`,
  },
  { name: 'css expression', category: 'css', value: `<div style="background:url(javascript:${X})">x</div>` },
  // attribute breakouts
  { name: 'double-quote breakout', category: 'breakout', value: `"><img src=x onerror=${X}>` },
  { name: 'single-quote breakout', category: 'breakout', value: `'><img src=x onerror=${X}>` },
  { name: 'backtick breakout', category: 'breakout', value: '`><img src=x onerror=' + X + '>' },
  { name: 'json breakout', category: 'breakout', value: `"}]}</script><script>${X}</script>` },
  // text that attacks layout and reading order
  { name: 'RTL override', category: 'text', value: '\u202Egnp.exe\u202C invoice \u202Etxt.lmth' },
  { name: 'zero-width characters', category: 'text', value: 'zero\u200Bwidth\u200Cjoin\u200Dner\uFEFF\u2060' },
  { name: 'only zero-width', category: 'text', value: '\u200B\u200B\u200B' },
  { name: 'emoji', category: 'text', value: '👩🏽‍💻🏳️‍🌈🇩🇪 💳💸🔥 ✅❌' },
  { name: 'combining marks', category: 'text', value: `Z${'\u0336\u0337\u0338\u0335'.repeat(30)}algo` },
  { name: 'long word', category: 'text', value: 'https://example.com/' + 'a'.repeat(2000) },
  { name: 'newlines and tabs', category: 'text', value: 'line1\r\nline2\n\n\n\t\ttabbed\u2028sep\u2029para' },
  { name: 'one megabyte', category: 'text', value: MEGABYTE },
];

/** Article URLs: only the http(s) ones may reach an href or the reply. */
export const ARTICLE_URLS: readonly { url: string; safe: boolean }[] = [
  { url: `javascript:${X}`, safe: false },
  { url: `JaVaScRiPt:${X}`, safe: false },
  { url: ` javascript:${X}`, safe: false },
  { url: `java\nscript:${X}`, safe: false },
  { url: `data:text/html,<script>${X}</script>`, safe: false },
  { url: 'vbscript:msgbox(1)', safe: false },
  { url: '//evil.example/hc/articles/1', safe: false },
  { url: '/hc/en-us/articles/1', safe: false },
  { url: 'https://lumenbank.zendesk.com/hc/en-us/articles/9990001-"><img src=x onerror=window.__xss=1>', safe: true },
  { url: "https://lumenbank.zendesk.com/hc/en-us/articles/9990002?q='onmouseover='window.__xss=1", safe: true },
];

/** All payloads in one string, for a field that holds one value. */
export const joined = (separator = '\n') => PAYLOADS.map((p) => p.value).join(separator);

/** The payloads in `count` groups of about the same size, in order. */
export function chunks(count: number): Payload[][] {
  const size = Math.ceil(PAYLOADS.length / count);
  return Array.from({ length: count }, (_, i) => PAYLOADS.slice(i * size, (i + 1) * size));
}
