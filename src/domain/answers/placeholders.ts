/**
 * Placeholder rendering for lead-approved answers, e.g. "Hi {{requester.first_name}}".
 * Values are inserted as data: they are never parsed for placeholders themselves,
 * so a customer named "{{agent.name}}" stays exactly that.
 */

export type PlaceholderValues = Record<string, string | null | undefined>;

export type PlaceholderName =
  'requester.first_name' | 'requester.name' | 'agent.first_name' | 'agent.name' | 'ticket.id' | 'ticket.subject';

const ZWSP = '\u200b';

/**
 * A customer-controlled value (subject, names) made inert in the reply: Zendesk renders `{{…}}`
 * and `{%…%}` in an agent's comment and Markdown links in it, so a subject like
 * "{{ticket.requester.email}}" or "[pay here](https://…)" must not become one. A zero-width space
 * breaks each opening sequence without changing what the customer reads.
 */
export function inert(value: string): string {
  return value
    .replace(/^(?=[{%(])/, ZWSP)
    .replace(/([{%])(?=[{%])/g, `$1${ZWSP}`)
    .replace(/\](?=\()/g, `]${ZWSP}`);
}

/** A placeholder's value, made inert; undefined when unknown or empty. */
export function placeholderValue(values: PlaceholderValues, name: string): string | undefined {
  // Own properties only: "{{constructor}}" or "{{__proto__}}" must not reach Object.prototype.
  if (!Object.prototype.hasOwnProperty.call(values, name)) return undefined;
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return inert(value);
}

/** First given name; "Doe, Jane" is the family-name-first form, so Jane is taken. */
export function firstName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) return null;
  const comma = trimmed.indexOf(',');
  const given = comma > 0 ? trimmed.slice(comma + 1).trim() : trimmed;
  return given.split(/\s+/)[0] || trimmed.split(/[\s,]+/)[0] || null;
}

function cleanName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function placeholderValues(
  ticket: { id: number; subject: string; requester?: { name?: string | null } | null },
  agent: { name?: string | null },
): Record<PlaceholderName, string | null> {
  const requesterName = cleanName(ticket.requester?.name);
  const agentName = cleanName(agent.name);
  return {
    'requester.first_name': firstName(requesterName),
    'requester.name': requesterName,
    'agent.first_name': firstName(agentName),
    'agent.name': agentName,
    'ticket.id': String(ticket.id),
    'ticket.subject': ticket.subject.trim() === '' ? null : ticket.subject,
  };
}
