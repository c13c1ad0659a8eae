import { describe, expect, it } from 'vitest';
import { queryMatcher, sortRows, type LibraryRow } from '../../src/features/console/library';
import type { Answer } from '../../src/host/api/answers';

const answer = (over: Partial<Answer>): Answer => ({
  id: 'A',
  title: 'Title',
  summary: '',
  body: '',
  examples: [],
  tags: [],
  locale: 'en',
  status: 'approved',
  ownerId: null,
  approvedById: null,
  approvedAt: null,
  approvalFingerprint: null,
  revision: 1,
  reviewIntervalDays: null,
  articleIds: [],
  updatedAt: '2026-11-01T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedById: null,
  createdById: null,
  sourceTicketId: null,
  reviewNote: '',
  problemTicketId: null,
  eta: null,
  replacesMacroId: null,
  ...over,
});
const row = (over: Partial<Answer>, rest: Partial<Pick<LibraryRow, 'dueAt' | 'uses'>> = {}): LibraryRow => ({
  answer: answer(over),
  dueAt: null,
  overdue: false,
  uses: 0,
  misfits: 0,
  approval: null,
  check: null,
  sentBack: null,
  macro: null,
  ...rest,
});

describe('library search', () => {
  const karte = answer({
    title: 'Karte nicht angekommen',
    examples: ['Wo bleibt meine Überweisung?'],
    tags: ['card', 'delivery'],
    locale: 'de',
  });

  it('finds an answer when every word occurs somewhere in it, whatever the case or accents', () => {
    expect(queryMatcher('KARTE angekommen')(karte)).toBe(true);
    expect(queryMatcher('uberweisung')(karte)).toBe(true);
    expect(queryMatcher('delivery de')(karte)).toBe(true);
    expect(queryMatcher('karte refund')(karte)).toBe(false);
  });

  it('an empty query finds everything', () => {
    expect(queryMatcher('   ')(karte)).toBe(true);
  });
});

describe('library order', () => {
  const rows = [
    row({ id: 'old', title: 'B', updatedAt: '2026-01-01T00:00:00Z' }, { uses: 5, dueAt: new Date('2026-12-01') }),
    row({ id: 'new', title: 'A', updatedAt: '2026-11-20T00:00:00Z' }, { uses: 1 }),
    row({ id: 'mid', title: 'C', updatedAt: '2026-06-01T00:00:00Z' }, { uses: 5, dueAt: new Date('2026-02-01') }),
  ];
  const ids = (sorted: LibraryRow[]) => sorted.map((r) => r.answer.id);

  it('recently changed first', () => expect(ids(sortRows(rows, 'recent'))).toEqual(['new', 'mid', 'old']));
  it('most used first, ties by title', () => expect(ids(sortRows(rows, 'used'))).toEqual(['old', 'mid', 'new']));
  it('due soonest first, never due last', () => expect(ids(sortRows(rows, 'due'))).toEqual(['mid', 'old', 'new']));
  it('leaves the rows it was given as they were', () => {
    sortRows(rows, 'recent');
    expect(ids(rows)).toEqual(['old', 'new', 'mid']);
  });
});
