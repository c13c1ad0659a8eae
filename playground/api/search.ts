import { htmlToText } from '../../src/domain/html';
import type { Article } from './store';

/**
 * Help Center full-text search for the demo: BM25 over title (weighted ×3), labels (×2) and body,
 * with light English stemming, ranked like a real engine closely enough to make the demo believable.
 */
const STOP = new Set(
  'a an and are as at be but by can do for from has have how i if in is it my of on or our so that the this to was we what when where which who why will with you your me'.split(
    ' ',
  ),
);

function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of [
    ['ies', 'y'],
    ['ied', 'y'],
    ['ing', ''],
    ['edly', ''],
    ['ed', ''],
    ['ly', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  return w.replace(/(.)\1$/, '$1');
}

function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP.has(t)).map(stem);
}

interface Indexed {
  article: Article;
  text: string;
  fields: { title: string[]; labels: string[]; body: string[] };
}

const WEIGHTS = { title: 3, labels: 2, body: 1 } as const;

export class ArticleIndex {
  private docs: Indexed[];
  private df = new Map<string, number>();
  private avgLength: number;

  constructor(articles: Article[]) {
    this.docs = articles
      .filter((a) => !a.draft)
      .map((article) => {
        const text = htmlToText(article.body);
        return {
          article,
          text,
          fields: { title: terms(article.title), labels: terms(article.label_names.join(' ')), body: terms(text) },
        };
      });
    for (const doc of this.docs) {
      for (const t of new Set([...doc.fields.title, ...doc.fields.labels, ...doc.fields.body])) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
      }
    }
    this.avgLength = this.docs.reduce((sum, d) => sum + d.fields.body.length, 0) / Math.max(1, this.docs.length);
  }

  search(query: string, locale: string | null): { article: Article; score: number; snippet: string }[] {
    const q = [...new Set(terms(query))];
    if (!q.length) return [];
    const n = this.docs.length;
    const results = [];
    for (const doc of this.docs) {
      if (locale && doc.article.locale.toLowerCase() !== locale.toLowerCase()) continue;
      let score = 0;
      for (const t of q) {
        const idf = Math.log(1 + (n - (this.df.get(t) ?? 0) + 0.5) / ((this.df.get(t) ?? 0) + 0.5));
        for (const field of ['title', 'labels', 'body'] as const) {
          const tokens = doc.fields[field];
          const tf = tokens.filter((x) => x === t).length;
          if (!tf) continue;
          const norm = field === 'body' ? 0.25 + 0.75 * (tokens.length / this.avgLength) : 1;
          score += WEIGHTS[field] * idf * ((tf * 2.2) / (tf + 1.2 * norm));
        }
      }
      if (score > 0) results.push({ article: doc.article, score, snippet: snippet(doc.text, q) });
    }
    return results.sort((a, b) => b.score - a.score || a.article.id - b.article.id);
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** About 30 words around the densest run of query terms, matches wrapped in <em>. */
function snippet(text: string, queryTerms: string[]): string {
  const words = text.split(/\s+/).filter(Boolean);
  const hit = (w: string) => terms(w).some((t) => queryTerms.includes(t));
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < Math.max(1, words.length - 30); i += 5) {
    const count = words.slice(i, i + 30).filter(hit).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  }
  const window = words.slice(best, best + 30).map((w) => (hit(w) ? `<em>${escapeHtml(w)}</em>` : escapeHtml(w)));
  return `${best > 0 ? '… ' : ''}${window.join(' ')}${best + 30 < words.length ? ' …' : ''}`;
}
