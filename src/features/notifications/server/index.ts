/** The notifications domain's public surface, server side: what other domains may import. */
export { createNotifications, publishNotifications, type NotificationRow } from './notify';
