import { computed, signal } from '@preact/signals';
import { conflict, createAction, done, refused, type Outcome, type Report } from '../../app/action';
import type { LeadAccess } from '../../app/lead';
import { browserStorage } from '../../app/storage';
import { createResource } from '../../app/resource';
import { contentFingerprint } from '../../domain/answers/approval';
import { reviewStatus } from '../../domain/answers/review';
import { answerUses } from '../../domain/metrics';
import type { AppSettings } from '../../domain/settings';
import { getAnswer, listAnswers, updateAnswer, type Answer } from '../../host/api/answers';
import { listFeedback, markFeedbackHandled, type FeedbackRecord } from '../../host/api/feedback';
import { exportTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import type { AnswerDraft } from '../answers/AnswerForm';

export type LibraryFilter = 'all' | 'approved' | 'due' | 'proposals' | 'retired';

export interface LibraryRow {
  answer: Answer;
  dueAt: Date | null;
  overdue: boolean;
  uses: number;
  misfits: number;
}

/** Unsaved edits are kept per answer in localStorage, so a reload or a crash loses nothing. */
export interface StoredEdit {
  draft: AnswerDraft;
  basedOn: string;
}
const editKey = (id: string) => `closed-loop:v1:edit:${id}`;

const storage = () => browserStorage('localStorage');

export const savedEdits = {
  read(id: string): StoredEdit | null {
    try {
      const raw = storage()?.getItem(editKey(id));
      return raw ? (JSON.parse(raw) as StoredEdit) : null;
    } catch {
      return null;
    }
  },
  write(id: string, edit: StoredEdit) {
    try {
      storage()?.setItem(editKey(id), JSON.stringify(edit));
    } catch {
      // Storage full or blocked: the edit still lives in the open form.
    }
  },
  clear(id: string) {
    try {
      storage()?.removeItem(editKey(id));
    } catch {
      // nothing to clear
    }
  },
};

const dayStamp = (date: Date) => date.toISOString().slice(0, 10);

export function createLibraryModel(deps: { host: HostClient; settings: AppSettings; lead: LeadAccess; now: () => Date }) {
  const { host, settings, lead, now } = deps;
  const answers = createResource<Answer[]>();
  const feedback = createResource<FeedbackRecord[]>();
  const usage = createResource<Map<string, number>>();
  const filter = signal<LibraryFilter>('all');
  /** The answer open in the editor, from the library or from a report about it. */
  const editing = signal<string | null>(null);

  const rows = computed<LibraryRow[]>(() => {
    const list = answers.state.value.status === 'ready' ? answers.state.value.data : [];
    const records = feedback.state.value.status === 'ready' ? feedback.state.value.data : [];
    const uses = usage.state.value.status === 'ready' ? usage.state.value.data : new Map<string, number>();
    const misfits = new Map<string, number>();
    for (const r of records) {
      const id = r.custom_object_fields.answer_id;
      if (r.custom_object_fields.kind === 'misfit' && id) misfits.set(id, (misfits.get(id) ?? 0) + 1);
    }
    return list.map((answer) => {
      const review = reviewStatus(
        answer.status === 'approved' ? answer.approvedAt : null,
        answer.reviewIntervalDays,
        settings.answerReviewDays,
        now(),
      );
      return {
        answer,
        dueAt: review.dueAt,
        overdue: review.overdue,
        uses: uses.get(answer.id.toLowerCase()) ?? 0,
        misfits: misfits.get(answer.id) ?? 0,
      };
    });
  });

  const visible = computed(() =>
    rows.value.filter(({ answer, overdue }) => {
      switch (filter.value) {
        case 'approved':
          return answer.status === 'approved';
        case 'due':
          return answer.status === 'approved' && overdue;
        case 'proposals':
          return answer.status === 'draft';
        case 'retired':
          return answer.status === 'retired';
        default:
          return true;
      }
    }),
  );

  async function readUsage(): Promise<Map<string, number>> {
    const since = new Date(now().getTime() - 30 * 86_400_000);
    return answerUses((await exportTickets(host, `updated>${dayStamp(since)}`)).tickets);
  }

  function load() {
    void answers.run(() => listAnswers(host));
    void feedback.run(() => listFeedback(host));
    void usage.run(readUsage);
  }

  const replace = (answer: Answer) => {
    const state = answers.state.value;
    if (state.status === 'ready') void answers.run(async () => state.data.map((a) => (a.id === answer.id ? answer : a)));
  };

  /**
   * Writes a change only if the record is still the version the lead edited; otherwise returns
   * the newer version so the lead can choose. Custom object records have no safe_update, so the
   * check reads the record right before the write. A change to the content of an approved answer
   * is an approval of the new content by the lead who makes it (checked fresh), stamped with its
   * fingerprint; made by anyone else, it sends the answer back to draft.
   */
  async function save(id: string, basedOn: string, change: Partial<Answer>): Promise<Outcome<Answer, Answer>> {
    try {
      const latest = await getAnswer(host, id);
      if (latest.updatedAt !== basedOn) return conflict(latest);
      const next = { ...latest, ...change };
      const approving = change.status === 'approved';
      const contentChanged = contentFingerprint(next) !== contentFingerprint(latest);
      const write: Partial<Answer> = { ...change };
      if (approving || (contentChanged && next.status === 'approved')) {
        const me = await lead.fresh();
        if (me.isLead) {
          Object.assign(write, {
            status: 'approved',
            approvedById: me.userId,
            approvedAt: now().toISOString(),
            approvalFingerprint: contentFingerprint(next),
          });
        } else if (approving) {
          return refused('ui.escalation.refused_not_lead');
        } else {
          Object.assign(write, { status: 'draft', approvalFingerprint: null });
        }
      }
      const saved = await updateAnswer(host, id, write, latest);
      savedEdits.clear(id);
      replace(saved);
      return done(saved);
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  /** The console's status line: the last of its actions. */
  const status = signal<Report | null>(null);

  /** A change of status from a list; on conflict the list is read again, so the lead sees what changed. */
  const setStatus = (to: Answer['status'], doneKey: string) =>
    createAction(
      async (answer: Answer) => {
        const result = await save(answer.id, answer.updatedAt, { status: to });
        if (result.kind === 'conflict') load();
        return result;
      },
      { report: status, done: doneKey, conflict: 'ui.console.changed_meanwhile' },
    );

  /** Editing in the editor, which shows a conflict and a failure itself. */
  const edit = createAction(save);

  /** Marks agent feedback handled; an example phrasing is added to its answer first, when asked. */
  const handle = createAction(
    async (record: FeedbackRecord, addTo?: Answer): Promise<Outcome<void, Answer>> => {
      const note = record.custom_object_fields.note;
      if (addTo && note) {
        const result = await save(addTo.id, addTo.updatedAt, { examples: [...addTo.examples, note] });
        if (result.kind !== 'done') return result;
      }
      const updated = await markFeedbackHandled(host, record.id);
      const state = feedback.state.value;
      if (state.status === 'ready') void feedback.run(async () => state.data.map((r) => (r.id === updated.id ? updated : r)));
      return done();
    },
    { report: status, done: 'ui.console.handled', conflict: 'ui.console.changed_meanwhile' },
  );

  return {
    answers: answers.state,
    feedback: feedback.state,
    usage: usage.state,
    rows,
    visible,
    filter,
    editing,
    load,
    status,
    edit,
    // Approve and mark reviewed are one write: it stamps the approving lead, today and the content's fingerprint.
    approve: setStatus('approved', 'ui.console.approved'),
    review: setStatus('approved', 'ui.console.reviewed'),
    retire: setStatus('retired', 'ui.console.retired'),
    handle,
  };
}
export type LibraryModel = ReturnType<typeof createLibraryModel>;
