/**
 * The name of the tool an external content record lives in, from its URL: Unified Search names no
 * source for a result, but the tools Zendesk's knowledge connectors serve have addresses of their
 * own. Any other address is named by its host.
 */
const KNOWN: readonly { name: string; host: RegExp; path?: RegExp }[] = [
  { name: 'Confluence', host: /(^|\.)atlassian\.net$/, path: /^\/wiki\// },
  { name: 'Notion', host: /(^|\.)notion\.(so|site)$/ },
  { name: 'Guru', host: /(^|\.)getguru\.com$/ },
  { name: 'SharePoint', host: /(^|\.)sharepoint\.com$/ },
  { name: 'Help Center', host: /(^|\.)zendesk\.com$/, path: /^\/hc\// },
];

export function sourceName(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  const host = parsed.hostname.toLowerCase();
  const known = KNOWN.find((k) => k.host.test(host) && (!k.path || k.path.test(parsed.pathname)));
  return known?.name ?? host.replace(/^www\./, '');
}
