/** The e-mail domain's server surface for other domains and the entry. */
export { registerEmailWorkers } from './register-workers';
export { sendTemplate } from './send-template';
export { sendNoticeEmails, type NoticeEmail } from './send-notice-emails';
export { cancelQueuedMessage } from './cancel-queued-message';
export { registerAttachmentMaker, type AttachmentMaker } from './deferred-render';
