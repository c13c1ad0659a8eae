export { createMatcher, DEFAULT_CONFIDENCE_THRESHOLD, type AnswerDoc, type MatchResult } from './matcher';
