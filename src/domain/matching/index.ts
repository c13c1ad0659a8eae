export { createMatcher, matcherSteps, DEFAULT_CONFIDENCE_THRESHOLD, type Matcher, type AnswerDoc, type MatchResult } from './matcher';
