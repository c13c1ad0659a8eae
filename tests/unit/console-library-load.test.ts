import { describe, expect, it } from 'vitest';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import { createLibraryModel } from '../../src/features/console/library';
import { fakeHost } from './fakeHost';

const noRecords = () => ({ custom_object_records: [], meta: { has_more: false, after_cursor: null } });

describe("the console's library read", () => {
  it('is shared by a load made while it is under way; a later load (a retry, a conflict) reads again', async () => {
    const { host, requests } = fakeHost({
      'GET /api/v2/custom_objects/closed_loop_answer/records.json': noRecords,
      'POST /api/v2/custom_objects/closed_loop_feedback/records/search.json': noRecords,
      'GET /api/v2/search/export.json': () => ({ results: [], meta: { has_more: false, after_cursor: null } }),
    });
    const library = createLibraryModel({
      host,
      settings: readSettings({}).settings,
      lead: { people: async () => new Map() } as never,
      now: () => new Date('2026-11-20T12:00:00Z'),
      cache: createSessionCache(null),
      instanceGuid: 'console',
    });
    const reads = () => requests.map((r) => `${r.method ?? 'GET'} ${r.url.split('?')[0]}`);
    await Promise.all([library.load(), library.load()]);
    expect(reads()).toEqual([
      'GET /api/v2/custom_objects/closed_loop_answer/records.json',
      'POST /api/v2/custom_objects/closed_loop_feedback/records/search.json',
      'GET /api/v2/search/export.json',
    ]);
    // Only the open reports: Zendesk filters out the handled ones.
    expect(requests[1]!.body).toEqual({ filter: { $and: [{ 'custom_object_fields.handled': { $eq: false } }] } });
    await library.load();
    expect(reads()).toHaveLength(6);
  });
});
