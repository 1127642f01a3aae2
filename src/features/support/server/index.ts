/**
 * The support domain's public surface, server side (safe for server components): the console's
 * reads. The changes (which answer with the assistant and send e-mail) are in ./commands.ts.
 */
export {
  getStaffConversation,
  inboxShop,
  listStaffConversations,
  type InboxFilter,
  type SupportStaff,
} from './staff-inbox';
export type { AssistantAnswer, AssistantContext, SupportEntities, SupportIntent } from './assistant/types';
