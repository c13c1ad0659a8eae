import { useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import { REVIEW_NOTE_MAX_CHARS } from '../../domain/answers/sendBack';
import type { Answer } from '../../host/api/answers';
import { FormButtons, ItemAction } from '../../ui/Panel';
import type { LibraryModel } from './library';

/**
 * "Send back" on a proposal: opens a small form for the note the proposer gets (required, at most
 * REVIEW_NOTE_MAX_CHARS); the outcome goes to the console's status line like Approve and Retire.
 */
export function SendBack({ answer, title, model }: { answer: Answer; title: string; model: LibraryModel }) {
  const { i18n } = useServices();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const id = `send-back-${answer.id}`;
  if (!open) return <ItemAction label={i18n.t('ui.console.send_back')} item={title} onClick={() => setOpen(true)} />;
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = await model.sendBack.run(answer, note);
    if (result.kind === 'done' || result.kind === 'conflict') setOpen(false);
  };
  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)} aria-label={i18n.t('ui.console.send_back_form', { title })}>
      <label for={id}>{i18n.t('ui.console.send_back_note')}</label>
      <textarea
        id={id}
        required
        maxLength={REVIEW_NOTE_MAX_CHARS}
        value={note}
        onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
      />
      <FormButtons
        label={i18n.t('ui.console.send_back')}
        disabled={!note.trim() || model.sendBack.busy.value}
        onCancel={() => {
          setOpen(false);
          setNote('');
        }}
      />
    </form>
  );
}
