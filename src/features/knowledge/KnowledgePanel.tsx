import { useServices } from '../../app/services';
import { highlightSegments, safeHttpUrl } from '../../domain/text';
import type { Article } from '../../host/api/helpCenter';
import { ErrorNotice, Loading, Panel } from '../../ui/Panel';
import type { KnowledgeModel } from './model';

function Snippet({ text }: { text: string }) {
  return (
    <p class="snippet">
      {highlightSegments(text).map((segment, i) => (segment.highlighted ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </p>
  );
}

function ArticleItem({ article }: { article: Article }) {
  const { i18n } = useServices();
  const href = safeHttpUrl(article.html_url);
  return (
    <li class="article">
      {href ? (
        <a class="article__title" href={href} target="_blank" rel="noopener noreferrer">
          {article.title}
        </a>
      ) : (
        <span class="article__title">{article.title}</span>
      )}
      {article.snippet && <Snippet text={article.snippet} />}
      {article.updated_at && <p class="muted small">{i18n.t('ui.knowledge.updated', { date: i18n.date(article.updated_at) })}</p>}
    </li>
  );
}

export function KnowledgePanel({ model }: { model: KnowledgeModel }) {
  const { i18n } = useServices();
  const state = model.suggestions.value;
  const articles = 'data' in state ? state.data : undefined;
  return (
    <Panel id="knowledge" title={i18n.t('ui.knowledge.title')}>
      {state.status === 'loading' && !articles && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={model.retry} />}
      {articles && articles.length === 0 && <p class="muted">{i18n.t('ui.knowledge.empty')}</p>}
      {articles && articles.length > 0 && (
        <ul class="articles">
          {articles.map((article) => (
            <ArticleItem key={article.id} article={article} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
