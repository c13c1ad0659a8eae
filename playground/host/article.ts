import { sanitizeHtml } from './richText';
import './styles.css';

/**
 * A Help Center article page, where the API's `html_url` leads: `/hc/<locale>/articles/<id>-<slug>`.
 * The title is text; the body is the editor's HTML, sanitised like everything the workspace renders.
 */
async function showArticle(main: HTMLElement) {
  const [, locale, id] = /^\/hc\/([\w-]+)\/articles\/(\d+)/.exec(window.location.pathname) ?? [];
  const response = id ? await fetch(`/api/v2/help_center/${locale}/articles/${id}.json`, { cache: 'no-store' }) : null;
  if (!response?.ok) {
    const heading = document.createElement('h1');
    heading.textContent = 'Article not found';
    main.replaceChildren(heading);
    return;
  }
  const { article } = (await response.json()) as { article: { title: string; body: string | null; locale: string } };
  document.title = `${article.title} · Lumen Bank Help Center`;
  document.documentElement.lang = article.locale;
  const page = document.createElement('article');
  const heading = page.appendChild(document.createElement('h1'));
  heading.textContent = article.title;
  const body = page.appendChild(document.createElement('div'));
  body.className = 'hc__body';
  body.appendChild(sanitizeHtml(article.body ?? ''));
  main.replaceChildren(page);
}

void showArticle(document.querySelector('main')!);
