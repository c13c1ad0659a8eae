/**
 * "Not right for this ticket" reports, as matching reads them. A report is about what the answer
 * says, so it goes for the answer's language variants too; on its own ticket it rules the answer
 * out, and on a ticket like its own it keeps the answer away (matching/matcher.ts decides "like").
 */
import { isVariant, type VariantKey } from './variants';

/** A report as Zendesk recorded it, with its ticket's subject as Zendesk has it (null: not read). */
export interface ReportedMisfit {
  ticketId: number;
  answerId: string;
  subject: string | null;
}

/** The matcher's options for one ticket (matching's `MatchOptions`): the answers ruled out on it, and the other tickets' reports by subject. */
export interface MisfitOptions {
  exclude: ReadonlySet<string>;
  misfits: { answerId: string; subject: string }[];
}

/**
 * What `reports` say for matching a ticket among `answers`, as a rule to ask per ticket: each
 * report also goes for its answer's variants among them (worked out once, not per ticket).
 */
export function misfitOptions(reports: readonly ReportedMisfit[], answers: readonly VariantKey[]): (ticketId: number) => MisfitOptions {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const variants = new Map<string, string[]>();
  for (const { answerId } of reports) {
    const reported = byId.get(answerId);
    if (!variants.has(answerId))
      variants.set(answerId, reported ? answers.filter((a) => isVariant(reported, a)).map((a) => a.id) : [answerId]);
  }
  return (ticketId) => {
    const exclude = new Set<string>();
    const misfits: MisfitOptions['misfits'] = [];
    for (const { ticketId: on, answerId, subject } of reports) {
      const ids = variants.get(answerId) ?? [answerId];
      if (on === ticketId) ids.forEach((id) => exclude.add(id));
      else if (subject) for (const id of ids) misfits.push({ answerId: id, subject });
    }
    return { exclude, misfits };
  };
}
