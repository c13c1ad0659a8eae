import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { createSessionCache } from '../../src/app/sessionCache';
import { createDrafts, DRAFT_TTL_MS } from '../../src/features/console/drafts';
import { createLibraryModel } from '../../src/features/console/library';
import { toAnswer, versionOf } from '../../src/host/api/answers';
import { createAnswer } from '../../src/host/api/answerWrites';
import type { ApiRequest, HostClient } from '../../src/host/client';
import { ApiError, HostTimeoutError, WriteNotAppliedError, WriteUncertainError } from '../../src/host/errors';
import { readSettings } from '../../src/domain/settings';

type Fields = Record<string, unknown>;
interface Stored {
  id: string;
  name: string;
  external_id: string | null;
  custom_object_fields: Fields;
  created_at: string;
  updated_at: string;
  updated_by_user_id: string;
}

/** The same second for every write, as Zendesk's `updated_at` gives it. */
const SECOND = '2026-11-20T12:00:00Z';

/**
 * Custom object records as Zendesk keeps them: PATCH merges fields, `updated_at` has whole seconds,
 * `external_id` is unique. `hooks` let a test act as a second lead between the app's calls.
 */
function zendesk(initial: Fields = {}) {
  const records: Stored[] = [
    {
      id: 'A1',
      name: 'Card on its way',
      external_id: null,
      custom_object_fields: { status: 'draft', answer_body: 'Hi', examples: 'where is my card', ...initial },
      created_at: '2026-11-01T10:00:00Z',
      updated_at: SECOND,
      updated_by_user_id: '10002',
    },
  ];
  const requests: ApiRequest[] = [];
  const hooks = {
    /** Runs instead of applying the app's PATCH; return 'apply' to apply it too. */
    patch: null as null | ((apply: () => void) => void),
    /** Runs before the app's GETs of the record. */
    beforeGet: null as null | ((count: number) => void),
    failGet: 0,
    /** Runs first on every request; may throw to fail it. */
    before: null as null | ((req: ApiRequest) => void),
  };
  let gets = 0;
  const write = (record: Stored, fields: Fields, name?: string) => {
    Object.assign(record.custom_object_fields, fields);
    if (name !== undefined) record.name = name;
    record.updated_at = SECOND;
  };
  const host = {
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      requests.push(req);
      await Promise.resolve();
      hooks.before?.(req);
      const url = new URL(req.url, 'https://x');
      const body = req.body as { custom_object_record: { name?: string; custom_object_fields?: Fields; external_id?: string } } | undefined;
      if (req.method === 'PATCH') {
        const record = records.find((r) => url.pathname.endsWith(`/${r.id}.json`))!;
        const apply = () => write(record, body!.custom_object_record.custom_object_fields ?? {}, body!.custom_object_record.name);
        if (hooks.patch) hooks.patch(apply);
        else apply();
        return schema.parse({ custom_object_record: structuredClone(record) });
      }
      if (req.method === 'POST') {
        const input = body!.custom_object_record;
        if (records.some((r) => r.external_id === input.external_id)) throw new ApiError(422, req.url);
        const record: Stored = {
          id: `N${records.length}`,
          name: input.name ?? '',
          external_id: input.external_id ?? null,
          custom_object_fields: input.custom_object_fields ?? {},
          created_at: SECOND,
          updated_at: SECOND,
          updated_by_user_id: '10001',
        };
        records.push(record);
        if (hooks.patch) hooks.patch(() => undefined);
        return schema.parse({ custom_object_record: structuredClone(record) });
      }
      const external = url.searchParams.get('filter[external_ids]');
      if (external !== null) {
        return schema.parse({ custom_object_records: records.filter((r) => r.external_id === external).map((r) => structuredClone(r)) });
      }
      gets++;
      hooks.beforeGet?.(gets);
      if (hooks.failGet > 0) {
        hooks.failGet--;
        throw new ApiError(0, req.url);
      }
      const record = records.find((r) => url.pathname.endsWith(`/${r.id}.json`))!;
      return schema.parse({ custom_object_record: structuredClone(record) });
    },
    get: () => Promise.resolve({ instances: {} }),
    trigger: () => undefined,
  } as unknown as HostClient;
  /** Another lead's save, as the app makes it: fields and the next revision. */
  const otherSave = (fields: Fields) => write(records[0]!, fields);
  return { host, requests, records, hooks, otherSave, current: () => toAnswer(structuredClone(records[0]!)) };
}

