/**
 * Whether an answer is really lead-approved, judged from what Zendesk recorded rather than from
 * what the record claims. Any agent can PATCH a custom object record through the API, so
 * `status: approved` and `approved_by_id` alone prove nothing. An approval counts only when:
 * - the content is the content that was approved (a fingerprint stored with the approval), and
 * - Zendesk's own `updated_by_user_id` (which no client can set) is a lead: the last person who
 *   wrote the record vouched for it, and a forged or edited record always has a non-lead there;
 * - the approver named in the record is a lead too.
 */

/** The parts of an answer an approval covers: what agents see and insert, and what it matches. */
export interface ApprovedContent {
  title: string;
  summary: string;
  body: string;
  examples: string[];
  tags: string[];
  locale: string | null;
}

/** 53-bit string hash (cyrb53): change detection, not secrecy; anyone can compute it. */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A fingerprint of the approved content, stored in the record with the approval. */
export function contentFingerprint(content: ApprovedContent): string {
  const canonical = JSON.stringify([
    content.title,
    content.summary,
    content.body,
    content.examples,
    [...content.tags].sort(),
    content.locale ?? '',
  ]);
  return `v1:${hash53(canonical, 1).toString(36)}${hash53(canonical, 2).toString(36)}`;
}

export interface ApprovalRecord extends ApprovedContent {
  status: 'draft' | 'approved' | 'retired';
  approvedById: number | null;
  /** The fingerprint stored when a lead approved, or null. */
  approvalFingerprint: string | null;
  /** Zendesk's record of who last wrote the record (null where Zendesk did not say). */
  updatedById: number | null;
}

export type Approval =
  | { kind: 'approved'; approverId: number }
  /** Marked approved, but the content or the last writer does not bear that out. */
  | { kind: 'changed'; byId: number | null }
  | { kind: 'unapproved' };

/**
 * Decides an answer's approval; `isLead` answers for users the caller looked up fresh. A caller
 * that took the record's fingerprint already passes it (`contentFingerprint` of this record).
 */
export function verifyApproval(
  record: ApprovalRecord,
  isLead: (userId: number) => boolean,
  fingerprint: () => string = () => contentFingerprint(record),
): Approval {
  if (record.status !== 'approved') return { kind: 'unapproved' };
  const contentChanged = record.approvalFingerprint !== fingerprint();
  const writerIsLead = record.updatedById !== null && isLead(record.updatedById);
  const approverIsLead = record.approvedById !== null && isLead(record.approvedById);
  if (contentChanged || !writerIsLead || !approverIsLead) return { kind: 'changed', byId: record.updatedById };
  return { kind: 'approved', approverId: record.approvedById! };
}

/** The users whose lead status decides the approvals of these records. */
export function approvalPeople(records: ApprovalRecord[]): number[] {
  const ids = records
    .filter((r) => r.status === 'approved')
    .flatMap((r) => [r.updatedById, r.approvedById])
    .filter((id): id is number => id !== null);
  return [...new Set(ids)];
}
