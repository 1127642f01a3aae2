import type { pushNotifications } from '@/server/db/schema';
import type { PushPayload } from '../../push-schemas';

type NotificationRow = Pick<
  typeof pushNotifications.$inferSelect,
  'title' | 'body' | 'icon' | 'badge' | 'url' | 'tag' | 'actions' | 'kind'
>;

/** The JSON the service worker receives (encrypted by web-push), without empty members. */
export function buildPushPayload(n: NotificationRow, deliveryId: string): PushPayload {
  return {
    title: n.title,
    body: n.body,
    ...(n.icon ? { icon: n.icon } : {}),
    ...(n.badge ? { badge: n.badge } : {}),
    ...(n.url ? { url: n.url } : {}),
    ...(n.tag ? { tag: n.tag } : {}),
    ...(n.actions && n.actions.length > 0 ? { actions: n.actions } : {}),
    kind: n.kind,
    deliveryId,
  };
}

/** Its size in bytes once encoded as JSON (UTF-8). */
export function payloadBytes(payload: PushPayload): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}
