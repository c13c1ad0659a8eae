import { contentFingerprint } from '../../domain/answers/approval';
import type { Answer } from '../../host/api/answers';
import { createAnswer } from '../../host/api/answerWrites';
import type { HostClient } from '../../host/client';
import type { KnownIssueInput } from './knownIssue';

/* The lead's known-issue statement as an answer record: in the editing chunk, loaded when a lead marks one. */

const SUMMARY_CHARS = 200;

/**
 * Creates the statement for problem ticket `ticketId`, approved by the lead writing it: Zendesk
 * records that lead as the record's last writer, which is what makes the approval count
 * (domain/answers/approval.ts). One statement per problem and minute: a retry of the same mark
 * finds the record the first attempt made.
 */
export function markKnownIssue(
  host: HostClient,
  input: KnownIssueInput & { ticketId: number; subject: string; leadId: number; now: Date },
): Promise<Answer> {
  const statement = input.statement.trim();
  const content = {
    title: input.subject.trim() || `#${input.ticketId}`,
    summary: statement.split('\n')[0]!.slice(0, SUMMARY_CHARS),
    body: statement,
    examples: input.examples.map((e) => e.trim()).filter(Boolean),
    tags: ['known_issue'],
    locale: null,
  };
  const stamp = input.now.toISOString();
  return createAnswer(
    host,
    {
      ...content,
      status: 'approved',
      ownerId: input.leadId,
      approvedById: input.leadId,
      approvedAt: stamp,
      approvalFingerprint: contentFingerprint(content),
      problemTicketId: input.ticketId,
      eta: input.eta,
    },
    `known_issue:${input.ticketId}:${stamp.slice(0, 16)}`,
  );
}
