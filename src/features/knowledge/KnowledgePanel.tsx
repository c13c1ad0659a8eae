import { useState } from 'preact/hooks';
import { useServices } from '../../app/services';
import type { ResourceState } from '../../app/resource';
import { highlightSegments } from '../../domain/html';
import { longText, safeHttpUrl, shortText } from '../../domain/text';
import { isRestricted } from '../../host/api/helpCenter';
import { ErrorNotice, FormButtons, Loading, Panel } from '../../ui/Panel';
import { SearchBox } from '../../ui/SearchBox';
import { StatusLine } from '../../ui/Status';
import { isExternal, itemKey, type KnowledgeItem, type KnowledgeModel } from './model';

function Snippet({ text }: { text: string }) {
  return (
    <p class="snippet">
      {highlightSegments(text).map((segment, i) => (segment.highlighted ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </p>
  );
}

/** Arrow keys move between the result titles, so the list is usable from the keyboard alone. */
function moveFocus(event: KeyboardEvent) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const list = (event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('.article__title');
  const items = [...list];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const next = items[Math.max(0, Math.min(items.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/** Closes once the flag is sent; a failure keeps the note for another try. */
function FlagForm({ article, id, model, onClose }: { article: KnowledgeItem; id: string; model: KnowledgeModel; onClose: () => void }) {
  const { i18n } = useServices();
  const [note, setNote] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    if ((await model.flag.run(article, note)).kind === 'done') onClose();
  };
  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)}>
      <label for={id}>{i18n.t('ui.knowledge.flag_label')}</label>
      <textarea id={id} value={note} required maxLength={2000} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      <FormButtons label={i18n.t('ui.knowledge.flag_send')} disabled={model.flag.busy.value || !note.trim()} onCancel={onClose} />
    </form>
  );
}

/** One of an article's actions; its accessible name is the action, described by the article's title. */
function ArticleAction(props: { label: string; titleId: string; disabled: boolean; expanded?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class="btn btn--small"
      aria-describedby={props.titleId}
      aria-expanded={props.expanded}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.label}
    </button>
  );
}

/** A Help Center article, or a record of a connected source (named, and without Quote: Unified Search gives no body to quote). */
function ArticleItem({ item, index, model }: { item: KnowledgeItem; index: number; model: KnowledgeModel }) {
  const { i18n } = useServices();
  const [flagging, setFlagging] = useState(false);
  const [confirmingQuote, setConfirmingQuote] = useState(false);
  const external = isExternal(item) ? item : null;
  const article = isExternal(item) ? null : item;
  const restricted = article !== null && isRestricted(article);
  const href = safeHttpUrl(external?.url ?? article?.html_url);
  // A record has no id: its place in the list names its elements.
  const key = article ? `article-${article.id}` : `record-${index}`;
  const titleId = `${key}-title`;
  const flagged = model.flagged.value.has(itemKey(item));
  return (
    <li class="article" aria-labelledby={titleId}>
      {href ? (
        <a class="article__title" id={titleId} href={href} target="_blank" rel="noopener noreferrer">
          {shortText(item.title)}
        </a>
      ) : (
        <span class="article__title" id={titleId} tabIndex={-1}>
          {shortText(item.title)}
        </span>
      )}
      {external && (
        <span class="badge">
          {external.kind === 'post'
            ? i18n.t('ui.knowledge.community_post')
            : i18n.t('ui.knowledge.source', { source: shortText(external.source) })}
        </span>
      )}
      {restricted && <span class="badge">{i18n.t('ui.knowledge.restricted')}</span>}
      {item.snippet && <Snippet text={longText(item.snippet)} />}
      <p class="muted small">
        {item.updated_at && i18n.t('ui.knowledge.updated', { date: i18n.date(item.updated_at) })}
        {article?.label_names?.length ? ` · ${shortText(article.label_names.join(', '))}` : ''}
      </p>
      <div class="row actions" role="group" aria-labelledby={titleId}>
        <ArticleAction label={i18n.t('ui.knowledge.link')} titleId={titleId} disabled={!href} onClick={() => void model.link.run(item)} />
        {article && (
          <ArticleAction
            label={i18n.t('ui.knowledge.quote')}
            titleId={titleId}
            disabled={!href}
            expanded={restricted ? confirmingQuote : undefined}
            onClick={() => (restricted ? setConfirmingQuote(!confirmingQuote) : void model.quote.run(article))}
          />
        )}
        <ArticleAction
          label={i18n.t('ui.knowledge.open')}
          titleId={titleId}
          disabled={!href}
          onClick={() => href && window.open(href, '_blank', 'noopener,noreferrer')}
        />
        <ArticleAction
          label={flagged ? i18n.t('ui.knowledge.flagged') : i18n.t('ui.knowledge.flag')}
          titleId={titleId}
          disabled={flagged}
          expanded={flagging}
          onClick={() => setFlagging(!flagging)}
        />
      </div>
      {article && confirmingQuote && (
        <form
          class="inline-form notice notice--warning"
          role="alert"
          onSubmit={(event) => {
            event.preventDefault();
            void model.quote.run(article, true).then(() => setConfirmingQuote(false));
          }}
        >
          <p>{i18n.t('ui.knowledge.restricted_warning')}</p>
          <FormButtons
            label={i18n.t('ui.knowledge.quote_anyway')}
            disabled={model.quote.busy.value}
            onCancel={() => setConfirmingQuote(false)}
          />
        </form>
      )}
      {flagging && <FlagForm article={item} id={`flag-${key}`} model={model} onClose={() => setFlagging(false)} />}
    </li>
  );
}

function Results({
  state,
  model,
  onRetry,
  empty,
}: {
  state: ResourceState<KnowledgeItem[]>;
  model: KnowledgeModel;
  onRetry: () => void;
  empty: string;
}) {
  const articles = 'data' in state ? state.data : undefined;
  return (
    <>
      {state.status === 'loading' && !articles && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={onRetry} />}
      {articles && articles.length === 0 && <p class="muted">{empty}</p>}
      {articles && articles.length > 0 && (
        <ul class="articles" onKeyDown={moveFocus}>
          {articles.map((item, i) => (
            <ArticleItem key={itemKey(item)} item={item} index={i} model={model} />
          ))}
        </ul>
      )}
    </>
  );
}

export function KnowledgePanel({ model }: { model: KnowledgeModel }) {
  const { i18n } = useServices();
  const searching = model.manualQuery.value.trim() !== '';
  return (
    <Panel id="knowledge" title={i18n.t('ui.knowledge.title')}>
      <SearchBox label={i18n.t('ui.knowledge.search')} value={model.manualQuery.value} onInput={model.setManualQuery} />
      <StatusLine report={model.status.value} />
      {searching ? (
        <Results state={model.manual.value} model={model} onRetry={model.retryManual} empty={i18n.t('ui.knowledge.no_results')} />
      ) : (
        <Results state={model.suggestions.value} model={model} onRetry={model.retry} empty={i18n.t('ui.knowledge.empty')} />
      )}
    </Panel>
  );
}
