import { describe, expect, it } from 'vitest';
import { checkCalls, Contract, CoverageTally, summarise, toJsonSchema, type ContractCall } from '../contract/check';

const contract = new Contract();

const record = (id: string) => ({
  id,
  name: 'Card lost',
  custom_object_key: 'closed_loop_answer',
  custom_object_fields: { status: 'approved' },
  external_id: null,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-02T00:00:00Z',
  created_by_user_id: '10001',
  updated_by_user_id: '10001',
});
const page = {
  custom_object_records: [record('01A')],
  meta: { has_more: false, after_cursor: null, before_cursor: null },
  links: { next: null, prev: null },
};

describe('API contract check', () => {
  it('passes a documented call, with or without .json', () => {
    const calls: ContractCall[] = [
      {
        method: 'GET',
        path: '/api/v2/custom_objects/closed_loop_answer/records.json?page%5Bsize%5D=100',
        response: { status: 200, body: page },
      },
      { method: 'GET', path: '/api/v2/custom_objects/closed_loop_answer/records?page[size]=100', response: { status: 200, body: page } },
    ];
    expect(checkCalls(contract, calls)).toEqual([]);
  });

  it('tells /users/me from /users/{id} and finds Help Center operations', () => {
    expect(contract.find('GET', '/api/v2/users/me.json')?.operationId).toBe('ShowCurrentUser');
    expect(contract.find('GET', '/api/v2/users/42.json')?.operationId).toBe('ShowUser');
    expect(contract.find('GET', '/api/v2/groups/501/memberships.json')?.operationId).toBe('ListGroupMemberships');
    expect(contract.find('GET', '/api/v2/help_center/articles/search.json')?.operationId).toBe('HelpCenterSearchArticles');
    expect(contract.find('GET', '/api/v2/tickets/7/merge_everything.json')).toBeNull();
  });

  it('catches an undocumented query parameter', () => {
    const violations = checkCalls(contract, [
      { method: 'GET', path: '/api/v2/custom_objects/closed_loop_answer/records.json?page[size]=100&filter[updated_at][gt]=2026-11-01' },
    ]);
    expect(violations).toEqual([
      'GET /api/v2/custom_objects/closed_loop_answer/records.json: query parameter "filter[updated_at][gt]" is not documented for ListCustomObjectRecords',
    ]);
  });

  it('catches undocumented body properties, however deep', () => {
    const violations = checkCalls(contract, [
      {
        method: 'PUT',
        path: '/api/v2/tickets/7.json',
        body: {
          ticket: {
            safe_update: true,
            updated_stamp: '2026-11-20T10:00:00Z',
            tags: ['vip', 'escalation_escalated'],
            additional_tags: ['escalation_escalated'],
            comment: { body: 'Escalated', public: false, mood: 'urgent' },
          },
        },
      },
    ]);
    expect(violations).toEqual([
      'PUT /api/v2/tickets/7.json: body property ticket.additional_tags is not documented for UpdateTicket',
      'PUT /api/v2/tickets/7.json: body property ticket.comment.mood is not documented for UpdateTicket',
    ]);
  });

  it('lets free-form objects the description leaves open hold anything', () => {
    const violations = checkCalls(contract, [
      {
        method: 'POST',
        path: '/api/v2/custom_objects/closed_loop_feedback/records.json',
        body: { custom_object_record: { name: 'Misfit', custom_object_fields: { kind: 'misfit', anything: { nested: 1 } } } },
      },
    ]);
    expect(violations).toEqual([]);
  });

  it('catches a response that breaks the documented schema', () => {
    const broken = { ...page, meta: { has_more: 'no', after_cursor: null } };
    const violations = checkCalls(contract, [
      { method: 'GET', path: '/api/v2/custom_objects/closed_loop_answer/records.json', response: { status: 200, body: broken } },
      { method: 'GET', path: '/api/v2/help_center/locales.json', response: { status: 200, body: { locales: ['en-us'] } } },
    ]);
    expect(violations).toHaveLength(2);
    expect(violations[0]).toContain('/meta/has_more must be boolean');
    expect(violations[0]).toContain("must have required property 'before_cursor'");
    expect(violations[1]).toContain("must have required property 'default_locale'");
  });

  it("checks undocumented error statuses against Zendesk's error body and rejects undocumented successes", () => {
    const violations = checkCalls(contract, [
      {
        method: 'GET',
        path: '/api/v2/tickets/7.json',
        response: { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } },
      },
      { method: 'GET', path: '/api/v2/tickets/7.json', response: { status: 500, body: { message: 'boom' } } },
      {
        method: 'POST',
        path: '/api/v2/custom_objects/x/records.json',
        body: { custom_object_record: { name: 'a' } },
        response: { status: 200, body: { custom_object_record: record('01B') } },
      },
    ]);
    expect(violations).toEqual([
      expect.stringContaining("GET /api/v2/tickets/7.json: the 500 answer does not match Zendesk's error body"),
      'POST /api/v2/custom_objects/x/records.json: answered 200, but CreateCustomObjectRecord documents 201',
    ]);
  });

  it('leaves answers replaced by an injected fault out of the response check, not out of the request check', () => {
    const coverage = new CoverageTally();
    const violations = checkCalls(
      contract,
      [
        {
          method: 'GET',
          path: '/api/v2/search.json?query=x&mood=1',
          fault: 'wrong_shape',
          response: { status: 200, body: { unexpected: true } },
        },
      ],
      coverage,
    );
    expect(violations).toEqual(['GET /api/v2/search.json: query parameter "mood" is not documented for ListSearchResults']);
    expect(coverage.responses).toBe(0);
  });

  it('lets a response leave optional properties null, as Zendesk does, but not required ones', () => {
    const ticket = {
      id: 7,
      subject: 'Card',
      status: 'open',
      requester_id: 5,
      tags: [],
      organization_id: null,
      assignee_id: null,
      external_id: null,
    };
    expect(checkCalls(contract, [{ method: 'GET', path: '/api/v2/tickets/7.json', response: { status: 200, body: { ticket } } }])).toEqual(
      [],
    );
    const violations = checkCalls(contract, [
      {
        method: 'GET',
        path: '/api/v2/help_center/locales.json',
        response: { status: 200, body: { locales: null, default_locale: 'en-us' } },
      },
    ]);
    expect(violations).toEqual([expect.stringContaining('/locales must be array')]);
  });

  it('translates OpenAPI nullable into JSON Schema', () => {
    expect(
      toJsonSchema({
        type: 'object',
        properties: { a: { type: 'string', nullable: true }, b: { enum: ['x'], type: 'string', nullable: true } },
      }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, b: { enum: ['x', null], type: ['string', 'null'] } },
    });
    expect(toJsonSchema({ oneOf: [{ type: 'string' }], nullable: true })).toEqual({
      anyOf: [{ oneOf: [{ type: 'string' }] }, { type: 'null' }],
    });
  });

  it('sums up a run in one line', () => {
    const coverage = new CoverageTally();
    checkCalls(
      contract,
      [
        {
          method: 'GET',
          path: '/api/v2/help_center/locales.json',
          response: { status: 200, body: { locales: ['en-us'], default_locale: 'en-us' } },
        },
      ],
      coverage,
    );
    expect(summarise([coverage.toJSON()], contract.operations.length)).toBe(
      `api contract: 1 operations used of ${contract.operations.length} in the fixture, 0 query parameters, 0 request bodies, 1 responses checked (1 statuses: 200), 0 violations`,
    );
  });
});
