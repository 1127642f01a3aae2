/**
 * Issue 18 (bookings throughput): the staff's new-booking notice is carried out after the
 * booking commits, from an outbox event the booking's own statement writes, not inside the
 * booking's transaction. It must not be lossy: the event commits with the booking, waits when
 * nothing flushes it here (a web process with RUN_JOBS=false), and a failed try is undone and
 * tried again, never dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { notifications, outboxEvents } from '@/server/db/schema';
import { startQueue, startWorkers, stopQueue } from '@/server/queue';
import { DOMAIN_WORKERS } from '@/server/entry/workers';
import { OUTBOX_BATCH, OUTBOX_QUEUE, drainOutbox, processOutbox } from '@/server/outbox';
import { onBookingCreated } from '@/features/booking/server';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';

describe.each(BACKENDS)('the new-booking notice goes through the outbox on $name', (backend) => {
  let app: TestApp;
  let manager: TestUser;
  let north: TestUser;
  /** how many more tries of the booking-created event fail (after the staff notice was written) */
  let failuresLeft = 0;

  beforeAll(async () => {
    app = await startApp(backend);
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    north = await createUser(app, 'manager', { shopSlug: 'manchester' });
    onBookingCreated(() => {
      if (failuresLeft > 0) {
        failuresLeft--;
        return Promise.reject(new Error('a handler failed'));
      }
      return Promise.resolve();
    });
  });
  afterAll(async () => {
    await stopQueue();
    await app.close();
  });

  const bell = async (orderId: string) =>
    (
      await app.handle.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.orderId, orderId), eq(notifications.type, 'booked')))
    ).map((n) => n.userId);
  const events = (orderId: string) =>
    app.handle.db
      .select()
      .from(outboxEvents)
      .where(sql`${outboxEvents.payload}->>'orderId' = ${orderId}`);

  it('commits the event with the booking; with no one flushing here it waits, then becomes the notice once', async () => {
    // a web process that leaves the jobs to `npm run worker` (RUN_JOBS=false)
    await startQueue({ handle: app.handle, work: false });
    await startWorkers(DOMAIN_WORKERS);
    const order = await bookOrder(app, { shop: 'london' });
    const [event] = await events(order.orderId);
    expect(event).toMatchObject({
      topic: 'booking-created',
      attempts: 0,
      payload: {
        orderId: order.orderId,
        reference: order.reference,
        shopSlug: 'london',
        serviceType: 'drop_off',
      },
    });
    expect(await bell(order.orderId)).toEqual([]);
    // the worker processes were told to flush
    const jobs = await app.handle.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${OUTBOX_QUEUE} and state = 'created'`,
    );
    expect((jobs as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(1);
    // another shop's booking waits with it
    const other = await bookOrder(app, { shop: 'manchester' });
    expect(await events(other.orderId)).toHaveLength(1);
    await stopQueue();

    // a worker's flush, both events in one batch (twice: the second finds nothing left): each
    // shop's manager hears of their shop's booking only
    await drainOutbox(app.handle.db);
    await drainOutbox(app.handle.db);
    expect(await bell(order.orderId)).toEqual([manager.id]);
    expect(await bell(other.orderId)).toEqual([north.id]);
    expect(await events(order.orderId)).toEqual([]);
    expect(await events(other.orderId)).toEqual([]);
  });

  it('undoes a failed try (the notice too) and tries again later, until it is done', async () => {
    failuresLeft = 2; // the batch's try and the event's own retry
    const order = await bookOrder(app, { shop: 'london' });
    await drainOutbox(app.handle.db);
    expect(await bell(order.orderId)).toEqual([]);
    const [event] = await events(order.orderId);
    expect(event).toMatchObject({ attempts: 1, lastError: 'a handler failed' });
    expect(event!.runAfter.getTime()).toBeGreaterThan(Date.now());

    // its time comes
    expect(await processOutbox(app.handle.db, OUTBOX_BATCH, new Date(Date.now() + 60_000))).toBe(1);
    expect(await bell(order.orderId)).toEqual([manager.id]);
    expect(await events(order.orderId)).toEqual([]);
  });
});
