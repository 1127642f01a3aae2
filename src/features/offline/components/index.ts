export * from './outbox';
export { useOnlineStatus } from './use-online-status';
export { useOutboxCount, useOutboxItems } from './use-outbox';
