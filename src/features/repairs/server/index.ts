/**
 * The repairs domain's public surface, server side: orders and their timeline, tracking,
 * access checks and staff views. Safe to reach from server components; the workflow's changes
 * (which send e-mail) are in ./commands.ts.
 */
export { findOrderByToken, findOwnedOrder } from './find-customer-order';
export { listTechnicians } from './list-technicians';
export { assertCan, can, findOrder, isUuid, loadOrder, orderNotFound, type LoadedOrder } from './lock-order';
export {
  SYSTEM_ACTOR,
  appendOrderEvent,
  publishOrderEvents,
  type EventActor,
  type OrderEventRow,
} from './order-events';
export { generateReference, generateTrackingToken, normaliseReference } from './reference';
export { callerOf, staffCaller, staffErrors, staffOnly, type StaffCaller } from './staff-caller';
export {
  pickStaffToNotify,
  staffContactsToNotify,
  staffContactsToNotifyEach,
  staffToNotify,
  type StaffContact,
  type StaffNotice,
} from './staff-to-notify';
export {
  orderPermissions,
  toStaffTimelineEvent,
  seesShopOnlyEvents,
  SHOP_ONLY_EVENT_TYPES,
} from './staff-view';
export { canonicalJson, sha256 } from './tokens';
export { findBookingByToken, signedTrackingPath, signedTrackingToken, type BookingRow } from './tracking';
export { onOrderCheckedIn, type OrderCheckedIn } from './order-hooks';
export { onOrderCancelled, type CancelledOrder, type OrderCancelledHook } from './order-hooks';
export { onOrderCollected, type OrderCollected } from './order-hooks';
export { onOrderUncollected, type OrderUncollected } from './order-hooks';
