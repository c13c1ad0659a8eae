/**
 * Zendesk's manifest rules for a ZAF v2 app, checked offline (after the rules Zendesk's own
 * app validation applies): required keys, framework version, location urls, parameters and the
 * default locale's translations. Returns one readable line per problem.
 */
const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
const FRAMEWORK_VERSIONS = ['2.0'];
const SUPPORT_LOCATIONS = [
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'top_bar',
  'nav_bar',
  'ticket_editor',
  'background',
  'modal',
];

export interface PackageFiles {
  /** Paths inside dist/, e.g. 'assets/iframe.html' */
  files: Set<string>;
  /** Translation files by locale, e.g. { en: {...} } */
  translations: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), tree);
}

export function validateManifest(manifest: Json, pkg: PackageFiles): string[] {
  const errors: string[] = [];
  for (const key of ['name', 'author', 'defaultLocale', 'location', 'frameworkVersion']) {
    if (manifest[key] === undefined) errors.push(`missing key: ${key}`);
  }
  const author = manifest.author as Json | undefined;
  if (author) {
    for (const key of ['name', 'email']) if (typeof author[key] !== 'string') errors.push(`author.${key} must be a string`);
    if (author.url !== undefined && !/^https?:\/\/\S+$/.test(String(author.url))) errors.push('author.url must be a URL');
  }
  if (manifest.frameworkVersion !== undefined && !FRAMEWORK_VERSIONS.includes(String(manifest.frameworkVersion))) {
    errors.push(`frameworkVersion ${String(manifest.frameworkVersion)} is not one Zendesk serves (${FRAMEWORK_VERSIONS.join(', ')})`);
  }
  for (const key of ['private', 'singleInstall', 'signedUrls', 'requirementsOnly', 'marketingOnly']) {
    if (manifest[key] !== undefined && typeof manifest[key] !== 'boolean') errors.push(`${key} must be true or false`);
  }

  const products = (manifest.location ?? {}) as Record<string, Record<string, unknown>>;
  if (!Object.keys(products).length) errors.push('missing key: location');
  for (const [product, locations] of Object.entries(products)) {
    if (product !== 'support') errors.push(`unknown product: ${product}`);
    for (const [name, options] of Object.entries(locations)) {
      if (product === 'support' && !SUPPORT_LOCATIONS.includes(name)) errors.push(`unknown location: ${product}.${name}`);
      const url = typeof options === 'string' ? options : (options as Json).url;
      if (typeof url !== 'string' || !url) {
        errors.push(`${name}: a url is required`);
        continue;
      }
      const flexible = typeof options === 'object' ? (options as Json).flexible : undefined;
      if (flexible !== undefined && typeof flexible !== 'boolean') errors.push(`${name}: flexible must be true or false`);
      if (/^[a-z]+:/i.test(url)) {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.hostname !== 'localhost')
          errors.push(`${name}: url must be https or localhost (${url})`);
      } else if (!url.startsWith('assets/') || !pkg.files.has(url.split(/[?#]/)[0]!)) {
        errors.push(`${name}: url ${url} must be a file under assets/ in the package`);
      }
    }
  }

  const parameters = manifest.parameters;
  if (parameters !== undefined && !Array.isArray(parameters)) errors.push('parameters must be an array');
  const params = (Array.isArray(parameters) ? parameters : []) as Json[];
  const names = params.map((p) => p.name);
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (duplicates.length) errors.push(`duplicate parameters: ${duplicates.join(', ')}`);
  for (const p of params) {
    const name = String(p.name);
    if (typeof p.name !== 'string' || !p.name) errors.push('a parameter has no name');
    if (p.name === 'name') errors.push('a parameter may not be called "name"');
    if (!PARAMETER_TYPES.includes(String(p.type))) errors.push(`${name}: unknown type ${String(p.type)}`);
    for (const flag of ['required', 'secure']) {
      if (p[flag] !== undefined && typeof p[flag] !== 'boolean') errors.push(`${name}: ${flag} must be true or false`);
    }
    if (p.type === 'hidden' && p.required === true) errors.push(`${name}: a hidden parameter cannot be required`);
    if (p.type === 'oauth' && p.secure === true) errors.push(`${name}: an oauth parameter cannot be secure`);
  }
  if (params.filter((p) => p.type === 'oauth').length > 1) errors.push('at most one oauth parameter');

  const locale = String(manifest.defaultLocale ?? '');
  const translations = pkg.translations[locale];
  if (!translations) errors.push(`missing translations/${locale}.json for the default locale`);
  else {
    if (typeof lookup(translations, 'app.name') !== 'string') errors.push(`translations/${locale}.json: app.name is missing`);
    for (const p of params) {
      if (typeof lookup(translations, `app.parameters.${String(p.name)}.label`) !== 'string') {
        errors.push(`translations/${locale}.json: app.parameters.${String(p.name)}.label is missing`);
      }
    }
  }
  return errors;
}
