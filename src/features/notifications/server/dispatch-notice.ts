/**
 * The one way an event that matters reaches people (issue 14): inside the event's own
 * transaction, ask each person's preferences (per kind and channel) and then
 *  - in-app: the bell notice (`createNotifications`), for those with in-app on;
 *  - push: one push to every subscribed device of those with push on (`queuePushToUsers`, its
 *    send job commits with the event);
 *  - e-mail: the caller's own e-mail step (the template belongs to the calling domain), given
 *    those who want it, and run always when there is no account to ask (a guest's booking).
 * The caller publishes `notifications` after the commit (`publishNotifications`).
 */
import { createTranslator } from 'next-intl';
import type { Db } from '@/server/db/runtime';
import { noticeOnce } from '@/server/db/schema';
import messages from '../../../../messages/en-GB.json';
import { DEFAULT_LOCALE } from '@/i18n/config';
import { CUSTOMER_KINDS, type NoticeKind } from '../preference-schemas';
import { createNotifications, type NotificationInput, type NotificationRow } from './notify';
import { wantsNotice } from './preferences/get-preferences';
import { queuePushToUsers } from './push/queue-push';

export interface NoticeInput {
  kind: NoticeKind;
  /** the accounts to tell; empty for a guest (who can only be e-mailed) */
  userIds: readonly string[];
  /** the order it is about: the push text names it and opens it */
  reference: string;
  /** the bell notice (type, order, data); none: this event has no bell notice */
  inApp?: Omit<NotificationInput, 'userId'>;
  /**
   * the e-mail step, given those of `userIds` who want e-mail (empty for a guest, who is always
   * e-mailed); none: this event sends no e-mail
   */
  email?: (userIds: readonly string[]) => Promise<unknown>;
  /** whoever caused it (stored with the push, for the stats) */
  createdBy?: string | null;
  /** a key that makes this notice go out once, however often it is dispatched (e.g. per invoice) */
  once?: string;
}

export interface NoticeResult {
  notifications: NotificationRow[];
  push: { notificationId: string; targeted: number } | null;
  emailed: boolean;
}

const t = createTranslator({ locale: DEFAULT_LOCALE, messages, namespace: 'pushNotices' });

/** The push's words for a kind (the `pushNotices` messages). */
export function pushText(kind: NoticeKind, reference: string): { title: string; body: string } {
  return { title: t(`${kind}.title`, { reference }), body: t(`${kind}.body`, { reference }) };
}

/** Where a click takes them: the customer's repair page, or the order in the console. */
export function noticeUrl(kind: NoticeKind, reference: string): string {
  const ref = encodeURIComponent(reference);
  return (CUSTOMER_KINDS as readonly string[]).includes(kind)
    ? `/account/repairs/${ref}`
    : `/staff/orders/${ref}`;
}

export async function dispatchNotice(tx: Db, input: NoticeInput): Promise<NoticeResult> {
  if (input.once) {
    const [claimed] = await tx
      .insert(noticeOnce)
      .values({ key: input.once })
      .onConflictDoNothing()
      .returning({ key: noticeOnce.key });
    if (!claimed) return { notifications: [], push: null, emailed: false };
  }
  const wants = await wantsNotice(tx, input.userIds, input.kind);
  const notifications = input.inApp
    ? await createNotifications(
        tx,
        wants.inApp.map((userId) => ({ ...input.inApp!, userId })),
      )
    : [];
  const push =
    wants.push.length > 0
      ? await queuePushToUsers(tx, {
          userIds: wants.push,
          kind: input.kind,
          ...pushText(input.kind, input.reference),
          url: noticeUrl(input.kind, input.reference),
          tag: `${input.kind}:${input.reference}`,
          urgency:
            input.kind === 'order_overdue' || input.kind === 'ready_for_collection' ? 'high' : 'normal',
          createdBy: input.createdBy ?? null,
        })
      : null;
  const emailed = !!input.email && (input.userIds.length === 0 || wants.email.length > 0);
  if (emailed) await input.email!(wants.email);
  return { notifications, push, emailed };
}
