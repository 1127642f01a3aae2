/**
 * The support domain's server surface for other domains, the entry and server components: the
 * assistant (answerMessage, warmUpSupport) and the console's reads. The conversation changes
 * (which send e-mail) are in ./commands.ts.
 */
export {
  answerMessage,
  warmUpSupport,
  type AssistantAnswer,
  type AssistantContext,
  type HandoverReason,
  type SupportEntities,
  type SupportIntent,
} from './assistant/answer-message';
export {
  getStaffConversation,
  inboxShop,
  listStaffConversations,
  type InboxFilter,
  type SupportStaff,
} from './staff-inbox';
