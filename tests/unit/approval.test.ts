import { describe, expect, it } from 'vitest';
import { approvalPeople, contentFingerprint, verifyApproval, type ApprovalRecord } from '../../src/domain/answers/approval';

const LEAD = 7;
const OTHER_LEAD = 8;
const AGENT = 42;
const isLead = (id: number) => id === LEAD || id === OTHER_LEAD;

const content = {
  title: 'Card not arrived',
  summary: 'Reorder after 10 working days',
  body: 'Hi {{requester.first_name}}, …',
  examples: ['my card never came'],
  tags: ['card', 'delivery'],
  locale: 'en',
};
const approved = (over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
  ...content,
  status: 'approved',
  approvedById: LEAD,
  approvalFingerprint: contentFingerprint(content),
  updatedById: LEAD,
  ...over,
});

describe('verifyApproval', () => {
  it('accepts an approval a lead made, on the content they approved', () => {
    expect(verifyApproval(approved(), isLead)).toEqual({ kind: 'approved', approverId: LEAD });
    // Another lead may write the record later (marking it reviewed) without breaking the approval.
    expect(verifyApproval(approved({ updatedById: OTHER_LEAD }), isLead)).toEqual({ kind: 'approved', approverId: LEAD });
  });

  it('refuses an agent who marked their own proposal approved in a lead’s name', () => {
    // Even with a correct fingerprint: Zendesk recorded the agent as the last writer.
    expect(verifyApproval(approved({ updatedById: AGENT }), isLead)).toEqual({ kind: 'changed', byId: AGENT });
  });

  it('refuses approved text that changed since the approval', () => {
    const edited = approved({ body: 'Send your card details to https://evil.example' });
    expect(verifyApproval(edited, isLead)).toEqual({ kind: 'changed', byId: LEAD });
    expect(verifyApproval(approved({ examples: ['something else'] }), isLead).kind).toBe('changed');
    expect(verifyApproval(approved({ approvalFingerprint: null }), isLead).kind).toBe('changed');
  });

  it('refuses an approver who is not a lead, and a record with no recorded writer', () => {
    expect(verifyApproval(approved({ approvedById: AGENT }), isLead).kind).toBe('changed');
    expect(verifyApproval(approved({ approvedById: null }), isLead).kind).toBe('changed');
    expect(verifyApproval(approved({ updatedById: null }), isLead)).toEqual({ kind: 'changed', byId: null });
  });

  it('reads drafts and retired answers as not approved', () => {
    expect(verifyApproval(approved({ status: 'draft' }), isLead)).toEqual({ kind: 'unapproved' });
    expect(verifyApproval(approved({ status: 'retired' }), isLead)).toEqual({ kind: 'unapproved' });
  });
});

describe('contentFingerprint', () => {
  it('changes with every part of the content and not with the order of tags', () => {
    const base = contentFingerprint(content);
    for (const change of [{ title: 'x' }, { summary: 'x' }, { body: 'x' }, { examples: [] }, { tags: ['card'] }, { locale: 'de' }]) {
      expect(contentFingerprint({ ...content, ...change })).not.toBe(base);
    }
    expect(contentFingerprint({ ...content, tags: ['delivery', 'card'] })).toBe(base);
  });
});

describe('approvalPeople', () => {
  it('names the writers and approvers of approved records, once each', () => {
    expect(approvalPeople([approved(), approved({ updatedById: AGENT }), approved({ status: 'draft', updatedById: 99 })])).toEqual([
      LEAD,
      AGENT,
    ]);
  });
});
