/**
 * Issue 14, "the events that matter": each goes out in-app, by push and by e-mail as the person
 * chose for its kind (notification preferences), inside the event's own transaction (a new
 * booking's: right after it, from the outbox event that commits with it). A push is
 * stored (push_notifications + one delivery per subscription, its send job queued) only for
 * those with push on; e-mails and bell notices only for those with those channels on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import {
  emailMessages,
  notifications,
  orderOverdueNotices,
  pushDeliveries,
  pushNotifications,
  pushSubscriptions,
  repairOrders,
} from '@/server/db/schema';
import { notifyOverdueOrders } from '@/features/console/server/notify-overdue-orders';
import { sendPaymentReceipt } from '@/features/payments/server/send-receipt';
import { drainOutbox } from '@/server/outbox';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';

describe.each(BACKENDS)('notices follow preferences on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let manager: TestUser;
  let tech: TestUser;
  let n = 0;

  /** A browser subscription of `who` (as POST /subscribe stores it). */
  const subscribe = (who: TestUser) =>
    app.handle.db.insert(pushSubscriptions).values({
      userId: who.id,
      endpoint: `https://push.example.test/send/${who.id}/${++n}`,
      p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
      auth: 'tBHItJI5svbpez7KI4CCXg',
    });
  const setPrefs = async (who: TestUser, items: unknown[]) => {
    const res = await app.request('/api/notifications/preferences', {
      method: 'PUT',
      headers: { cookie: who.cookie },
      json: { items },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  /** The push stored for `kind` on `reference` (tag `<kind>:<reference>`), with its deliveries. */
  const pushOf = async (kind: string, reference: string) => {
    const [row] = await app.handle.db
      .select()
      .from(pushNotifications)
      .where(eq(pushNotifications.tag, `${kind}:${reference}`));
    if (!row) return null;
    const deliveries = await app.handle.db
      .select({ userId: pushDeliveries.userId })
      .from(pushDeliveries)
      .where(eq(pushDeliveries.notificationId, row.id));
    return { ...row, deliveries: deliveries.map((d) => d.userId) };
  };
  const bellOf = async (orderId: string, type: string) =>
    (
      await app.handle.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.orderId, orderId), eq(notifications.type, type)))
    ).map((r) => r.userId);
  const statusMails = async (orderId: string) =>
    app.handle.db
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(like(emailMessages.dedupeKey, `status:${orderId}:%`));
  /** The notice e-mails of a kind on an order, as [address]. */
  const noticeMails = async (kind: string, orderId: string) =>
    (
      await app.handle.db
        .select({ to: emailMessages.toAddress, template: emailMessages.template })
        .from(emailMessages)
        .where(like(emailMessages.dedupeKey, `notice:${kind}:${orderId}%`))
    ).map((m) => `${m.template}:${m.to}`);
  const move = async (orderId: string, to: string, extra: Record<string, unknown> = {}) => {
    const res = await app.request(`/api/staff/orders/${orderId}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to, ...extra },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer', { name: 'Carla Customer' });
    manager = await createUser(app, 'manager', { shopSlug: 'london', name: 'Mo Manager' });
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tess Tech' });
    await subscribe(customer);
    await subscribe(customer);
    await subscribe(manager);
  });
  afterAll(() => app.close());

  it('a new booking reaches the manager in the bell and by push, and stops pushing when push is off', async () => {
    // the staff notice is carried out after the booking commits (its outbox event)
    const book = async () => {
      const order = await bookOrder(app, { cookie: customer.cookie });
      await drainOutbox(app.handle.db);
      return order;
    };
    const first = await book();
    expect(await bellOf(first.orderId, 'booked')).toEqual([manager.id]);
    const push = await pushOf('new_booking', first.reference);
    expect(push).toMatchObject({
      kind: 'new_booking',
      title: 'New booking',
      body: `${first.reference} was just booked.`,
      url: `/staff/orders/${first.reference}`,
      targeted: 1,
    });
    expect(push!.deliveries).toEqual([manager.id]);
    expect(await noticeMails('new_booking', first.orderId)).toEqual([`notice:${manager.email}`]);

    await setPrefs(manager, [{ kind: 'new_booking', channels: { push: false, email: false } }]);
    const second = await book();
    expect(await bellOf(second.orderId, 'booked')).toEqual([manager.id]);
    expect(await pushOf('new_booking', second.reference)).toBeNull();
    expect(await noticeMails('new_booking', second.orderId)).toEqual([]);

    await setPrefs(manager, [{ kind: 'new_booking', channels: { push: true, inApp: false } }]);
    const third = await book();
    expect(await bellOf(third.orderId, 'booked')).toEqual([]);
    expect((await pushOf('new_booking', third.reference))!.deliveries).toEqual([manager.id]);
  });

  it('"ready for collection" and "quote to approve" follow the customer\'s choice per channel', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    await setPrefs(customer, [
      { kind: 'ready_for_collection', channels: { email: false, push: true, inApp: true } },
      { kind: 'quote_ready', channels: { email: true, push: true, inApp: false } },
    ]);
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'diagnosing' })
      .where(eq(repairOrders.id, order.orderId));
    await move(order.orderId, 'awaiting_approval', { reason: 'Needs a new battery too' });
    // quote_ready: e-mail and push, no bell
    expect(await bellOf(order.orderId, 'status_changed')).toEqual([]);
    expect(await statusMails(order.orderId)).toHaveLength(1);
    const quote = await pushOf('quote_ready', order.reference);
    expect(quote).toMatchObject({ url: `/account/repairs/${order.reference}`, targeted: 2 });
    expect(quote!.deliveries).toEqual([customer.id, customer.id]);

    await app.handle.db
      .update(repairOrders)
      .set({ status: 'quality_check' })
      .where(eq(repairOrders.id, order.orderId));
    await move(order.orderId, 'ready_for_collection', { qcNote: 'All tests pass' });
    // ready_for_collection: bell and push, no e-mail
    expect(await bellOf(order.orderId, 'status_changed')).toEqual([customer.id]);
    expect(await statusMails(order.orderId)).toHaveLength(1);
    expect(await pushOf('ready_for_collection', order.reference)).toMatchObject({
      title: 'Your repair is ready',
      urgency: 'high',
      targeted: 2,
    });
  });

  it('a guest (no account) still gets the status e-mail; nothing else can reach them', async () => {
    const order = await bookOrder(app);
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'quality_check' })
      .where(eq(repairOrders.id, order.orderId));
    await move(order.orderId, 'ready_for_collection', { qcNote: 'All tests pass' });
    expect(await statusMails(order.orderId)).toHaveLength(1);
    expect(await pushOf('ready_for_collection', order.reference)).toBeNull();
  });

  it('a message from the shop: bell and push unless the customer turned them off', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const send = (body: string) =>
      app.request(`/api/staff/orders/${order.orderId}/messages`, {
        method: 'POST',
        headers: { cookie: manager.cookie },
        json: { body },
      });
    expect((await send('Your parts arrived')).status).toBe(201);
    expect(await bellOf(order.orderId, 'message')).toEqual([customer.id]);
    expect((await pushOf('shop_message', order.reference))!.deliveries).toEqual([customer.id, customer.id]);

    await setPrefs(customer, [{ kind: 'shop_message', channels: { push: false, inApp: false } }]);
    await app.handle.db.delete(notifications).where(eq(notifications.orderId, order.orderId));
    await app.handle.db
      .delete(pushNotifications)
      .where(eq(pushNotifications.tag, `shop_message:${order.reference}`));
    expect((await send('Ready tomorrow')).status).toBe(201);
    expect(await bellOf(order.orderId, 'message')).toEqual([]);
    expect(await pushOf('shop_message', order.reference)).toBeNull();
    // e-mail stayed on: each message was e-mailed as a notice
    const mails = await app.handle.db
      .select({ subject: emailMessages.subject })
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, customer.email), eq(emailMessages.template, 'notice')));
    expect(mails).toEqual([
      { subject: 'New message from the shop' },
      { subject: 'New message from the shop' },
    ]);
  });

  it('payment received: bell, push and the receipt e-mail once per invoice, as the customer chose', async () => {
    const pay = async () => {
      const res = await app.request('/api/bookings', {
        method: 'POST',
        headers: { cookie: customer.cookie },
        json: bookingBody({
          paymentMethod: 'card',
          service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: await freeSlot(app, 'london') },
          customer: { name: 'Carla Customer', email: customer.email },
        }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const booked = (await res.json()) as {
        id: string;
        reference: string;
        trackingToken: string;
        payment: { id: string };
      };
      const paid = await app.request(`/api/payments/${booked.payment.id}/card`, {
        method: 'POST',
        json: { token: booked.trackingToken, cardNumber: '4242424242424242' },
      });
      expect(paid.status).toBe(200);
      const [order] = await app.handle.db
        .select({ id: repairOrders.id })
        .from(repairOrders)
        .where(eq(repairOrders.reference, booked.reference));
      const invoiceId = ((await paid.json()) as { invoice: { id: string } }).invoice.id;
      return { ...booked, orderId: order!.id, invoiceId };
    };
    const receipts = (bookingId: string) =>
      app.handle.db
        .select({ id: emailMessages.id })
        .from(emailMessages)
        .where(and(eq(emailMessages.bookingId, bookingId), eq(emailMessages.template, 'payment-receipt')));

    const first = await pay();
    expect(await bellOf(first.orderId, 'payment_received')).toEqual([customer.id]);
    expect(await receipts(first.id)).toHaveLength(1);
    expect(await pushOf('payment_received', first.reference)).toMatchObject({
      title: 'Payment received',
      targeted: 2,
    });
    // a retry (or a second worker) sends nothing more on any channel
    expect(await sendPaymentReceipt(app.handle.db, first.invoiceId, 'http://localhost')).toBeNull();
    expect(await bellOf(first.orderId, 'payment_received')).toEqual([customer.id]);
    expect(
      await app.handle.db
        .select()
        .from(pushNotifications)
        .where(eq(pushNotifications.tag, `payment_received:${first.reference}`)),
    ).toHaveLength(1);

    await setPrefs(customer, [{ kind: 'payment_received', channels: { email: false, push: false } }]);
    const second = await pay();
    expect(await bellOf(second.orderId, 'payment_received')).toEqual([customer.id]);
    expect(await receipts(second.id)).toHaveLength(0);
    expect(await pushOf('payment_received', second.reference)).toBeNull();
  });

  it('an order newly overdue is told once per status entry to its technician and the managers', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const stale = await bookOrder(app, { cookie: customer.cookie });
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    // received has a 24-hour limit: one went past it an hour ago, the other two days ago
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'received', statusEnteredAt: hoursAgo(25), assignedTechnicianId: tech.id })
      .where(eq(repairOrders.id, order.orderId));
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'received', statusEnteredAt: hoursAgo(72) })
      .where(eq(repairOrders.id, stale.orderId));

    expect(await notifyOverdueOrders(app.handle.db, now)).toBeGreaterThanOrEqual(1);
    expect((await bellOf(order.orderId, 'order_overdue')).sort()).toEqual([manager.id, tech.id].sort());
    const push = await pushOf('order_overdue', order.reference);
    expect(push).toMatchObject({
      title: 'Order overdue',
      urgency: 'high',
      url: `/staff/orders/${order.reference}`,
    });
    expect(push!.deliveries).toEqual([manager.id]);
    expect((await noticeMails('order_overdue', order.orderId)).sort()).toEqual(
      [`notice:${manager.email}`, `notice:${tech.email}`].sort(),
    );
    expect(await bellOf(stale.orderId, 'order_overdue')).toEqual([]);

    // a second run tells nobody again
    expect(await notifyOverdueOrders(app.handle.db, now)).toBe(0);
    expect(await bellOf(order.orderId, 'order_overdue')).toHaveLength(2);

    // a new status entry that goes overdue in turn is told again
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'diagnosing', statusEnteredAt: hoursAgo(49) })
      .where(eq(repairOrders.id, order.orderId));
    expect(await notifyOverdueOrders(app.handle.db, now)).toBe(1);
    const claims = await app.handle.db
      .select()
      .from(orderOverdueNotices)
      .where(eq(orderOverdueNotices.orderId, order.orderId));
    expect(claims.map((c) => c.status).sort()).toEqual(['diagnosing', 'received']);
  });
});
