/**
 * Component tests' page: renders one view at a time into a real DOM (Chromium) with test
 * services and a fake host (tests/unit/fakeHost.ts); components.test.ts drives it.
 */
import { signal } from '@preact/signals';
import { render } from 'preact';
import en from '../../../translations/en.json';
import { createAction, refused, type Report } from '../../../src/app/action';
import { createSessionCache } from '../../../src/app/sessionCache';
import { ServicesContext, type Services } from '../../../src/app/services';
import { readSettings } from '../../../src/domain/settings';
import { DataTable } from '../../../src/features/console/DataTable';
import { createLibraryModel } from '../../../src/features/console/library';
import { LibraryTab } from '../../../src/features/console/LibraryTab';
import { createI18n } from '../../../src/i18n';
import { ErrorBoundary } from '../../../src/ui/ErrorBoundary';
import { StatusLine } from '../../../src/ui/Status';
import { fakeHost } from '../../unit/fakeHost';

const record = (updatedAt: string, body: string) => ({
  id: 'A1',
  name: 'Card blocked',
  custom_object_fields: { status: 'approved', answer_body: body, examples: 'card blocked', tags: 'card' },
  created_at: '2026-11-01T00:00:00Z',
  updated_at: updatedAt,
});

function services(host: Services['host']): Services {
  const settings = readSettings({}).settings;
  return {
    host,
    i18n: createI18n('en', [en]),
    settings,
    context: { instanceGuid: 'g', product: 'support', location: 'nav_bar' },
    currentUser: { id: 11, name: 'Lea Lead', locale: 'en-US', role: 'agent' },
    now: () => new Date('2026-11-20T12:00:00Z'),
    cache: createSessionCache(null),
    // Every user the library looks up to check an approval is Lea, a lead.
    lead: {
      fresh: async () => ({ userId: 11, name: 'Lea Lead', isLead: true }),
      people: async (ids: number[]) => new Map(ids.map((id) => [id, { name: 'Lea Lead', isLead: true }])),
    } as unknown as Services['lead'],
  };
}

/** A button running an action that a rule refuses, above the status line it reports to. */
function RefusedAction() {
  const report = signal<Report | null>(null);
  const act = createAction(async () => refused('ui.escalation.refused_not_lead'), { report, done: 'ui.console.saved' });
  const View = () => (
    <div>
      <button type="button" onClick={() => void act.run()}>
        Act
      </button>
      <StatusLine report={report.value} />
    </div>
  );
  return <View />;
}

function Boom(): never {
  throw new TypeError('Cannot read properties of undefined');
}

const scenes: Record<string, () => { host: Services['host']; view: () => preact.JSX.Element }> = {
  refused: () => ({ host: fakeHost({}).host, view: () => <RefusedAction /> }),
  boundary: () => ({
    host: fakeHost({}).host,
    view: () => (
      <div>
        <ErrorBoundary>
          <Boom />
        </ErrorBoundary>
        <p>The other panel</p>
      </div>
    ),
  }),
  // The per-answer figures of a library of 250 answers.
  longTable: () => ({
    host: fakeHost({}).host,
    view: () => (
      <DataTable
        testId="long"
        file="long"
        columns={['Answer', 'Uses']}
        rows={Array.from({ length: 250 }, (_, i) => ({ key: String(i), cells: [`Answer ${i}`, i] }))}
      />
    ),
  }),
  // The library lists the answer as of 10:00; someone else saved it at 11:00.
  conflict: () => {
    const { host } = fakeHost({
      'GET /api/v2/custom_objects/closed_loop_answer/records.json': () => ({
        custom_object_records: [record('2026-11-20T10:00:00Z', 'Mine to edit')],
        meta: { has_more: false, after_cursor: null },
      }),
      'GET /api/v2/custom_objects/closed_loop_answer/records/A1.json': () => ({
        custom_object_record: record('2026-11-20T11:00:00Z', 'Their newer text'),
      }),
    });
    const model = createLibraryModel({
      host,
      settings: readSettings({}).settings,
      lead: services(host).lead,
      now: () => new Date(),
      cache: createSessionCache(null),
      instanceGuid: 'console',
    });
    // The console reads the library once when it opens (ConsoleView.tsx); the tab shows what it holds.
    void model.load();
    return { host, view: () => <LibraryTab model={model} /> };
  },
};

declare global {
  interface Window {
    show(scene: string): void;
  }
}

window.show = (scene) => {
  const { host, view: View } = scenes[scene]!();
  const root = document.getElementById('root')!;
  render(null, root);
  render(
    <ServicesContext.Provider value={services(host)}>
      <View />
    </ServicesContext.Provider>,
    root,
  );
};