function model(host: HostClient, drafts?: ReturnType<typeof createDrafts>) {
  return createLibraryModel({
    ...(drafts ? { drafts } : {}),
    host,
    settings: readSettings({}).settings,
    lead: { fresh: () => Promise.resolve({ userId: 10002, name: 'Marta', isLead: true }) } as never,
    now: () => new Date(SECOND),
    cache: createSessionCache(null),
    instanceGuid: 'console',
  });
}

const patches = (requests: ApiRequest[]) =>
  requests
    .filter((r) => r.method === 'PATCH')
    .map((r) => (r.body as { custom_object_record: { custom_object_fields: Fields } }).custom_object_record);

describe('library saves: no lost updates', () => {
  it('a confirmation stands beside the list the lead acted on: another filter, search or order clears it', async () => {
    const z = zendesk({ status: 'approved' });
    const library = model(z.host);
    for (const change of [
      () => (library.filter.value = 'retired'),
      () => (library.query.value = 'card'),
      () => (library.sort.value = 'used'),
    ]) {
      await library.retire.run(z.current());
      expect(library.status.value?.outcome.kind).toBe('done');
      change();
      expect(library.status.value).toBeNull();
    }
  });

  it('a save counts the revision up; a record written before the field existed reads as revision 0', async () => {
    const z = zendesk();
    expect(z.current().revision).toBe(0);
    const result = await model(z.host).edit.run('A1', versionOf(z.current()), { body: 'Hello' });
    expect(result.kind).toBe('done');
    expect(patches(z.requests)[0]!.custom_object_fields.revision).toBe(1);
    expect(z.current().revision).toBe(1);
  });

  it('another save in the same second as the version the lead edited is a conflict, not an overwrite', async () => {
    const z = zendesk({ revision: 4 });
    const edited = versionOf(z.current());
    // Same second: updated_at does not change, only the revision tells.
    z.otherSave({ answer_body: 'Their text', revision: 5 });
    expect(z.current().updatedAt).toBe(SECOND);
    const result = await model(z.host).edit.run('A1', edited, { body: 'My text' });
    expect(result).toMatchObject({ kind: 'conflict', current: { body: 'Their text', revision: 5 } });
    expect(patches(z.requests)).toHaveLength(0);
  });

  it('a save that lands between the check and the re-read is detected: the lead sees both versions', async () => {
    const z = zendesk({ revision: 4 });
    const edited = versionOf(z.current());
    // Both leads read revision 4; ours is written first, theirs right after it.
    z.hooks.patch = (apply) => {
      apply();
      z.otherSave({ answer_body: 'Their text', revision: 5 });
    };
    const result = await model(z.host).edit.run('A1', edited, { body: 'My text' });
    expect(result).toMatchObject({ kind: 'conflict', current: { body: 'Their text' } });
  });

  it('a timed-out save that Zendesk applied is reported as saved after a fresh read, and not sent twice', async () => {
    const z = zendesk({ revision: 2 });
    z.hooks.patch = (apply) => {
      apply();
      throw new HostTimeoutError('PATCH');
    };
    const result = await model(z.host).edit.run('A1', versionOf(z.current()), { body: 'My text' });
    expect(result).toMatchObject({ kind: 'done', value: { body: 'My text', revision: 3 } });
    expect(patches(z.requests)).toHaveLength(1);
  });

  it('a timed-out save that Zendesk did not apply says so, and a retry then saves once', async () => {
    const z = zendesk({ revision: 2 });
    z.hooks.patch = () => {
      throw new HostTimeoutError('PATCH');
    };
    const library = model(z.host);
    const base = versionOf(z.current());
    const first = await library.edit.run('A1', base, { body: 'My text' });
    expect(first.kind === 'failed' && first.error).toBeInstanceOf(WriteNotAppliedError);
    z.hooks.patch = null;
    expect(await library.edit.run('A1', base, { body: 'My text' })).toMatchObject({ kind: 'done', value: { revision: 3 } });
  });

  it('a timed-out save whose outcome cannot be read says it may have been applied', async () => {
    const z = zendesk({ revision: 2 });
    z.hooks.patch = () => {
      throw new HostTimeoutError('PATCH');
    };
    z.hooks.beforeGet = (n) => {
      if (n === 2) z.hooks.failGet = 1;
    };
    const result = await model(z.host).edit.run('A1', versionOf(z.current()), { body: 'My text' });
    expect(result.kind === 'failed' && result.error).toBeInstanceOf(WriteUncertainError);
  });
});

