/** The notifications domain's public surface, client side: what other domains may import. */
export { NotifyWhenReady } from './notify-when-ready';
export { NotificationSettings } from './notification-settings';
