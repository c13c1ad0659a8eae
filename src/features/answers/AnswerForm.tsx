import './form.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ResourceState } from '../../app/resource';
import { useServices } from '../../app/services';
import type { Answer } from '../../host/api/answers';
import { answerRecordBytes } from '../../host/api/answerWrites';
import type { Macro } from '../../host/api/macros';
import { RECORD_MAX_BYTES } from '../../host/api/customObjects';
import { closestLocale, libraryLocales } from '../../domain/locale';
import { fillAnswer } from '../../domain/answers/filled';
import { sameTitle, shortText } from '../../domain/text';
import { FormattedText } from '../../ui/FormattedText';
import { readHelpCenterLocales } from '../knowledge/locales';

export type AnswerDraft = Pick<Answer, 'title' | 'summary' | 'body' | 'examples' | 'tags' | 'locale'> &
  Partial<Pick<Answer, 'replacesMacroId'>>;

/** The answer's editable fields; used to propose (modal) and to edit (lead console). */
interface AnswerFormProps {
  initial: AnswerDraft;
  /** The rest of the record the draft is saved into (status, owner…): it counts towards Zendesk's 32 KB. */
  record: Partial<Answer>;
  submitLabel: string;
  busy: boolean;
  onSubmit: (draft: AnswerDraft) => void;
  onCancel?: () => void;
  /** Called on every edit, e.g. to keep the unsaved draft. */
  onChange?: (draft: AnswerDraft) => void;
  /** The library's other answers: a title one of them already has gets a warning (not a refusal). */
  others?: readonly Pick<Answer, 'id' | 'title'>[];
  /** The account's macros, to name the one the answer replaces (the console's editor); no such field when absent. */
  macros?: ResourceState<Macro[]>;
}

/** Example values the preview fills in, so the answer reads as a customer would get it. */
const SAMPLE = {
  'requester.first_name': 'Alex',
  'requester.name': 'Alex Example',
  'agent.first_name': 'Sam',
  'agent.name': 'Sam Agent',
  'ticket.id': '12345',
  'ticket.subject': 'Example subject',
};

/** The body as it will be inserted, from the same tree as the reply: formatting included, example values filled in. */
function Preview({ body }: { body: string }) {
  const { i18n } = useServices();
  const blocks = useMemo(() => fillAnswer(body, SAMPLE).blocks, [body]);
  return (
    <div class="preview" aria-live="polite" data-testid="answer-preview">
      <p class="small muted">{i18n.t('ui.answers.form_preview')}</p>
      <div class="answer__body">
        <FormattedText blocks={blocks} gapTitle={i18n.t('ui.answers.gap')} />
      </div>
    </div>
  );
}

type FormState = AnswerDraft & { examplesText: string; tagsText: string };

function toDraft(state: FormState): AnswerDraft {
  return {
    title: state.title.trim(),
    summary: state.summary.trim(),
    body: state.body,
    examples: state.examplesText
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    tags: state.tagsText.split(/[\s,]+/).filter(Boolean),
    locale: state.locale?.trim() || null,
    ...(state.replacesMacroId !== undefined && { replacesMacroId: state.replacesMacroId }),
  };
}

