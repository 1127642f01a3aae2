/**
 * The analytics rollups of the timeline (migration 0018): `repair_order_stays` (stage times) and
 * `repair_orders.ready_at` (turnaround, technicians) are kept by a trigger on
 * repair_order_events, on PGlite and PostgreSQL. They must equal what the metrics computed from
 * the timeline before (the old queries, written out here) on the fixed history inserted as
 * fixtures, after the migration's backfill, and follow status changes made through the workflow
 * (HTTP) without moving the order's version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { repairOrders } from '@/server/db/schema';
import { METRICS } from '@/features/analytics/server/registry';
import type { MetricResult } from '@/features/analytics/metrics';
import type { Db } from '@/server/db/client';
import { rowsOf } from '@/features/analytics/server/metrics/sql';
import { BACKENDS, startApp, type TestApp } from './harness';
import { scopeFor, writeOpsHistory } from './analytics-ops-history';
import { bookOrder, createUser, type TestUser } from './fixtures';

/** the stays as the stage-times metric computed them from the timeline before the rollup */
const OLD_STAYS = sql`
  select ev.id::text as event_id, ev.status, ro.shop_slug,
    (extract(epoch from (ev.left_at - coalesce(ev.prev_at, ro.created_at))) / 3600.0)::float8 as hours
  from (
    select e.id, e.order_id, e.created_at as left_at,
      coalesce(lag(e.to_status) over w, e.from_status, 'booked') as status,
      lag(e.created_at) over w as prev_at
    from repair_order_events e where e.type = 'status_changed'
    window w as (partition by e.order_id order by e.created_at, e.id)
  ) ev join repair_orders ro on ro.id = ev.order_id
  order by ev.id`;
const STAYS = sql`select s.event_id::text as event_id, s.status, s.shop_slug, s.hours from repair_order_stays s order by s.event_id`;
/** each order's first move to ready as the turnaround metric computed it before */
const OLD_READY = sql`
  select ro.id, (select min(e.created_at) from repair_order_events e
    where e.order_id = ro.id and e.type = 'status_changed' and e.to_status = 'ready_for_collection')::text as ready_at
  from repair_orders ro order by ro.id`;
const READY = sql`select id, ready_at::text as ready_at from repair_orders order by id`;

const strip = (r: MetricResult) => ({ cards: r.cards, table: r.table });

describe.each(BACKENDS)('analytics rollups on $name', (backend) => {
  let app: TestApp;
  let db: Db;

  beforeAll(async () => {
    app = await startApp(backend);
    db = app.handle.db as Db;
    await writeOpsHistory(app.handle.db);
  }, 120_000);
  afterAll(() => app.close());

  it('equal the old timeline queries on the fixed history, and the backfill gives the same numbers', async () => {
    const oldStays = await rowsOf(db, OLD_STAYS);
    expect(oldStays.length).toBeGreaterThan(10);
    expect(await rowsOf(db, STAYS)).toEqual(oldStays);
    const oldReady = await rowsOf(db, OLD_READY);
    expect(oldReady.filter((r) => r.ready_at !== null).length).toBeGreaterThan(3);
    expect(await rowsOf(db, READY)).toEqual(oldReady);

    const scope = scopeFor();
    const before = await Promise.all([METRICS.stageTimes(db, scope), METRICS.turnaround(db, scope)]);
    // wipe the rollups and run the migration's backfill statement
    await db.execute(sql`delete from repair_order_stays`);
    await db.execute(sql`update repair_orders set ready_at = null`);
    expect(await rowsOf(db, STAYS)).toEqual([]);
    await db.execute(
      sql`select analytics_refresh_order_rollups(coalesce(array_agg(id), '{}')) from repair_orders`,
    );
    expect(await rowsOf(db, STAYS)).toEqual(oldStays);
    expect(await rowsOf(db, READY)).toEqual(oldReady);
    const after = await Promise.all([METRICS.stageTimes(db, scope), METRICS.turnaround(db, scope)]);
    expect(after.map(strip)).toEqual(before.map(strip));
  });

  it('follow status changes made through the workflow, without moving the order version', async () => {
    const tech: TestUser = await createUser(app, 'technician', { shopSlug: 'london', name: 'Rolf Rollup' });
    const customer: TestUser = await createUser(app, 'customer', { name: 'Rita Rollup' });
    const order = await bookOrder(app, { cookie: customer.cookie });
    const post = (path: string, json: unknown) =>
      app.request(path, { method: 'POST', headers: { cookie: tech.cookie }, json });
    const intake = await post(`/api/staff/orders/${order.orderId}/intake`, {
      conditionNotes: 'Screen cracked',
      accessories: [],
      passcodePolicy: 'none',
    });
    expect(intake.status, await intake.clone().text()).toBe(200);

    const now = Date.now();
    const scope = {
      ...scopeFor({ shops: ['london'], compare: 'none' }),
      from: new Date(now - 86_400_000),
      to: new Date(now + 86_400_000),
      now: new Date(now),
    };
    const staysOf = async () =>
      (await METRICS.stageTimes(db, scope)).cards.find((c) => c.key === 'stays')!.value as number;
    const collectedOf = async () =>
      (await METRICS.turnaround(db, scope)).cards.find((c) => c.key === 'orders')!.value as number;
    // the intake ended the stay in `booked`
    expect(await staysOf()).toBe(1);
    expect(await collectedOf()).toBe(0);

    const moves: Record<string, unknown>[] = [
      { to: 'diagnosing' },
      { to: 'repairing' },
      { to: 'quality_check' },
      { to: 'ready_for_collection', qcNote: 'Screen and touch tested' },
      { to: 'collected' },
    ];
    let stays = 1;
    for (const body of moves) {
      const [row] = await db.select().from(repairOrders).where(eq(repairOrders.id, order.orderId));
      const res = await post(`/api/staff/orders/${order.orderId}/status`, {
        ...body,
        expectedVersion: row!.version,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const moved = (await res.json()) as { version: number };
      const [now] = await db.select().from(repairOrders).where(eq(repairOrders.id, order.orderId));
      // the trigger's ready_at does not move the version the caller was given
      expect(now!.version).toBe(moved.version);
      expect(await staysOf()).toBe(++stays);
    }
    const [done] = await db.select().from(repairOrders).where(eq(repairOrders.id, order.orderId));
    const [ready] = await rowsOf<{ at: string }>(
      db,
      sql`select created_at::text as at from repair_order_events
          where order_id = ${order.orderId} and to_status = 'ready_for_collection'`,
    );
    expect(done!.readyAt).not.toBeNull();
    const [readyAt] = await rowsOf<{ at: string }>(
      db,
      sql`select ready_at::text as at from repair_orders where id = ${order.orderId}`,
    );
    expect(readyAt!.at).toBe(ready!.at);
    expect(await collectedOf()).toBe(1);
    const statuses = await rowsOf<{ status: string }>(
      db,
      sql`select status from repair_order_stays where order_id = ${order.orderId} order by left_at, event_id`,
    );
    expect(statuses.map((s) => s.status)).toEqual([
      'booked',
      'received',
      'diagnosing',
      'repairing',
      'quality_check',
      'ready_for_collection',
    ]);
    // and it all still equals the timeline
    expect(await rowsOf(db, STAYS)).toEqual(await rowsOf(db, OLD_STAYS));
    expect(await rowsOf(db, READY)).toEqual(await rowsOf(db, OLD_READY));
  });
});
