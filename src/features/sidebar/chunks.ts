import { loadOnce } from '../../app/loadOnce';

/**
 * The sidebar's code that the first paint does not wait for, each in a chunk of its own. The
 * location table starts both downloads together with the sidebar's view, so neither adds a
 * download after the first paint.
 */

/** The text analysis: the query builder, the matcher, the answers' Markdown (domain/textAnalysis.ts). */
export const loadTextAnalysis = loadOnce(() => import('../../domain/textAnalysis'));

/** The panels after the escalation status: the closed-loop answer and the knowledge suggestions. */
export const loadPanels = loadOnce(() => import('./SidebarPanels'));
