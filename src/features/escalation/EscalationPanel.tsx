import { useEffect, useState } from 'preact/hooks';
import { ServicesContext, useServices } from '../../app/services';
import { asksForNote, requiresReason, type EscalationAction } from '../../domain/escalation';
import { longText, shortText } from '../../domain/text';
import type { I18n } from '../../i18n';
import { errorMessage } from '../../ui/errorMessage';
import { ErrorNotice, FormButtons, Loading, Panel } from '../../ui/Panel';
import { StatusLine } from '../../ui/Status';
import type { EscalationModel, StaleState } from './model';
import type { RootCauseStep } from './rootCauseStep';

/** The root-cause form with its flow (features/escalation/rootCauseStep.ts); its strings come from the panel. */
function RootCauseStepView({ step, note, onClose }: { step: RootCauseStep; note: string; onClose: () => void }) {
  const [chunk, setChunk] = useState<{ loaded?: Awaited<ReturnType<RootCauseStep['load']>>; error?: unknown }>({});
  const load = () => {
    setChunk({});
    step.load().then(
      (loaded) => setChunk({ loaded }),
      (error: unknown) => setChunk({ error }),
    );
  };
  useEffect(load, [step]);
  if (chunk.error !== undefined) return <ErrorNotice error={chunk.error} onRetry={load} />;
  if (!chunk.loaded) return <Loading />;
  const { Form, flow } = chunk.loaded;
  return <Form flow={flow} note={note} onClose={onClose} />;
}

const BUTTON_KEYS: Record<EscalationAction, string> = {
  request: 'ui.escalation.request',
  withdraw: 'ui.escalation.withdraw',
  escalate: 'ui.escalation.escalate',
  decline: 'ui.escalation.decline',
  resolve: 'ui.escalation.resolve',
};

/** What a conflict found: who changed what and when, when the trail says; else the state it is in now. */
function staleText({ state, change }: StaleState, i18n: I18n, now: Date): string {
  const stateName = i18n.t(`ui.escalation.state_${state}`);
  if (!change) return i18n.t('ui.escalation.conflict', { state: stateName });
  const what = i18n.t(`ui.escalation.stale_${change.kind}`, {
    name: shortText(change.name),
    when: i18n.relativeTime(change.change.at, now),
    state: stateName,
  });
  const why = change.reason ? ` ${i18n.t('ui.escalation.stale_reason', { reason: longText(change.reason) })}` : '';
  return `${what}${why} ${i18n.t('ui.escalation.stale_again')}`;
}

/** The status line, with what a conflict found and what a failure left unchanged. */
function OutcomeLine({ model }: { model: EscalationModel }) {
  const { i18n, now } = useServices();
  return (
    <StatusLine
      report={model.status.value}
      urgent
      describe={(outcome) =>
        outcome.kind === 'conflict'
          ? staleText(outcome.current as StaleState, i18n, now())
          : outcome.kind === 'failed'
            ? `${errorMessage(outcome.error, i18n.t)} ${i18n.t('ui.escalation.nothing_changed')}`
            : undefined
      }
    />
  );
}

interface ReasonFormProps {
  action: EscalationAction;
  model: EscalationModel;
  onClose: () => void;
  /** The action went through, with the note as given. */
  onDone: (note: string) => void;
}

/** The reason (or, for a resolution, the optional note) an action is taken with. */
function ReasonForm({ action, model, onClose, onDone }: ReasonFormProps) {
  const { i18n } = useServices();
  const [reason, setReason] = useState('');
  // What the lead decided on; a live update while they type must not change what they meant.
  const [seen] = useState(() => model.shown.peek());
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = await model.act.run(action, reason.trim() || undefined, seen);
    if (result.kind !== 'failed') onClose();
    if (result.kind === 'done') onDone(reason.trim());
  };
  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)}>
      <label for={`reason-${action}`}>{i18n.t(`ui.escalation.reason_${action}`)}</label>
      <textarea
        id={`reason-${action}`}
        required={requiresReason(action)}
        maxLength={2000}
        value={reason}
        onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
      />
      <FormButtons
        label={i18n.t(BUTTON_KEYS[action])}
        disabled={(requiresReason(action) && !reason.trim()) || model.act.busy.value}
        onCancel={onClose}
      />
    </form>
  );
}

