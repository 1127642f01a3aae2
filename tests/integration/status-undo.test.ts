/**
 * Undo of a staff status move (issue 15, the queue's swipe): through HTTP on a real database,
 * with the queue and its workers running. The move answers with `undo: { eventId, until }`; the
 * undo puts the order back (status, dates) and moves its version on; only the move's author may
 * undo it, only within the window, only when nothing changed since, and only once (five at the
 * same time: exactly one wins). The customer's status e-mail of a move is held back for the
 * window and the undo withdraws it: the delivery never sends it. A technician may give back a
 * job they took (the undo of "take it").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  auditEvents,
  emailMessages,
  notifications,
  repairOrderEvents,
  repairOrders,
} from '@/server/db/schema';
import { startQueue, startWorkers, stopQueue } from '@/server/queue';
import { DOMAIN_WORKERS } from '@/server/entry/workers';
import { deliverMessage } from '@/features/email/server/deliver-message';
import { EMAIL_QUEUES } from '@/features/email/server/queues';
import { STATUS_UNDO_WINDOW_MS } from '@/features/repairs/server/status-undo';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

interface Moved {
  id: string;
  status: string;
  version: number;
  statusEnteredAt: string;
  receivedAt: string | null;
  assignedTechnicianId: string | null;
  undo: { eventId: number; until: string } | null;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  current?: { version: number; status: string };
}

describe.each(BACKENDS)('status undo on $name', (backend) => {
  let app: TestApp;
  let tech: TestUser;
  let otherTech: TestUser;
  let manager: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    await startQueue({ handle: app.handle, config: { pollingIntervalSeconds: 0.5, retryLimit: 1 } });
    await startWorkers(DOMAIN_WORKERS);
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tia Swipe' });
    otherTech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Otto Other' });
    manager = await createUser(app, 'manager', { shopSlug: 'london', name: 'Mona Manager' });
    customer = await createUser(app, 'customer', { name: 'Cara Customer' });
  });
  afterAll(async () => {
    await stopQueue();
    await app?.close();
  });

  const post = (path: string, who: TestUser, json: unknown) =>
    app.request(path, { method: 'POST', headers: { cookie: who.cookie }, json });
  const move = async (orderId: string, who: TestUser, body: Record<string, unknown>) => {
    const res = await post(`/api/staff/orders/${orderId}/status`, who, body);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Moved;
  };
  const undo = (orderId: string, who: TestUser, eventId: number) =>
    post(`/api/staff/orders/${orderId}/status/undo`, who, { eventId });
  const row = async (orderId: string) => {
    const [r] = await app.handle.db.select().from(repairOrders).where(eq(repairOrders.id, orderId));
    return r!;
  };
  /** booked by the customer, received by `tech` (intake): theirs, `received` */
  async function receivedOrder(): Promise<BookedOrder> {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const res = await post(`/api/staff/orders/${order.orderId}/intake`, tech, {
      conditionNotes: 'Screen cracked',
      accessories: [],
      passcodePolicy: 'none',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return order;
  }

  it('puts the order back where it was and moves the version on; staff see the undo, the customer no longer sees the move', async () => {
    const order = await receivedOrder();
    const before = await row(order.orderId);
    const moved = await move(order.orderId, tech, { to: 'diagnosing', expectedVersion: before.version });
    expect(moved.status).toBe('diagnosing');
    expect(moved.undo).not.toBeNull();
    expect(Date.parse(moved.undo!.until) - Date.parse(moved.statusEnteredAt)).toBe(STATUS_UNDO_WINDOW_MS);

    const res = await undo(order.orderId, tech, moved.undo!.eventId);
    expect(res.status, await res.clone().text()).toBe(200);
    const back = (await res.json()) as Moved;
    expect(back.status).toBe('received');
    expect(back.version).toBeGreaterThan(moved.version);
    const after = await row(order.orderId);
    expect(after.status).toBe('received');
    expect(after.statusEnteredAt.toISOString()).toBe(before.statusEnteredAt.toISOString());
    expect(after.version).toBe(back.version);

    // staff timeline: the move (marked undone, now internal) and the undo event
    const events = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.orderId, order.orderId));
    const original = events.find((e) => e.id === moved.undo!.eventId)!;
    expect(original.visibility).toBe('internal');
    expect((original.data as { undoneAt?: string }).undoneAt).toBeTruthy();
    const undone = events.find((e) => e.type === 'status_undone')!;
    expect(undone).toMatchObject({
      fromStatus: 'diagnosing',
      toStatus: 'received',
      actorUserId: tech.id,
      visibility: 'internal',
    });
    const audit = await app.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.type, 'order_status_undone'), eq(auditEvents.targetId, order.reference)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(tech.id);

    // the customer's view of the order has no trace of the move
    const mine = await app.request(`/api/account/repairs/${order.reference}`, {
      headers: { cookie: customer.cookie },
    });
    expect(mine.status).toBe(200);
    const text = await mine.text();
    expect(text).toContain('"toStatus":"received"');
    expect(text).not.toContain('"toStatus":"diagnosing"');
    // the customer's unread bell notice of the move is withdrawn
    const bell = await app.handle.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.orderId, order.orderId),
          sql`${notifications.data} @> '{"to":"diagnosing"}'::jsonb`,
        ),
      );
    expect(bell).toHaveLength(0);

    // the order moves on normally afterwards
    const again = await move(order.orderId, tech, { to: 'diagnosing', expectedVersion: back.version });
    expect(again.status).toBe('diagnosing');
  });

  it('refuses the undo of someone else (403) and of a move nobody made on this order (404)', async () => {
    const order = await receivedOrder();
    const moved = await move(order.orderId, tech, { to: 'diagnosing' });
    const theirs = await undo(order.orderId, manager, moved.undo!.eventId);
    expect(theirs.status).toBe(403);
    expect(((await theirs.json()) as Problem).detail).toMatch(/person who made this change/);
    const other = await undo(order.orderId, otherTech, moved.undo!.eventId);
    expect(other.status).toBe(403);
    const unknown = await undo(order.orderId, tech, moved.undo!.eventId + 100_000);
    expect(unknown.status).toBe(404);
    const bad = await post(`/api/staff/orders/${order.orderId}/status/undo`, tech, { eventId: 'x' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('eventId');
    expect((await row(order.orderId)).status).toBe('diagnosing');
  });

  it('refuses the undo after another change to the order (409 VERSION_CONFLICT with the current state)', async () => {
    const order = await receivedOrder();
    const moved = await move(order.orderId, tech, { to: 'diagnosing' });
    // a manager reassigns meanwhile: the order is written, its version moves on
    const assigned = await post(`/api/staff/orders/${order.orderId}/assign`, manager, {
      technicianId: manager.id,
    });
    expect(assigned.status).toBe(200);
    const res = await undo(order.orderId, tech, moved.undo!.eventId);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('VERSION_CONFLICT');
    expect(problem.current?.status).toBe('diagnosing');
    expect((await row(order.orderId)).status).toBe('diagnosing');
  });

  it('refuses the undo once its window has passed (409)', async () => {
    const order = await receivedOrder();
    const moved = await move(order.orderId, tech, { to: 'diagnosing' });
    // the move happened longer ago than the window
    await app.handle.db
      .update(repairOrderEvents)
      .set({ createdAt: new Date(Date.now() - STATUS_UNDO_WINDOW_MS - 1_000) })
      .where(eq(repairOrderEvents.id, moved.undo!.eventId));
    const res = await undo(order.orderId, tech, moved.undo!.eventId);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('CONFLICT');
    expect(problem.detail).toMatch(/time to undo/);
    expect((await row(order.orderId)).status).toBe('diagnosing');
  });

  it('lets exactly one of five undo requests at once through; the others are told it is undone already', async () => {
    const order = await receivedOrder();
    const moved = await move(order.orderId, tech, { to: 'diagnosing' });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => undo(order.orderId, tech, moved.undo!.eventId)),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const refused = await Promise.all(answers.filter((r) => r.status === 409).map((r) => r.json()));
    for (const p of refused as Problem[]) expect(p.detail).toMatch(/already been undone/);
    const undoneEvents = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.orderId), eq(repairOrderEvents.type, 'status_undone')));
    expect(undoneEvents).toHaveLength(1);
    expect((await row(order.orderId)).status).toBe('received');
  });

  it('holds back the status e-mail of a move for the undo window, and the undo withdraws it: it is never sent', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    // booked -> received is e-mailed to the customer
    const moved = await move(order.orderId, manager, { to: 'received' });
    const key = `status:${order.orderId}:received:${moved.statusEnteredAt}`;
    const [message] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.dedupeKey, key));
    expect(message?.status).toBe('queued');
    // its delivery job waits until the window is over
    const jobs = await app.handle.db.execute(
      sql`select start_after from pgboss.job where name = ${EMAIL_QUEUES.deliver} and singleton_key = ${message!.id}`,
    );
    const startAfter = new Date(
      (jobs as unknown as { rows: Array<{ start_after: string | Date }> }).rows[0]!.start_after,
    );
    expect(startAfter.getTime()).toBeGreaterThanOrEqual(
      Date.parse(moved.statusEnteredAt) + STATUS_UNDO_WINDOW_MS - 1000,
    );
    // the workers run (every 0.5 s): a while later the message still has not gone out
    await new Promise((r) => setTimeout(r, 1500));
    const [waiting] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.id, message!.id));
    expect(waiting!.status).toBe('queued');

    const res = await undo(order.orderId, manager, moved.undo!.eventId);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as Moved).receivedAt).toBeNull();
    const [withdrawn] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.id, message!.id));
    expect(withdrawn!.status).toBe('cancelled');
    // when its job comes due, the delivery does not send it
    expect(await deliverMessage(app.handle.db, message!.id, { finalAttempt: true })).toBe('skipped');
    const [still] = await app.handle.db.select().from(emailMessages).where(eq(emailMessages.id, message!.id));
    expect(still!.status).toBe('cancelled');
    expect(still!.sentAt).toBeNull();
    expect((await row(order.orderId)).status).toBe('booked');
  });

  it('lets a technician give back a job they took (the undo of "take it"), and nobody else\'s', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const v1 = (await row(order.orderId)).version;
    const took = await post(`/api/staff/orders/${order.orderId}/assign`, tech, {
      technicianId: tech.id,
      expectedVersion: v1,
    });
    expect(took.status).toBe(200);
    const taken = (await took.json()) as Moved;
    expect(taken.assignedTechnicianId).toBe(tech.id);
    // another technician may not unassign it
    const notTheirs = await post(`/api/staff/orders/${order.orderId}/assign`, otherTech, {
      technicianId: null,
    });
    expect(notTheirs.status).toBe(403);
    const back = await post(`/api/staff/orders/${order.orderId}/assign`, tech, {
      technicianId: null,
      expectedVersion: taken.version,
    });
    expect(back.status, await back.clone().text()).toBe(200);
    expect(((await back.json()) as Moved).assignedTechnicianId).toBeNull();
    expect((await row(order.orderId)).assignedTechnicianId).toBeNull();
  });
});
