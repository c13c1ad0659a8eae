/**
 * The sidebar's text analysis in one place: the Help Center query builder, the answer matcher
 * the guess of the language the customer wrote in, the choice of the Help Center and Unified Search results to suggest,
 * the provisional examples the matcher learns from and the answers' Markdown (an answer shows only once the matcher has run). It is the heaviest code the sidebar runs, so the app loads it as a chunk of its own
 * that downloads while the first paint happens (see features/sidebar/chunks.ts).
 */
export { customerText, scrubQuery, ticketQuery } from './knowledge/query';
export { fingerprintSteps } from './matching/fingerprint';
export { matchesOutage } from './matching/outage';
export { detectLanguage } from './language';
export { relevantOnPage, SUGGESTION_POOL, suggestArticles } from './knowledge/relevance';
export { fillAnswer } from './answers/filled';
export { toHtml, toPlainText } from './answers/markdown';
export { proposedExamples, withProvisional } from './answers/provisional';

/** The module as a value, for code that receives it once its chunk has loaded. */
export type TextAnalysis = typeof import('./textAnalysis');
