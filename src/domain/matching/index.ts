export {
  createMatcher,
  matcherSteps,
  DEFAULT_CONFIDENCE_THRESHOLD,
  type Matcher,
  type AnswerDoc,
  type MatchOptions,
  type MatchResult,
  type TicketQuery,
} from './matcher';
