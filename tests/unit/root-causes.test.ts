import { describe, expect, it } from 'vitest';
import {
  answerDraftFrom,
  byLead,
  causeTitle,
  countByCategory,
  exampleFrom,
  mergedTickets,
  serialiseWhys,
  whysProblem,
  WHY_MAX_CHARS,
} from '../../src/domain/rootCauses';
import { mergeRootCauses } from '../../src/host/api/rootCauseReview';
import { parseWhys } from '../../src/host/api/rootCauses';
import type { ApiRequest } from '../../src/host/client';
import { fakeHost } from './fakeHost';

const LEAD = 10002;
const AGENT = 10004;
const lead = (id: number) => id === LEAD;

describe('stored why/because lines', () => {
  it('are kept trimmed, without empty pairs, and read back as written', () => {
    const whys = [
      { why: ' Why the wrong amount? ', because: 'An estimate was shown. ' },
      { why: '', because: '  ' },
      { why: 'Why an estimate?', because: '' },
    ];
    const stored = serialiseWhys(whys);
    expect(parseWhys(stored)).toEqual([
      { why: 'Why the wrong amount?', because: 'An estimate was shown.' },
      { why: 'Why an estimate?', because: '' },
    ]);
    expect(causeTitle(whys)).toBe('Why an estimate?');
  });

  it('read as none when the field is not what the app writes (edited by hand, or hostile)', () => {
    expect(parseWhys(null)).toEqual([]);
    expect(parseWhys('not json')).toEqual([]);
    expect(parseWhys('{"why":"x","because":"y"}')).toEqual([]);
    expect(parseWhys('[{"why":1,"because":"y"}]')).toEqual([]);
    expect(parseWhys('[{"why":"<script>","because":"y","extra":true}]')).toEqual([{ why: '<script>', because: 'y' }]);
  });

  it('need at least one line, at most five, each of bounded length', () => {
    const line = { why: 'Why?', because: 'Because.' };
    expect(whysProblem([{ why: ' ', because: '' }])).toBe('empty');
    expect(whysProblem([line])).toBeNull();
    expect(whysProblem(Array(5).fill(line))).toBeNull();
    expect(whysProblem(Array(6).fill(line))).toBe('too_many');
    expect(whysProblem([{ why: 'x'.repeat(WHY_MAX_CHARS + 1), because: '' }])).toBe('too_long');
  });
});

describe('counting causes', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const causes = [
    { category: 'product_bug' as const, createdAt: daysAgo(1), ticketIds: [1, 2], answerId: 'a1' },
    { category: 'product_bug' as const, createdAt: daysAgo(20), ticketIds: [2, 3], answerId: null },
    { category: 'policy' as const, createdAt: daysAgo(60), ticketIds: [4], answerId: null },
    { category: 'other' as const, createdAt: daysAgo(120), ticketIds: [5], answerId: 'a2' },
  ];
  const of = (days: number) => Object.fromEntries(countByCategory(causes, now, days).map((c) => [c.category, c]));

  it('counts per category in each window, every category listed', () => {
    expect(countByCategory(causes, now, 7)).toHaveLength(6);
    expect(of(7).product_bug).toEqual({ category: 'product_bug', causes: 1, tickets: 2, answered: 1 });
    // Tickets are counted once per category, however many causes name them.
    expect(of(30).product_bug).toEqual({ category: 'product_bug', causes: 2, tickets: 3, answered: 1 });
    expect(of(30).policy!.causes).toBe(0);
    expect(of(90).policy!.causes).toBe(1);
    expect(of(90).other!.causes).toBe(0);
  });
});

describe('whose cause it is', () => {
  it("is a lead's only when Zendesk recorded leads as its creator and its last writer", () => {
    expect(byLead({ createdById: LEAD, updatedById: LEAD }, lead)).toBe(true);
    expect(byLead({ createdById: AGENT, updatedById: LEAD }, lead)).toBe(false);
    expect(byLead({ createdById: LEAD, updatedById: AGENT }, lead)).toBe(false);
    expect(byLead({ createdById: null, updatedById: LEAD }, lead)).toBe(false);
  });
});