/** The macro an answer replaces: a choice of the account's macros, or its id when they cannot be read. */
function MacroField({
  macros,
  value,
  onChange,
}: {
  macros: ResourceState<Macro[]>;
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const { i18n } = useServices();
  const list = 'data' in macros ? macros.data : undefined;
  if (!list) {
    return (
      <div class="field">
        <label for="af-macro">{i18n.t('ui.answers.form_macro_id')}</label>
        <input
          id="af-macro"
          type="number"
          min={1}
          step={1}
          value={value ?? ''}
          disabled={macros.status === 'loading' || macros.status === 'idle'}
          aria-describedby={macros.status === 'error' ? 'af-macro-help' : undefined}
          onInput={(e) => {
            const n = Number(e.currentTarget.value);
            onChange(e.currentTarget.value !== '' && Number.isInteger(n) && n > 0 ? n : null);
          }}
        />
        {macros.status === 'error' && (
          <p id="af-macro-help" class="small muted">
            {i18n.t('ui.answers.form_macro_unreadable')}
          </p>
        )}
      </div>
    );
  }
  // The macro the answer names stays on offer even when it is gone, so opening the form never changes it.
  const kept = value !== null && !list.some((m) => m.id === value);
  return (
    <div class="field">
      <label for="af-macro">{i18n.t('ui.answers.form_macro')}</label>
      <select
        id="af-macro"
        value={value === null ? '' : String(value)}
        onChange={(e) => onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      >
        <option value="">{i18n.t('ui.answers.form_macro_none')}</option>
        {kept && <option value={String(value)}>{i18n.t('ui.answers.form_macro_missing', { id: value })}</option>}
        {list.map((m) => (
          <option key={m.id} value={String(m.id)}>
            {m.active ? shortText(m.title) : i18n.t('ui.answers.form_macro_inactive', { title: shortText(m.title) })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AnswerForm({ initial, record, submitLabel, busy, onSubmit, onCancel, onChange, others, macros }: AnswerFormProps) {
  const { i18n, host, cache, settings } = useServices();
  const kb = useMemo(() => new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 1 }), [i18n.locale]);
  const [draft, setDraft] = useState<FormState>({
    ...initial,
    examplesText: initial.examples.join('\n'),
    tagsText: initial.tags.join(' '),
  });
  // The languages an answer can be in: the Help Center's, in the library's codes ('en-us' → 'en').
  const [languages, setLanguages] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void readHelpCenterLocales(host, cache)
      .catch(() => [settings.helpCenterLocale])
      .then((found) => {
        if (!live) return;
        const list = libraryLocales(found);
        setLanguages(list);
        // A language given in another form (the requester's 'en-US') starts as the library's closest one.
        setDraft((d) => (d.locale && !list.includes(d.locale) ? { ...d, locale: closestLocale(d.locale, list) ?? d.locale } : d));
      });
    return () => {
      live = false;
    };
  }, [host, cache, settings.helpCenterLocale]);
  const languageName = (code: string) => {
    const name = i18n.language(code);
    return name === code ? code : `${name} (${code})`;
  };
  // Whatever the answer already has stays on offer, so opening the form never changes it.
  const options = [...(languages ?? []), ...(draft.locale && !languages?.includes(draft.locale) ? [draft.locale] : [])];
  const set = (key: keyof FormState) => (event: Event) => {
    const next = { ...draft, [key]: (event.target as HTMLInputElement).value };
    setDraft(next);
    onChange?.(toDraft(next));
  };
  const setMacro = (id: number | null) => {
    const next = { ...draft, replacesMacroId: id };
    setDraft(next);
    onChange?.(toDraft(next));
  };
  // Focus starts in the form (autofocus is ignored in cross-origin frames such as Zendesk's modals).
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  // Zendesk stores at most 32 KB per record: say how much is left, and refuse more before saving.
  const bytes = answerRecordBytes({ ...record, ...toDraft(draft) });
  const over = bytes > RECORD_MAX_BYTES;
  // KB to one decimal, rounded the cautious way: what is left down, what is over up.
  const inKb = (n: number, round: (x: number) => number) => kb.format(round(n / 102.4) / 10);
  const limit = inKb(RECORD_MAX_BYTES, Math.round);
  const duplicate = others?.find((other) => sameTitle(other.title, draft.title));
  const submit = (event: Event) => {
    event.preventDefault();
    if (!over) onSubmit(toDraft(draft));
  };
  return (
    <form class="answer-form" onSubmit={submit}>
      <div class="field">
        <label for="af-title">{i18n.t('ui.answers.form_title')}</label>
        <input
          id="af-title"
          ref={titleRef}
          required
          maxLength={255}
          value={draft.title}
          onInput={set('title')}
          aria-describedby={duplicate ? 'af-title-duplicate' : undefined}
        />
        {duplicate && (
          <p id="af-title-duplicate" class="small notice--inline-warning" data-testid="duplicate-title">
            {i18n.t('ui.answers.form_duplicate_title', { title: shortText(duplicate.title) })}
          </p>
        )}
      </div>
      <div class="field">
        <label for="af-summary">{i18n.t('ui.answers.form_summary')}</label>
        <textarea id="af-summary" rows={2} value={draft.summary} onInput={set('summary')} />
      </div>
      <div class="field">
        <label for="af-body">{i18n.t('ui.answers.form_body')}</label>
        <textarea
          id="af-body"
          rows={8}
          required
          value={draft.body}
          onInput={set('body')}
          aria-describedby="af-body-format af-body-help af-size"
        />
        <p id="af-body-format" class="small muted">
          {i18n.t('ui.answers.form_format_help')}
        </p>
        <p id="af-body-help" class="small muted">
          {i18n.t('ui.answers.form_body_help')}
        </p>
        <p id="af-size" class="small muted" data-testid="answer-size">
          {i18n.t('ui.answers.form_size_left', {
            left: inKb(Math.max(0, RECORD_MAX_BYTES - bytes), Math.floor),
            limit,
          })}
        </p>
        {over && (
          <p class="status status--error" role="alert">
            {i18n.t('ui.answers.form_size_over', { over: inKb(bytes - RECORD_MAX_BYTES, Math.ceil), limit })}
          </p>
        )}
        <Preview body={draft.body} />
      </div>
      <div class="field">
        <label for="af-examples">{i18n.t('ui.answers.form_examples')}</label>
        <textarea id="af-examples" rows={4} value={draft.examplesText} onInput={set('examplesText')} />
      </div>
      <div class="row">
        <div class="field grow">
          <label for="af-tags">{i18n.t('ui.answers.form_tags')}</label>
          <input id="af-tags" value={draft.tagsText} onInput={set('tagsText')} />
        </div>
        <div class="field">
          <label for="af-locale">{i18n.t('ui.answers.form_locale')}</label>
          <select id="af-locale" value={draft.locale ?? ''} onChange={set('locale')}>
            <option value="">{i18n.t('ui.answers.form_locale_any')}</option>
            {options.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {macros && <MacroField macros={macros} value={draft.replacesMacroId ?? null} onChange={setMacro} />}
      <div class="row">
        <button type="submit" class="btn btn--primary" disabled={busy || over || !draft.title.trim() || !draft.body.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            {i18n.t('ui.common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
