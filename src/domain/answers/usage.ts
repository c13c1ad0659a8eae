/** Tag the app adds when an approved answer is used: `cla_<answerId>`. */
export const ANSWER_TAG_PREFIX = 'cla_';

/** The usage tag for an answer; Zendesk stores tags in lower case, so ids are compared that way. */
export function answerTag(answerId: string): string {
  return `${ANSWER_TAG_PREFIX}${answerId.toLowerCase()}`;
}
