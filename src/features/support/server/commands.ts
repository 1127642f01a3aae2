/**
 * The support domain's changes: a customer's message (answered by the assistant), a staff reply
 * (e-mailed) and closing a conversation. Kept out of ./index.ts, which server components reach.
 */
export { postCustomerMessage, type CustomerMessageInput } from './post-customer-message';
export { replyAsStaff } from './reply-as-staff';
export { closeConversation } from './close-conversation';