describe('the answer drafted from a resolution', () => {
  it('puts the note between the greeting and sign-off, and the customer message on one line', () => {
    const words = { greeting: 'Hi {{requester.first_name}},', signOff: 'Best,\n{{agent.first_name}}' };
    expect(answerDraftFrom('  We refunded the fee. ', words)).toBe(
      'Hi {{requester.first_name}},\n\nWe refunded the fee.\n\nBest,\n{{agent.first_name}}',
    );
    expect(answerDraftFrom('', words)).toBe('Hi {{requester.first_name}},\n\nBest,\n{{agent.first_name}}');
    expect(exampleFrom('Hello,\n\nmy card\tis blocked.  ')).toBe('Hello, my card is blocked.');
    expect([...exampleFrom('é'.repeat(600))]).toHaveLength(500);
    expect(exampleFrom('<p>My card</p><p>is blocked &amp; <b>useless</b>.</p>')).toBe('My card is blocked & useless.');
  });
});

describe('merging duplicates', () => {
  const PATH = '/api/v2/custom_objects/closed_loop_root_cause/records';
  const record = (id: string, ticket: number, extra: Record<string, unknown> = {}, updatedAt = '2026-11-20T10:00:00Z') => ({
    id,
    name: id,
    custom_object_fields: { ticket_id: ticket, category: 'policy', whys: '[]', merged_ticket_ids: '', answer_id: '', ...extra },
    created_at: '2026-11-20T10:00:00Z',
    updated_at: updatedAt,
    created_by_user_id: String(LEAD),
    updated_by_user_id: String(LEAD),
  });
  const seen = { A: '2026-11-20T10:00:00Z', B: '2026-11-20T10:00:00Z' };

  function account(records: Record<string, ReturnType<typeof record>>) {
    return fakeHost({
      [`GET ${PATH}/*.json`]: (_req: ApiRequest, url: URL) => {
        const id = url.pathname.split('/').at(-1)!.replace('.json', '');
        if (!records[id]) throw new Error('unreachable');
        return { custom_object_record: records[id] };
      },
      [`PATCH ${PATH}/*.json`]: (req: ApiRequest, url: URL) => {
        const id = url.pathname.split('/').at(-1)!.replace('.json', '');
        const change = (req.body as { custom_object_record: { custom_object_fields: Record<string, unknown> } }).custom_object_record;
        const next = { ...records[id]!, custom_object_fields: { ...records[id]!.custom_object_fields, ...change.custom_object_fields } };
        return { custom_object_record: next };
      },
      [`DELETE ${PATH}/*.json`]: () => undefined,
    });
  }

  it('gives the kept cause the duplicate’s tickets and answer, then deletes the duplicate', async () => {
    const { host, writes } = account({ A: record('A', 1, { merged_ticket_ids: '7' }), B: record('B', 2, { answer_id: 'ans' }) });
    const result = await mergeRootCauses(host, 'A', 'B', seen);
    expect(result.kind === 'merged' && result.kept.ticketIds).toEqual([1, 7, 2]);
    expect(result.kind === 'merged' && result.kept.answerId).toBe('ans');
    expect(writes.map((w) => `${w.method} ${w.url}`)).toEqual([`PATCH ${PATH}/A.json`, `DELETE ${PATH}/B.json`]);
    expect(mergedTickets([1, 2], [2, 3])).toEqual([1, 2, 3]);
  });

  it('changes nothing when either was deleted or changed since the lead saw them', async () => {
    const gone = fakeHost({ [`GET ${PATH}/A.json`]: () => ({ custom_object_record: record('A', 1) }) });
    expect(await mergeRootCauses(gone.host, 'A', 'B', seen)).toEqual({ kind: 'gone' });
    expect(gone.writes).toEqual([]);

    const changed = account({ A: record('A', 1), B: record('B', 2, {}, '2026-11-21T08:00:00Z') });
    expect(await mergeRootCauses(changed.host, 'A', 'B', seen)).toEqual({ kind: 'changed' });
    expect(changed.writes).toEqual([]);
  });
});
