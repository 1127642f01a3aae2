/** The support domain's server surface for other domains and the entry. */
export {
  answerMessage,
  warmUpSupport,
  type AssistantAnswer,
  type AssistantContext,
  type HandoverReason,
  type SupportEntities,
  type SupportIntent,
} from './assistant/answer-message';
