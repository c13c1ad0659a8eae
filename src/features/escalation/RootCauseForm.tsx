import { useRef, useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import { MAX_WHYS, ROOT_CAUSE_CATEGORIES, WHY_MAX_CHARS, whysProblem, type RootCauseCategory, type Why } from '../../domain/rootCauses';
import type { RootCauseFlow } from './rootCause';

export { createRootCauseFlow } from './rootCause';

/**
 * Offered to the lead right after they resolve an escalation: "why?" asked until the cause is
 * found (one line to start, up to five), a category, and whether the resolution becomes an
 * answer. Skipping leaves nothing behind.
 */
export function RootCauseForm({ flow, note, onClose }: { flow: RootCauseFlow; note: string; onClose: () => void }) {
  const { i18n } = useServices();
  const [whys, setWhys] = useState<Why[]>([{ why: '', because: '' }]);
  const [category, setCategory] = useState<RootCauseCategory>('product_bug');
  const [makeAnswer, setMakeAnswer] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [key] = useState(() => crypto.randomUUID());
  const busy = flow.save.busy.value;

  const edit = (index: number, change: Partial<Why>) => setWhys(whys.map((w, i) => (i === index ? { ...w, ...change } : w)));
  const addWhy = () => {
    setWhys([...whys, { why: '', because: '' }]);
    // The new line's question takes the focus, as a keyboard user expects after "Add why".
    requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`#why-${whys.length}`)?.focus());
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = await flow.save.run({ category, whys, makeAnswer, note }, key);
    if (result.kind === 'done') onClose();
  };

  return (
    <form class="inline-form root-cause" ref={form} onSubmit={(e) => void submit(e)} aria-labelledby="root-cause-title">
      <h3 class="root-cause__title" id="root-cause-title">
        {i18n.t('ui.root_cause.title')}
      </h3>
      <p class="small muted">{i18n.t('ui.root_cause.intro')}</p>
      <ol class="root-cause__whys">
        {whys.map((w, i) => (
          <li key={i} class="field">
            <label for={`why-${i}`}>{i18n.t('ui.root_cause.why', { n: i + 1 })}</label>
            <input
              id={`why-${i}`}
              maxLength={WHY_MAX_CHARS}
              value={w.why}
              onInput={(e) => edit(i, { why: (e.target as HTMLInputElement).value })}
            />
            <label for={`because-${i}`}>{i18n.t('ui.root_cause.because', { n: i + 1 })}</label>
            <input
              id={`because-${i}`}
              maxLength={WHY_MAX_CHARS}
              value={w.because}
              onInput={(e) => edit(i, { because: (e.target as HTMLInputElement).value })}
            />
          </li>
        ))}
      </ol>
      {whys.length < MAX_WHYS && (
        <button type="button" class="btn btn--small" onClick={addWhy}>
          {i18n.t('ui.root_cause.add_why')}
        </button>
      )}
      <div class="field">
        <label for="root-cause-category">{i18n.t('ui.root_cause.category')}</label>
        <select
          id="root-cause-category"
          value={category}
          onChange={(e) => setCategory((e.target as HTMLSelectElement).value as RootCauseCategory)}
        >
          {ROOT_CAUSE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {i18n.t(`ui.root_cause.category_${c}`)}
            </option>
          ))}
        </select>
      </div>
      <label class="root-cause__check">
        <input type="checkbox" checked={makeAnswer} onChange={(e) => setMakeAnswer((e.target as HTMLInputElement).checked)} />{' '}
        {i18n.t('ui.root_cause.make_answer')}
      </label>
      <div class="row">
        <button type="submit" class="btn btn--small btn--primary" disabled={busy || whysProblem(whys) !== null}>
          {i18n.t('ui.root_cause.save')}
        </button>
        <button type="button" class="btn btn--small" disabled={busy} onClick={onClose}>
          {i18n.t('ui.root_cause.skip')}
        </button>
      </div>
    </form>
  );
}
