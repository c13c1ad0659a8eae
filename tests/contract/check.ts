import { Ajv, type ValidateFunction } from 'ajv';
import helpCenter from './zendesk-help-center-api.operations.json';
import support from './zendesk-support-api.operations.json';

/**
 * The API contract: what the app may send to Zendesk and what Zendesk answers, from Zendesk's own
 * descriptions (see the fixtures' `source`). Checks recorded calls: every request must be a
 * documented operation with documented query parameters and body properties, and every answer
 * must validate against the documented response schema.
 */

type Schema = Record<string, unknown>;

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  aliases?: string[];
  queryParameters: { name: string }[];
  requestBody: unknown;
  responses: Record<string, unknown>;
}

/** One API call as the playground recorded it. */
export interface ContractCall {
  method: string;
  /** Path and query string as sent. */
  path: string;
  body?: unknown;
  /** What the playground answered; null while pending or when it never answered. */
  response?: { status: number; body?: unknown } | null;
  /** Set when an injected fault replaced the answer: the answer is then not Zendesk's to judge. */
  fault?: string | null;
}

export interface Coverage {
  operations: string[];
  queryParameters: string[];
  requestBodies: number;
  responses: number;
  statuses: string[];
  violations: number;
}

interface Route {
  operation: Operation;
  pattern: RegExp;
  /** Literal segments win over parameters: /users/me is not /users/{user_id}. */
  parameters: number;
}

const definitions = (helpCenter as { definitions?: Record<string, unknown> }).definitions ?? {};

/** Inlines the hand-written fixture's `#/definitions/…` references. */
function inline(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return inline(definitions[ref.replace('#/definitions/', '')]);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
}

/**
 * OpenAPI 3.0 schema → JSON Schema: `nullable: true` admits null. Everything else carries over;
 * OpenAPI-only keywords (readOnly, discriminator, x-…) are ignored by a non-strict Ajv.
 *
 * With `optionalMayBeNull` (for responses) a property an object does not require also admits
 * null: the description types properties without saying whether they can be empty, and its own
 * response examples carry null where the schema has no `nullable` (a user's organization_id,
 * external_id and custom_role_id in ActivitiesResponseExample, for one), as Zendesk answers.
 */
export function toJsonSchema(node: unknown, optionalMayBeNull = false): unknown {
  const convert = (child: unknown) => toJsonSchema(child, optionalMayBeNull);
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Schema;
  const required = new Set(Array.isArray(rest.required) ? (rest.required as string[]) : []);
  const property = (key: string, child: unknown) =>
    convert(optionalMayBeNull && !required.has(key) && child && typeof child === 'object' ? { ...child, nullable: true } : child);
  const out: Schema = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === 'properties' && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([key, child]) => [key, property(key, child)]))
        : convert(v),
    ]),
  );
  if (nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function routeFor(operation: Operation, template: string): Route {
  let parameters = 0;
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return escape(part);
      parameters++;
      return '[^/]+';
    })
    .join('');
  // Zendesk accepts every path with or without `.json`.
  return { operation, pattern: new RegExp(`^${source}(?:\\.json)?$`), parameters };
}

export class Contract {
  readonly operations: Operation[];
  private routes: Route[];
  private ajv = new Ajv({ strict: false, allErrors: true });
  private validators = new Map<string, ValidateFunction>();
  private errorBody: unknown;

  constructor(operations: Operation[] = defaultOperations(), errorBody: unknown = support.errorBody) {
    this.operations = operations;
    this.errorBody = errorBody;
    this.routes = operations
      .flatMap((op) => [op.path, ...(op.aliases ?? [])].map((template) => routeFor(op, template)))
      .sort((a, b) => a.parameters - b.parameters);
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    // The description spells it both ways.
    this.ajv.addFormat('date-time', dateTime);
    this.ajv.addFormat('datetime', dateTime);
    for (const name of ['email', 'uri', 'url', 'hostname', 'date', 'int64', 'int32']) this.ajv.addFormat(name, true);
  }

