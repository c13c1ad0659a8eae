import { useEffect, useMemo, useState } from 'preact/hooks';
import { createAction, done } from '../../app/action';
import { useServices } from '../../app/services';
import type { Answer } from '../../host/api/answers';
import { createAnswer } from '../../host/api/answerWrites';
import { linkRootCauseAnswer } from '../../host/api/rootCauseReview';
import { createAnswerLibrary } from '../answers/cachedLibrary';
import { AnswerForm, type AnswerDraft } from '../answers/AnswerForm';
import { EVENTS, ProposalSeedSchema, type ProposalSeed } from '../answers/proposal';
import { ErrorNotice, Loading } from '../../ui/Panel';

/** Larger forms opened with `instances.create`; the URL hash names the view and the opener. */
export default function ModalView() {
  const { host, i18n, context, currentUser, cache } = useServices();
  const params = new URLSearchParams(window.location.hash.slice(1));
  const parent = params.get('parent_guid') ?? undefined;
  const [seed, setSeed] = useState<ProposalSeed | null>(null);
  // One proposal, one record: a retry after a timeout reuses the key (see createAnswer).
  const [key] = useState(() => crypto.randomUUID());
  // A proposal is a draft owned by the agent who makes it, kept with the ticket it came from.
  const ticketId = seed?.ticketId ?? null;
  const rootCauseId = seed?.rootCauseId;
  const proposal = useMemo(
    () => ({ status: 'draft' as const, ownerId: currentUser.id, sourceTicketId: ticketId }),
    [currentUser.id, ticketId],
  );

  // The library as this session knows it, so a title already taken gets a warning; none if it cannot be read.
  const [library, setLibrary] = useState<Answer[]>([]);
  useEffect(() => {
    createAnswerLibrary(host, cache)
      .load()
      .then(setLibrary, () => undefined);
  }, [host, cache]);

  useEffect(() => {
    const off = host.on(EVENTS.seed, (data) => {
      const parsed = ProposalSeedSchema.safeParse(data);
      if (parsed.success) setSeed(parsed.data);
    });
    host.trigger(EVENTS.ready, { guid: context.instanceGuid }, parent);
    return off;
  }, [host, context.instanceGuid, parent]);

  // Saving the proposal; once saved, the sidebar is told and the modal closes.
  const save = useMemo(
    () =>
      createAction(async (draft: AnswerDraft) => {
        const answer = await createAnswer(host, { ...draft, ...proposal }, key);
        // Made from a root cause: the cause gets the answer's id (a retry finds the same answer, see above).
        if (rootCauseId) await linkRootCauseAnswer(host, rootCauseId, answer.id);
        host.trigger(EVENTS.proposed, {}, parent);
        await host.invoke('destroy');
        return done();
      }),
    [host, parent, proposal, key, rootCauseId],
  );
  const outcome = save.outcome.value;

  return (
    <main class="modal-view">
      <h1>{i18n.t('ui.answers.form_heading')}</h1>
      {outcome?.kind === 'failed' && <ErrorNotice error={outcome.error} />}
      {seed ? (
        <AnswerForm
          initial={{
            title: seed.title,
            summary: seed.summary ?? '',
            body: seed.body,
            examples: seed.example ? [seed.example] : [],
            tags: [],
            locale: seed.locale,
          }}
          record={proposal}
          others={library}
          submitLabel={i18n.t('ui.answers.form_save')}
          busy={save.busy.value || outcome?.kind === 'done'}
          onSubmit={(draft) => void save.run(draft)}
          onCancel={() => void host.invoke('destroy')}
        />
      ) : (
        <Loading />
      )}
    </main>
  );
}
