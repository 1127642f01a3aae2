/** The notifications domain's public surface, server side: what other domains may import. */
export { createNotifications, publishNotifications, type NotificationRow } from './notify';
export {
  dispatchNotice,
  dispatchNotices,
  noticeUrl,
  pushText,
  type NoticeInput,
  type NoticeResult,
} from './dispatch-notice';
export type { NoticeKind } from '../preference-schemas';
export { withdrawNotifications, type WithdrawNotices } from './withdraw-notifications';