  find(method: string, pathname: string): Operation | null {
    return this.routes.find((r) => r.operation.method === method && r.pattern.test(pathname))?.operation ?? null;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, true) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Violations of one call, and what it covered. */
  check(call: ContractCall, coverage: CoverageTally): string[] {
    const url = new URL(call.path, 'http://zendesk.invalid');
    const label = `${call.method} ${url.pathname}`;
    const op = this.find(call.method, url.pathname);
    if (!op) return [`${label}: not a documented operation`];
    coverage.operations.add(op.operationId);
    const violations: string[] = [];

    const documented = new Set(op.queryParameters.map((q) => q.name));
    for (const name of new Set(url.searchParams.keys())) {
      if (documented.has(name)) coverage.queryParameters.add(`${op.operationId} ${name}`);
      else violations.push(`${label}: query parameter "${name}" is not documented for ${op.operationId}`);
    }

    if (call.body !== undefined && call.body !== null) {
      coverage.requestBodies++;
      if (!op.requestBody) violations.push(`${label}: sends a body, but ${op.operationId} documents none`);
      else
        for (const where of undocumentedProperties(call.body, op.requestBody))
          violations.push(`${label}: body property ${where} is not documented for ${op.operationId}`);
    }

    const response = call.response;
    if (response && !call.fault) {
      coverage.responses++;
      coverage.statuses.add(String(response.status));
      const status = String(response.status);
      let schema: unknown;
      let key: string;
      if (status in op.responses) {
        schema = op.responses[status];
        key = `${op.operationId} ${status}`;
      } else if (response.status >= 400) {
        // Error statuses an operation does not list answer with Zendesk's documented error body.
        schema = this.errorBody;
        key = 'error body';
      } else {
        violations.push(`${label}: answered ${status}, but ${op.operationId} documents ${Object.keys(op.responses).join(', ')}`);
        return violations;
      }
      if (schema === null || schema === undefined) {
        if (response.body !== undefined && response.body !== null && response.body !== '') {
          violations.push(`${label}: answered ${status} with a body, but ${op.operationId} documents none`);
        }
      } else {
        const validate = this.validator(key, schema);
        if (!validate(response.body)) {
          const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim());
          violations.push(
            `${label}: the ${status} answer does not match ${key === 'error body' ? "Zendesk's error body" : op.operationId}: ${errors.join('; ')}`,
          );
        }
      }
    }
    return violations;
  }
}

/** Where `value` has properties `schema` does not document, as dotted paths (e.g. `ticket.additional_tags`). */
function undocumentedProperties(value: unknown, schema: unknown, at = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Schema;
  if (Array.isArray(value)) {
    return s.items ? value.flatMap((item, i) => undocumentedProperties(item, s.items, `${at}[${i}]`)) : [];
  }
  if (!value || typeof value !== 'object') return [];
  const branches = [s, ...((s.allOf ?? []) as Schema[]), ...((s.oneOf ?? []) as Schema[]), ...((s.anyOf ?? []) as Schema[])];
  const properties: Record<string, unknown> = {};
  for (const branch of branches) Object.assign(properties, branch.properties ?? {});
  const additional = branches.map((b) => b.additionalProperties).find((a) => a !== undefined && a !== false);
  const open = Object.keys(properties).length === 0 && branches.every((b) => b.additionalProperties === undefined);
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const where = at ? `${at}.${key}` : key;
    if (key in properties) found.push(...undocumentedProperties(child, properties[key], where));
    else if (additional && typeof additional === 'object') found.push(...undocumentedProperties(child, additional, where));
    else if (!additional && !open) found.push(where);
  }
  return found;
}

export class CoverageTally {
  operations = new Set<string>();
  queryParameters = new Set<string>();
  statuses = new Set<string>();
  requestBodies = 0;
  responses = 0;
  violations = 0;

  toJSON(): Coverage {
    return {
      operations: [...this.operations],
      queryParameters: [...this.queryParameters],
      requestBodies: this.requestBodies,
      responses: this.responses,
      statuses: [...this.statuses],
      violations: this.violations,
    };
  }
}

/** Every operation of both fixtures. */
function defaultOperations(): Operation[] {
  return [...(support.operations as Operation[]), ...(inline(helpCenter.operations) as Operation[])];
}

/** Checks a list of calls; returns readable violations, one line each. */
export function checkCalls(contract: Contract, calls: ContractCall[], coverage = new CoverageTally()): string[] {
  const violations = calls.flatMap((call) => contract.check(call, coverage));
  coverage.violations += violations.length;
  return [...new Set(violations)];
}

/** The one-line summary over a whole run. */
export function summarise(parts: Coverage[], operationCount: number): string {
  const union = (pick: (c: Coverage) => string[]) => new Set(parts.flatMap(pick));
  const sum = (pick: (c: Coverage) => number) => parts.reduce((n, c) => n + pick(c), 0);
  const statuses = [...union((c) => c.statuses)].sort();
  return (
    `api contract: ${union((c) => c.operations).size} operations used of ${operationCount} in the fixture, ` +
    `${union((c) => c.queryParameters).size} query parameters, ${sum((c) => c.requestBodies)} request bodies, ` +
    `${sum((c) => c.responses)} responses checked (${statuses.length} statuses: ${statuses.join(', ')}), ${sum((c) => c.violations)} violations`
  );
}
