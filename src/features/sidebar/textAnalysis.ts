import type { TextAnalysis } from '../../domain/textAnalysis';

let pending: Promise<TextAnalysis> | null = null;

/**
 * Loads the text analysis chunk once per page. Started by the location table together with the
 * sidebar's view, so it never adds a download after the first paint; a failed download is tried
 * again on the next call (a panel's "Try again").
 */
export function loadTextAnalysis(): Promise<TextAnalysis> {
  pending ??= import('../../domain/textAnalysis').catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
