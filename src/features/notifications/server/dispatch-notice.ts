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

/**
 * Several notices of one kind (e.g. a batch of new bookings) with one read of the preferences
 * and one INSERT of the bell notices; push and e-mail per notice as `dispatchNotice` does. No
 * `once` here (each notice's caller makes it happen once, e.g. the outbox).
 */
export async function dispatchNotices(tx: Db, inputs: readonly NoticeInput[]): Promise<NoticeResult[]> {
  if (inputs.length === 0) return [];
  const kind = inputs[0]!.kind;
  if (inputs.some((i) => i.kind !== kind || i.once)) throw new Error('dispatchNotices: one kind, no `once`');
  const wants = await wantsNotice(
    tx,
    inputs.flatMap((i) => i.userIds),
    kind,
  );
  const sets = { inApp: new Set(wants.inApp), push: new Set(wants.push), email: new Set(wants.email) };
  const bell = inputs.flatMap((i) =>
    i.inApp ? i.userIds.filter((id) => sets.inApp.has(id)).map((userId) => ({ ...i.inApp!, userId })) : [],
  );
  const created = await createNotifications(tx, bell);
  const results: NoticeResult[] = [];
  for (const input of inputs) {
    const notifications = created.filter(
      (n) =>
        input.inApp &&
        n.type === input.inApp.type &&
        n.orderId === (input.inApp.orderId ?? null) &&
        input.userIds.includes(n.userId),
    );
    const push = input.userIds.filter((id) => sets.push.has(id));
    const email = input.userIds.filter((id) => sets.email.has(id));
    results.push({
      notifications,
      push: push.length > 0 ? await queuePush(tx, input, push) : null,
      emailed: await sendEmail(input, email),
    });
  }
  return results;
}

function queuePush(tx: Db, input: NoticeInput, userIds: string[]) {
  return queuePushToUsers(tx, {
    userIds,
    kind: input.kind,
    ...pushText(input.kind, input.reference),
    url: noticeUrl(input.kind, input.reference),
    tag: `${input.kind}:${input.reference}`,
    urgency: input.kind === 'order_overdue' || input.kind === 'ready_for_collection' ? 'high' : 'normal',
    createdBy: input.createdBy ?? null,
  });
}

async function sendEmail(input: NoticeInput, wanted: readonly string[]): Promise<boolean> {
  const emailed = !!input.email && (input.userIds.length === 0 || wanted.length > 0);
  if (emailed) await input.email!(wanted);
  return emailed;
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
  const push = wants.push.length > 0 ? await queuePush(tx, input, wants.push) : null;
  return { notifications, push, emailed: await sendEmail(input, wants.email) };
}