export function EscalationPanel({ model, rootCause }: { model: EscalationModel; rootCause: RootCauseStep }) {
  const services = useServices();
  const { i18n, now } = services;
  const [asking, setAsking] = useState<EscalationAction | null>(null);
  // Right after a lead resolves: the root-cause form, with the resolution note given.
  const [resolvedWith, setResolvedWith] = useState<string | null>(null);
  const ask = (action: EscalationAction) => {
    // The root-cause form follows a resolve: it downloads while the lead writes the note.
    if (action === 'resolve') void rootCause.load().catch(() => undefined);
    setAsking(action);
  };
  const state = model.state.value;
  const history = model.history.value;
  const view = history.status === 'ready' || history.status === 'loading' ? ('data' in history ? history.data : undefined) : undefined;
  const waiting = model.waiting.value;
  const name = (id: number) => shortText(view?.people.get(id)?.name ?? `#${id}`);
  const when = (at: string) => i18n.relativeTime(at, now());

  return (
    <Panel
      id="escalation"
      title={i18n.t('ui.escalation.title')}
      actions={
        <span class={`badge badge--${state}${waiting?.overdue ? ' badge--overdue' : ''}`} data-testid="escalation-badge">
          {waiting?.overdue ? i18n.t('ui.escalation.overdue') : i18n.t(`ui.escalation.state_${state}`)}
        </span>
      }
    >
      {model.me.value.status === 'error' ? (
        <ErrorNotice error={(model.me.value as { error: unknown }).error} onRetry={model.retry} />
      ) : (
        history.status === 'error' && <ErrorNotice error={history.error} onRetry={model.retry} />
      )}
      {view?.lastRequest && state !== 'none' && (
        <p class="small" data-testid="escalation-requested">
          {i18n.t('ui.escalation.requested_by', { name: name(view.lastRequest.authorId), when: when(view.lastRequest.at) })}
          {view.reason && <span class="quote">{longText(view.reason)}</span>}
        </p>
      )}
      {view?.lastEscalation && (state === 'escalated' || state === 'resolved') && (
        <p class="small" data-testid="escalation-escalated">
          {i18n.t('ui.escalation.escalated_by', { name: name(view.lastEscalation.authorId), when: when(view.lastEscalation.at) })}
        </p>
      )}
      {view?.decision && state === (view.decision.kind === 'declined' ? 'none' : 'resolved') && (
        <p class="small" data-testid="escalation-decision">
          {view.decision.reason
            ? i18n.t('ui.escalation.declined_by_reason', {
                name: name(view.decision.change.authorId),
                when: when(view.decision.change.at),
                reason: longText(view.decision.reason),
              })
            : i18n.t(`ui.escalation.${view.decision.kind}_by`, {
                name: name(view.decision.change.authorId),
                when: when(view.decision.change.at),
              })}
        </p>
      )}
      {waiting && (
        <p class={waiting.overdue ? 'small notice--inline-warning' : 'small muted'}>
          {waiting.overdue
            ? i18n.t('ui.escalation.waiting_overdue', {
                waited: i18n.duration(waiting.minutes),
                over: i18n.duration(-waiting.remainingMinutes),
              })
            : i18n.t('ui.escalation.waiting', { waited: i18n.duration(waiting.minutes), left: i18n.duration(waiting.remainingMinutes) })}
        </p>
      )}
      {view?.suspicious.map((change) => (
        <div class="notice notice--warning" role="note" key={change.auditId}>
          <p>
            {/* A non-lead's change (a withdrawal of someone else's request included) reads "is not a team lead". */}
            {i18n.t(change.rule === 'not_allowed' ? 'ui.escalation.suspicious_not_allowed' : 'ui.escalation.suspicious', {
              name: name(change.authorId),
              from: i18n.t(`ui.escalation.state_${change.from}`),
              state: i18n.t(`ui.escalation.state_${change.to}`),
              when: when(change.at),
            })}
          </p>
        </div>
      ))}
      <OutcomeLine model={model} />
      {/* The root-cause step's line and form read its strings, once loaded. */}
      <ServicesContext.Provider value={{ ...services, i18n: rootCause.strings.value ?? i18n }}>
        <StatusLine report={rootCause.status.value} urgent />
        {resolvedWith !== null && <RootCauseStepView step={rootCause} note={resolvedWith} onClose={() => setResolvedWith(null)} />}
      </ServicesContext.Provider>
      {resolvedWith !== null ? null : asking ? (
        <ReasonForm
          action={asking}
          model={model}
          onClose={() => setAsking(null)}
          onDone={(note) => {
            if (asking === 'resolve') setResolvedWith(note);
          }}
        />
      ) : (
        <div class="row">
          {model.actions.value.map((action) => (
            <button
              key={action}
              type="button"
              class={action === 'escalate' || action === 'request' ? 'btn btn--small btn--primary' : 'btn btn--small'}
              disabled={model.act.busy.value}
              onClick={() => (asksForNote(action) ? ask(action) : void model.act.run(action, undefined, model.shown.peek()))}
            >
              {i18n.t(BUTTON_KEYS[action])}
            </button>
          ))}
        </div>
      )}
    </Panel>
  );
}
