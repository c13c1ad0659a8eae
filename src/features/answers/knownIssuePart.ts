import type { KnownIssueModel } from './knownIssue';
import type { KnownIssueSection } from './KnownIssueView';

/* The sidebar's known-issue part, model and view, as one chunk loaded after the first paint (answers/model.ts). */
export { createKnownIssueModel } from './knownIssue';
export { KnownIssueSection } from './KnownIssueView';

export interface KnownIssuePart {
  model: KnownIssueModel & { dispose: () => void };
  Section: typeof KnownIssueSection;
}
