/**
 * Zendesk's manifest rules for a ZAF v2 app, checked offline (after the rules Zendesk's own
 * app validation applies): required keys, framework version, location urls, parameters and the
 * default locale's translations. Returns one readable line per problem.
 */
// Zendesk's validator refuses `password` (use `secure: true` on a text parameter) and allows `mtls` only to some apps.
const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
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

/** The resource types requirements.json may declare, as Zendesk's validator lists them. */
const REQUIREMENT_TYPES = [
  'automations',
  'channel_integrations',
  'custom_objects',
  'macros',
  'targets',
  'views',
  'ticket_fields',
  'triggers',
  'user_fields',
  'organization_fields',
  'webhooks',
  'custom_objects_v2',
];
/** Custom object field types, from Zendesk's API reference (CustomFieldObject.type). */
const OBJECT_FIELD_TYPES = ['checkbox', 'date', 'decimal', 'dropdown', 'integer', 'lookup', 'multiselect', 'regexp', 'text', 'textarea'];
/** Zendesk's custom objects v2 limits for an app's requirements. */
export const COV2_LIMITS = { objects: 50, fieldsPerObject: 20, selectionFieldsPerObject: 5, optionsPerField: 10 };
// Zendesk's reference: "letters, numbers, and underscores. It can't be only numbers".
const KEY = /^(?!\d+$)[A-Za-z0-9_]+$/;

/**
 * requirements.json checked offline against the rules Zendesk's package validator applies to
 * it (`custom_objects_v2` shape, references and limits; a title on each classic requirement),
 * plus the key and type rules Zendesk's API applies when the app is installed.
 */
export function validateRequirements(requirements: Json): string[] {
  const errors: string[] = [];
  for (const type of Object.keys(requirements)) {
    if (!REQUIREMENT_TYPES.includes(type)) errors.push(`unknown requirement type: ${type}`);
  }
  for (const [type, group] of Object.entries(requirements)) {
    if (['channel_integrations', 'custom_objects', 'webhooks', 'custom_objects_v2'].includes(type)) continue;
    for (const [identifier, resource] of Object.entries((group ?? {}) as Json)) {
      if (!resource || typeof (resource as Json).title !== 'string') errors.push(`${type}.${identifier}: title is required`);
    }
  }
  const cov2 = requirements.custom_objects_v2 as Json | undefined;
  if (cov2 === undefined) return errors;
  const { objects, object_fields: fields } = cov2;
  if (!Array.isArray(objects)) errors.push('custom_objects_v2.objects must be an array');
  if (!Array.isArray(fields)) errors.push('custom_objects_v2.object_fields must be an array of fields, not a map keyed by object');
  if (!Array.isArray(objects) || !Array.isArray(fields)) return errors;

  if (objects.length > COV2_LIMITS.objects) errors.push(`custom_objects_v2: ${objects.length} objects, at most ${COV2_LIMITS.objects}`);
  const objectKeys = new Set<string>();
  for (const object of objects as Json[]) {
    const key = String(object.key);
    for (const required of ['key', 'title', 'title_pluralized', 'include_in_list_view']) {
      if (object[required] === undefined) errors.push(`custom_objects_v2 object ${key}: ${required} is required`);
    }
    if (!KEY.test(key)) errors.push(`custom_objects_v2 object ${key}: a key is letters, numbers and underscores`);
    if (objectKeys.has(key)) errors.push(`custom_objects_v2 object ${key}: duplicate key`);
    objectKeys.add(key);
  }

  const byObject = new Map<string, Json[]>();
  for (const field of fields as Json[]) {
    const name = `custom_objects_v2 field ${String(field.object_key)}.${String(field.key)}`;
    for (const required of ['key', 'title', 'type', 'object_key']) {
      if (field[required] === undefined) errors.push(`${name}: ${required} is required`);
    }
    if (!objectKeys.has(String(field.object_key))) errors.push(`${name}: object_key names no object in custom_objects_v2.objects`);
    if (!KEY.test(String(field.key))) errors.push(`${name}: a key is letters, numbers and underscores, not only numbers`);
    if (!OBJECT_FIELD_TYPES.includes(String(field.type))) errors.push(`${name}: unknown type ${String(field.type)}`);
    const options = field.custom_field_options;
    if (field.type === 'dropdown' || field.type === 'multiselect') {
      if (!Array.isArray(options) || !options.length) errors.push(`${name}: a ${String(field.type)} needs custom_field_options`);
      else if (options.length > COV2_LIMITS.optionsPerField)
        errors.push(`${name}: ${options.length} options, at most ${COV2_LIMITS.optionsPerField}`);
    }
    byObject.set(String(field.object_key), [...(byObject.get(String(field.object_key)) ?? []), field]);
  }
  for (const [object, list] of byObject) {
    if (list.length > COV2_LIMITS.fieldsPerObject)
      errors.push(`custom_objects_v2 ${object}: ${list.length} fields, at most ${COV2_LIMITS.fieldsPerObject}`);
    const keys = list.map((f) => String(f.key));
    const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
    if (repeated.length) errors.push(`custom_objects_v2 ${object}: duplicate field keys ${repeated.join(', ')}`);
    for (const type of ['dropdown', 'multiselect']) {
      const count = list.filter((f) => f.type === type).length;
      if (count > COV2_LIMITS.selectionFieldsPerObject)
        errors.push(`custom_objects_v2 ${object}: ${count} ${type} fields, at most ${COV2_LIMITS.selectionFieldsPerObject}`);
    }
  }
  if (JSON.stringify(cov2).length > 1_048_576) errors.push('custom_objects_v2: larger than 1 MB');
  return errors;
}
