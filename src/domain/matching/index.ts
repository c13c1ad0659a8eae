export {
  createMatcher,
  DEFAULT_CONFIDENCE_THRESHOLD,
  type AnswerDoc,
  type Matcher,
  type MatcherOptions,
  type MatchResult,
  type ScoredAnswer,
  type TicketQuery,
} from './matcher';
