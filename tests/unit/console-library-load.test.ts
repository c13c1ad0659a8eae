import { effect } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import { createLibraryModel } from '../../src/features/console/library';
import { answerRecord, fakeHost, type Route } from './fakeHost';

const noRecords = () => ({ custom_object_records: [], meta: { has_more: false, after_cursor: null } });

function consoleLibrary(answers: Route, people: () => Promise<Map<number, { name: string; isLead: boolean }>> = async () => new Map()) {
  const fake = fakeHost({
    'GET /api/v2/custom_objects/closed_loop_answer/records.json': answers,
    'POST /api/v2/custom_objects/closed_loop_feedback/records/search.json': noRecords,
    'GET /api/v2/search/export.json': () => ({ results: [], meta: { has_more: false, after_cursor: null } }),
    'GET /api/v2/macros.json': () => ({ macros: [{ id: 7, title: 'Refund status', active: true }], next_page: null }),
  });
  const library = createLibraryModel({
    host: fake.host,
    settings: readSettings({}).settings,
    lead: { people } as never,
    now: () => new Date('2026-11-20T12:00:00Z'),
    cache: createSessionCache(null),
    instanceGuid: 'console',
  });
  return { ...fake, library };
}

describe("the console's library read", () => {
  it('is shared by a load made while it is under way; a later load (a retry, a conflict) reads again', async () => {
    const { library, requests } = consoleLibrary(noRecords);
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

  it("shows a long library's first pages while the rest is read, and a table page of it at a time", async () => {
    // Eight pages of 100; the fifth waits until the test lets it through.
    const pages = 8;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { library } = consoleLibrary(async (_req, url) => {
      const page = Number(url.searchParams.get('page[after]') ?? 0);
      if (page === 4) await held;
      const records = Array.from({ length: 100 }, (_, i) => {
        const n = page * 100 + i;
        return answerRecord(
          `A${String(n).padStart(4, '0')}`,
          `Answer ${n}`,
          {},
          '2026-11-01T00:00:00Z',
          `2026-11-01T${String(n % 24).padStart(2, '0')}:00:00Z`,
        );
      });
      const more = page + 1 < pages;
      return { custom_object_records: records, meta: { has_more: more, after_cursor: more ? String(page + 1) : null } };
    });
    const shownSoFar: number[] = [];
    const stop = effect(() => {
      const state = library.answers.value;
      if (state.status === 'loading' && state.data) shownSoFar.push(state.data.length);
    });
    const loading = library.load();
    await vi.waitFor(() => expect(shownSoFar).toContain(400));
    stop();
    // Shown after the first page, then each time the list doubled: not after every page.
    expect(shownSoFar).toEqual([100, 200, 400]);
    expect(library.answers.value.status).toBe('loading');
    expect(library.rows.value).toHaveLength(400);
    // Figures are made from the whole library only.
    expect(library.completeRows.value).toEqual([]);
    expect(library.visible.value).toHaveLength(400);

    release();
    await loading;
    expect(library.answers.value.status).toBe('ready');
    expect(library.rows.value).toHaveLength(800);
    expect(library.completeRows.value).toHaveLength(800);
    // Most recently changed first, the titles in their order among equals.
    expect(library.visible.value.slice(0, 3).map((r) => r.answer.title)).toEqual(['Answer 119', 'Answer 143', 'Answer 167']);
  });

  it('keeps its rows, and all that is worked out from them, when a change alters none of them', async () => {
    const records = Array.from({ length: 300 }, (_, i) =>
      answerRecord(`A${String(i).padStart(4, '0')}`, `Answer ${i}`, {}, '2026-11-01T00:00:00Z', '2026-11-01T10:00:00Z'),
    );
    const { library } = consoleLibrary(() => ({ custom_object_records: records, meta: { has_more: false, after_cursor: null } }));
    await library.load();
    const rows = library.rows.value;
    const visible = library.visible.value;
    expect(rows).toHaveLength(300);
    // The account's macros arrive; no answer names one.
    await library.loadMacros();
    expect(library.macros.value.status).toBe('ready');
    expect(library.rows.value).toBe(rows);
    expect(library.visible.value).toBe(visible);
  });

  it('sorts the library once for its order: the approvals checked after it is read do not sort it again', async () => {
    // Written in the same second: their order falls to their titles, compared by the collator.
    const records = Array.from({ length: 300 }, (_, i) => ({
      ...answerRecord(`A${String(i).padStart(4, '0')}`, `Answer ${(i * 7) % 300}`, { approved_by_id: '10002' }, '2026-11-01T10:00:00Z'),
      updated_by_user_id: '10002',
    }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { library } = consoleLibrary(
      () => ({ custom_object_records: records, meta: { has_more: false, after_cursor: null } }),
      async () => {
        await held;
        return new Map([[10002, { name: 'Lea', isLead: true }]]);
      },
    );
    const loading = library.load();
    await vi.waitFor(() => expect(library.answers.value.status).toBe('ready'));
    const before = library.visible.value;
    expect(before.map((r) => r.check)).toEqual(records.map(() => 'unchecked'));
    const compares = vi.spyOn(Intl.Collator.prototype, 'compare', 'get');
    try {
      release();
      await loading;
      const after = library.visible.value;
      // Checked now (not borne out: the records carry no approval fingerprint), so the rows are new.
      expect(after.map((r) => r.check)).toEqual(records.map(() => 'unverified'));
      expect(after.map((r) => r.answer.id)).toEqual(before.map((r) => r.answer.id));
      expect(compares).not.toHaveBeenCalled();
    } finally {
      compares.mockRestore();
    }
  });
});
