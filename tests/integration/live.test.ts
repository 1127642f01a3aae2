/**
 * Live streams (SSE) through the real HTTP listener: status changes reach the staff, owner and
 * tracking streams; internal events never reach customers; a reconnect resumes from the last
 * event id without losing or repeating events; the notification centre's API and stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@/features/access/ability';
import { changeOrderStatus, type Caller } from '@/features/repairs/server/change-status';
import { appendOrderEvent, publishOrderEvents } from '@/features/repairs/server/order-events';
import { loadOrder } from '@/features/repairs/server/lock-order';
import { createNotifications, publishNotifications } from '@/features/notifications/server/notify';
import { manageUrl } from '@/features/booking/server/manage-link';
import type { RepairStatus } from '@/features/repairs/state-machine';
import { BACKENDS, freeSlot, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';
import { openSse, type SseStream } from './sse';

describe.each(BACKENDS)('live updates on $name', (backend) => {
  let app: TestApp;
  let manager: TestUser;
  let technician: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  const open: SseStream[] = [];

  const sse = async (path: string, cookie?: string, headers: Record<string, string> = {}) => {
    const s = await openSse((p, init) => app.request(p, init), path, {
      ...(cookie ? { cookie } : {}),
      ...headers,
    });
    open.push(s);
    if (s.status === 200) await s.ready;
    return s;
  };

  const managerCaller = (): Caller => ({
    ability: defineAbilityFor({ id: manager.id, role: 'manager', shopSlug: 'london' }),
    role: 'manager',
    actor: { name: 'Manager', userId: manager.id, role: 'staff' },
  });
  const move = (order: BookedOrder, to: RepairStatus, extra: { reason?: string } = {}) =>
    changeOrderStatus(app.handle.db, order.orderId, { to, ...extra }, managerCaller());

  const addInternalNote = async (order: BookedOrder, message: string) => {
    const loaded = await loadOrder(app.handle.db, order.orderId);
    const event = await appendOrderEvent(app.handle.db, {
      orderId: order.orderId,
      type: 'note',
      actor: { name: 'Manager', userId: manager.id, role: 'staff' },
      visibility: 'internal',
      message,
    });
    publishOrderEvents(loaded.order, [event]);
    return event;
  };

  const addCustomerMessage = async (order: BookedOrder, message: string) => {
    const loaded = await loadOrder(app.handle.db, order.orderId);
    const event = await appendOrderEvent(app.handle.db, {
      orderId: order.orderId,
      type: 'message',
      actor: { name: 'Manager', userId: manager.id, role: 'staff' },
      visibility: 'customer',
      message,
    });
    publishOrderEvents(loaded.order, [event]);
    return event;
  };

  const trackPath = (o: BookedOrder, extra = '') =>
    `/api/track/${o.reference}/live?token=${encodeURIComponent(o.trackingToken)}${extra}`;

  beforeAll(async () => {
    app = await startApp(backend);
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    technician = await createUser(app, 'technician', { shopSlug: 'london' });
    owner = await createUser(app, 'customer', { tag: 'owner' });
    stranger = await createUser(app, 'customer', { tag: 'stranger' });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.close();
  });

  it('answers as an event stream that is never cached or buffered, with a retry hint', async () => {
    const order = await bookOrder(app, { cookie: owner.cookie });
    const s = await sse(trackPath(order));
    expect(s.status).toBe(200);
    expect(s.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.response.headers.get('cache-control')).toBe('no-store');
    expect(s.response.headers.get('x-accel-buffering')).toBe('no');
    expect(s.retry).toBeGreaterThan(0);
    s.close();
  });

  it('delivers a status change to the staff order stream, the owner and the tracking link', async () => {
    const order = await bookOrder(app, { cookie: owner.cookie });
    const staff = await sse(`/api/staff/orders/${order.orderId}/live`, technician.cookie);
    const byReference = await sse(`/api/staff/orders/${order.reference}/live`, manager.cookie);
    const mine = await sse(`/api/account/repairs/${order.reference}/live`, owner.cookie);
    const tracking = await sse(trackPath(order));
    const board = await sse('/api/staff/live?shop=london', technician.cookie);

    await move(order, 'received');

    for (const s of [staff, byReference, mine, tracking]) {
      const e = await s.next();
      expect(e.json).toMatchObject({
        kind: 'order_event',
        type: 'status_changed',
        fromStatus: 'booked',
        toStatus: 'received',
        status: 'received',
        reference: order.reference,
      });
      expect(e.id).toBe(String(e.json.id));
    }
    // the board says which order changed; other orders' events may be there too
    let boardEvent = await board.next();
    while (boardEvent.json.orderId !== order.orderId) boardEvent = await board.next();
    expect(boardEvent.json).toMatchObject({
      orderId: order.orderId,
      reference: order.reference,
      type: 'status_changed',
      status: 'received',
      shopSlug: 'london',
    });
  });

  it('never sends an internal note to the customer or the tracking link; staff get it', async () => {
    const order = await bookOrder(app, { cookie: owner.cookie });
    const staff = await sse(`/api/staff/orders/${order.orderId}/live`, technician.cookie);
    const mine = await sse(`/api/account/repairs/${order.reference}/live`, owner.cookie);
    const tracking = await sse(trackPath(order));

    const note = await addInternalNote(order, 'Customer was rude on the phone');
    const message = await addCustomerMessage(order, 'Your parts have arrived');

    const first = await staff.next();
    expect(first.json).toMatchObject({ id: note.id, type: 'note', visibility: 'internal' });
    expect((await staff.next()).json).toMatchObject({ id: message.id, type: 'message' });
    for (const s of [mine, tracking]) {
      // the customer-visible message, sent after the note, is the first thing they get
      const e = await s.next();
      expect(e.json).toMatchObject({ id: message.id, type: 'message', message: 'Your parts have arrived' });
      expect(await s.collect(200)).toEqual([]);
    }
    // and a replay from before both (a reconnect) skips the note too
    const replay = await sse(trackPath(order, `&lastEventId=${note.id - 1}`));
    expect((await replay.next()).json).toMatchObject({ id: message.id });
    expect(await replay.collect(200)).toEqual([]);
  });

  it('resumes from Last-Event-ID: exactly the events missed, in order, and nothing twice', async () => {
    const order = await bookOrder(app, { cookie: owner.cookie });
    const first = await sse(trackPath(order));
    await move(order, 'received');
    const a = await first.next();
    expect(a.json).toMatchObject({ toStatus: 'received' });
    first.close();

    await move(order, 'diagnosing');
    await addCustomerMessage(order, 'Diagnosis takes a day');

    // EventSource sends the last id it saw as a header when it reconnects
    const again = await sse(trackPath(order), undefined, { 'last-event-id': a.id! });
    const b = await again.next();
    const c = await again.next();
    expect(b.json).toMatchObject({ type: 'status_changed', toStatus: 'diagnosing' });
    expect(c.json).toMatchObject({ type: 'message', message: 'Diagnosis takes a day' });
    expect(Number(b.id)).toBeGreaterThan(Number(a.id));
    expect(Number(c.id)).toBeGreaterThan(Number(b.id));
    expect(await again.collect(200)).toEqual([]);

    // ...and live events continue on the resumed stream
    await move(order, 'repairing');
    expect((await again.next()).json).toMatchObject({ toStatus: 'repairing' });

    // the same resume point as a query parameter (a client that reopened the stream itself)
    const viaQuery = await sse(trackPath(order, `&lastEventId=${a.id}`));
    expect((await viaQuery.next()).id).toBe(b.id);
    expect((await viaQuery.next()).id).toBe(c.id);

    // a new client without a resume point starts now: no history
    const fresh = await sse(trackPath(order));
    expect(await fresh.collect(200)).toEqual([]);
  });

  it('answers 404 for a wrong token or another customer, 401/403 where sign-in or staff is needed', async () => {
    const order = await bookOrder(app, { cookie: owner.cookie });
    const wrongToken = await sse(`/api/track/${order.reference}/live?token=not-the-token`);
    expect(wrongToken.status).toBe(404);
    const noToken = await sse(`/api/track/${order.reference}/live`);
    expect(noToken.status).toBe(404);
    const unknown = await sse(`/api/track/RT-ZZZZZZ/live?token=${order.trackingToken}`);
    expect(unknown.status).toBe(404);
    // the same answer for both: a guesser learns nothing
    const detail = async (s: SseStream) => {
      const { code, detail } = (await s.response.json()) as { code: string; detail: string };
      return { code, detail };
    };
    expect(await detail(wrongToken)).toEqual(await detail(unknown));

    expect((await sse(`/api/account/repairs/${order.reference}/live`, stranger.cookie)).status).toBe(404);
    expect((await sse(`/api/account/repairs/${order.reference}/live`, manager.cookie)).status).toBe(404);
    expect((await sse(`/api/account/repairs/${order.reference}/live`)).status).toBe(401);
    expect((await sse(`/api/staff/orders/${order.orderId}/live`, owner.cookie)).status).toBe(403);
    expect((await sse(`/api/staff/orders/${order.orderId}/live`)).status).toBe(401);
    expect((await sse('/api/staff/live', owner.cookie)).status).toBe(403);
    expect(
      (await sse('/api/staff/orders/00000000-0000-0000-0000-000000000000/live', technician.cookie)).status,
    ).toBe(404);
    expect((await sse('/api/notifications/live')).status).toBe(401);
  });

  it('puts new bookings, cancellations and reschedules on the staff stream', async () => {
    const board = await sse('/api/staff/live', manager.cookie);
    const other = await sse('/api/staff/live?shop=manchester', manager.cookie);
    const order = await bookOrder(app, { cookie: owner.cookie });
    let created = await board.next();
    while (created.json.orderId !== order.orderId) created = await board.next();
    expect(created.json).toMatchObject({ type: 'created', status: 'booked', shopSlug: 'london' });

    const sig = new URL(manageUrl('http://x', order.reference)).searchParams.get('sig')!;
    const moved = await app.request(`/api/bookings/${order.reference}/reschedule`, {
      method: 'POST',
      json: { sig, slotStartsAt: await freeSlot(app, 'london', 1, 3) },
    });
    expect(moved.status).toBe(200);
    let rescheduled = await board.next();
    while (rescheduled.json.orderId !== order.orderId) rescheduled = await board.next();
    expect(rescheduled.json).toMatchObject({ type: 'rescheduled', status: 'booked' });

    const cancelled = await app.request(`/api/bookings/${order.reference}/cancel`, {
      method: 'POST',
      json: { sig },
    });
    expect(cancelled.status).toBe(200);
    let cancel = await board.next();
    while (cancel.json.orderId !== order.orderId) cancel = await board.next();
    expect(cancel.json).toMatchObject({ type: 'status_changed', status: 'cancelled' });
    // another shop's board hears nothing of London's orders
    expect((await other.collect(200)).filter((e) => e.json.shopSlug === 'london')).toEqual([]);
  });

  it('lists notifications with the unread count, streams new ones, and marks only my own read', async () => {
    const order = await bookOrder(app, { cookie: owner.cookie });
    const ownerStream = await sse('/api/notifications/live', owner.cookie);
    await move(order, 'received');
    const live = await ownerStream.next();
    expect(live.json).toMatchObject({
      kind: 'notification',
      type: 'status_changed',
      reference: order.reference,
      data: { from: 'booked', to: 'received' },
      read: false,
      href: `/account/repairs/${order.reference}`,
    });
    expect(live.id).toBe(String(live.json.id));

    // a staff member's notification links to the console
    const [staffNote] = await createNotifications(app.handle.db, [
      { userId: technician.id, type: 'assigned', orderId: order.orderId, reference: order.reference },
    ]);
    publishNotifications([staffNote!]);

    const list = async (cookie: string) => {
      const res = await app.request('/api/notifications', { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        items: Array<{ id: number; type: string; read: boolean; href: string | null }>;
        unreadCount: number;
      };
    };
    const mine = await list(owner.cookie);
    expect(mine.items.length).toBeGreaterThanOrEqual(1);
    expect(mine.items[0]).toMatchObject({ id: live.json.id, read: false });
    expect(mine.unreadCount).toBe(mine.items.filter((i) => !i.read).length);
    const tech = await list(technician.cookie);
    expect(tech.items.find((i) => i.id === staffNote!.id)?.href).toBe(`/staff/orders/${order.reference}`);
    expect((await list(stranger.cookie)).items).toEqual([]);

    // someone else's id is ignored
    const sneaky = await app.request('/api/notifications/read', {
      method: 'POST',
      headers: { cookie: stranger.cookie },
      json: { ids: [live.json.id] },
    });
    expect(await sneaky.json()).toEqual({ updated: 0, unreadCount: 0 });
    expect((await list(owner.cookie)).unreadCount).toBe(mine.unreadCount);

    const one = await app.request('/api/notifications/read', {
      method: 'POST',
      headers: { cookie: owner.cookie },
      json: { ids: [live.json.id] },
    });
    expect(await one.json()).toEqual({ updated: 1, unreadCount: mine.unreadCount - 1 });
    // other tabs hear that some were read
    expect((await ownerStream.next()).json).toMatchObject({
      kind: 'read',
      unreadCount: mine.unreadCount - 1,
    });

    await move(order, 'diagnosing');
    await ownerStream.next();
    const all = await app.request('/api/notifications/read', {
      method: 'POST',
      headers: { cookie: owner.cookie },
      json: { all: true },
    });
    expect(((await all.json()) as { unreadCount: number }).unreadCount).toBe(0);
    expect((await list(owner.cookie)).items.every((i) => i.read)).toBe(true);
    // the technician's notification is untouched
    expect((await list(technician.cookie)).unreadCount).toBe(tech.unreadCount);

    const bad = await app.request('/api/notifications/read', {
      method: 'POST',
      headers: { cookie: owner.cookie },
      json: {},
    });
    expect(bad.status).toBe(422);
    expect((await app.request('/api/notifications')).status).toBe(401);
  });
});