describe('proposals: created at most once', () => {
  const draft = { title: 'New', summary: '', body: 'Hi', examples: ['a'], tags: [], locale: null, status: 'draft' as const };

  it('a retry after a timed-out create finds the record the first attempt made', async () => {
    const z = zendesk();
    z.hooks.patch = () => {
      throw new HostTimeoutError('POST');
    };
    // The create timed out after Zendesk made the record: a fresh read by the key finds it.
    expect((await createAnswer(z.host, draft, 'key-1')).title).toBe('New');
    z.hooks.patch = null;
    const retried = await createAnswer(z.host, draft, 'key-1');
    expect(retried.title).toBe('New');
    expect(z.records.filter((r) => r.external_id === 'key-1')).toHaveLength(1);
    expect(z.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a timed-out create that Zendesk did not make says so; one that cannot be checked says it may have been made', async () => {
    const z = zendesk();
    let lookups = 0;
    z.hooks.before = (req) => {
      if (req.method === 'POST') throw new HostTimeoutError('POST');
      // The second attempt's check after its timeout cannot reach Zendesk.
      if (req.url.includes('external_ids') && ++lookups === 4) throw new ApiError(0, req.url);
    };
    await expect(createAnswer(z.host, draft, 'key-3')).rejects.toBeInstanceOf(WriteNotAppliedError);
    await expect(createAnswer(z.host, draft, 'key-3')).rejects.toBeInstanceOf(WriteUncertainError);
    expect(z.records.filter((r) => r.external_id === 'key-3')).toHaveLength(0);
  });

  it('a new proposal starts at revision 1', async () => {
    const z = zendesk();
    expect((await createAnswer(z.host, draft, 'key-2')).revision).toBe(1);
  });
});

/** localStorage as a map, shared by every user of one browser. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
    key: (i: number) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

describe("a lead's unsaved edit", () => {
  const draft = { title: 'Mine', summary: '', body: 'My unsaved text', examples: [], tags: [], locale: 'en' };

  it("survives Approve and Retire of the same answer; only the editor's own save ends it", async () => {
    const z = zendesk({ status: 'draft' });
    const drafts = createDrafts(memoryStorage(), 10002);
    const library = model(z.host, drafts);
    drafts.write('A1', { draft, basedOn: versionOf(z.current()) });
    expect(await library.approve.run(z.current())).toMatchObject({ kind: 'done' });
    expect(await library.retire.run(z.current())).toMatchObject({ kind: 'done' });
    expect(drafts.read('A1')?.draft.body).toBe('My unsaved text');
    expect(await library.edit.run('A1', versionOf(z.current()), { body: 'My unsaved text' })).toMatchObject({ kind: 'done' });
    expect(drafts.read('A1')).toBeNull();
  });

  it('is kept per user, expires, and is ignored when storage holds something else', () => {
    const storage = memoryStorage();
    let now = 1_000_000;
    const marta = createDrafts(storage, 10002, () => now);
    marta.write('A1', { draft, basedOn: 'v' });
    expect(createDrafts(storage, 10003, () => now).read('A1')).toBeNull();
    expect(marta.read('A1')?.basedOn).toBe('v');
    now += DRAFT_TTL_MS + 1;
    expect(marta.read('A1')).toBeNull();
    expect(storage.length).toBe(0);
    storage.setItem('closed-loop:v2:draft:10002:A2', '{"savedAt":1,"basedOn":"v","draft":{"title":1}}');
    expect(marta.read('A2')).toBeNull();
  });
});

describe('console actions check lead status when they run', () => {
  it('a lead whose status was revoked after the console opened cannot save, approve or handle feedback', async () => {
    const z = zendesk({ status: 'draft' });
    const library = createLibraryModel({
      host: z.host,
      settings: readSettings({}).settings,
      lead: { fresh: () => Promise.resolve({ userId: 10002, name: 'Marta', isLead: false }) } as never,
      now: () => new Date(SECOND),
      cache: createSessionCache(null),
      instanceGuid: 'console',
    });
    const refusedNotLead = { kind: 'refused', reason: 'ui.escalation.refused_not_lead' };
    expect(await library.retire.run(z.current())).toMatchObject(refusedNotLead);
    expect(await library.edit.run('A1', versionOf(z.current()), { body: 'x' })).toMatchObject(refusedNotLead);
    expect(patches(z.requests)).toHaveLength(0);
  });
});

describe('sending a proposal back', () => {
  it('stores the trimmed note with the draft, one revision on, and says so', async () => {
    const z = zendesk({ revision: 2 });
    const library = model(z.host);
    const result = await library.sendBack.run(z.current(), '  Link the closure article instead.  ');
    expect(result.kind).toBe('done');
    expect(patches(z.requests)).toEqual([{ custom_object_fields: { review_note: 'Link the closure article instead.', revision: 3 } }]);
    expect(z.current()).toMatchObject({ status: 'draft', reviewNote: 'Link the closure article instead.', revision: 3 });
    expect(library.status.value).toMatchObject({ outcome: { kind: 'done' }, done: 'ui.console.sent_back' });
  });

  it('refuses an empty or over-long note, and an answer that is not a proposal, without writing', async () => {
    const z = zendesk();
    const library = model(z.host);
    expect(await library.sendBack.run(z.current(), ' \n ')).toEqual({ kind: 'refused', reason: 'ui.console.send_back_empty' });
    expect(await library.sendBack.run(z.current(), 'x'.repeat(1001))).toEqual({ kind: 'refused', reason: 'ui.console.send_back_too_long' });
    expect((await library.sendBack.run(z.current(), 'x'.repeat(1000))).kind).toBe('done');
    const approved = zendesk({ status: 'approved' });
    expect(await model(approved.host).sendBack.run(approved.current(), 'Shorter, please.')).toEqual({
      kind: 'refused',
      reason: 'ui.console.send_back_not_proposal',
    });
    expect(patches(approved.requests)).toHaveLength(0);
  });

  it('approving or editing a proposal that was sent back ends the send-back: the note is cleared', async () => {
    for (const act of [
      (library: ReturnType<typeof model>, z: ReturnType<typeof zendesk>) => library.approve.run(z.current()),
      (library: ReturnType<typeof model>, z: ReturnType<typeof zendesk>) =>
        library.edit.run('A1', versionOf(z.current()), { body: 'Hello' }),
    ]) {
      const z = zendesk({ review_note: 'Shorter, please.' });
      expect((await act(model(z.host), z)).kind).toBe('done');
      expect(patches(z.requests)[0]!.custom_object_fields.review_note).toBe('');
      expect(z.current().reviewNote).toBe('');
    }
  });
});
