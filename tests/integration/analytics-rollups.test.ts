/**
 * The analytics rollups of the timeline (migration 0020): `repair_order_stays` (stage times) and
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
import { purgeOldEvents } from '@/features/analytics/server/record-events';

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

/** visits per funnel step as the funnel computed them from the tracker events before the rollup */
const oldFunnel = (from: Date, to: Date, shop: string | null) => sql`
  select s.step, count(*)::int as visits from (
    select distinct e.props->>'step' as step, e.visit_id from analytics_events e
    where e.name = 'funnel_step' and e.occurred_at >= ${from.toISOString()}::timestamptz
      and e.occurred_at < ${to.toISOString()}::timestamptz
      and (${shop}::text is null or e.shop_slug = ${shop})
  ) s group by 1 order by 1`;
/** the first event of each (visit, step), from the events themselves */
const FIRSTS = sql`
  select distinct on (e.visit_id, e.props->>'step') e.visit_id, e.props->>'step' as step, e.shop_slug,
    e.occurred_at::text as first_at
  from analytics_events e where e.name = 'funnel_step'
  order by e.visit_id, e.props->>'step', e.occurred_at, e.id`;
const FUNNEL_ROLLUP = sql`
  select visit_id, step, shop_slug, first_at::text as first_at from analytics_funnel_visits order by visit_id, step`;

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
    const oldReady = await rowsOf<{ ready_at: string | null }>(db, OLD_READY);
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

  it('the funnel rollup equals the tracker events on the fixed history, and follows ingestion and retention', async () => {
    // the fixed history (analytics-ops-funnel.ts): no visit reaches a step both before and in the
    // range, nor with two shops, so the first-event definition gives the old counts exactly
    expect(await rowsOf(db, FUNNEL_ROLLUP)).toEqual(await rowsOf(db, FIRSTS));
    const scope = scopeFor();
    for (const shop of [null, 'london']) {
      const r = await METRICS.funnel(db, { ...scope, shopSlugs: shop ? [shop] : null });
      const old = await rowsOf<{ step: string; visits: number }>(db, oldFunnel(scope.from, scope.to, shop));
      const counted = r.table.rows.filter((row) => (row.visits as number) > 0);
      expect(counted.map((row) => [row.step, row.visits]).sort()).toEqual(
        old.map((o) => [o.step, o.visits]).sort(),
      );
    }

    // through the ingestion API
    const now = Date.now();
    const live = {
      ...scopeFor({ compare: 'none' }),
      from: new Date(now - 3_600_000),
      to: new Date(now + 60_000),
    };
    const visitsAt = async (step: string) =>
      (await METRICS.funnel(db, live)).table.rows.find((row) => row.step === step)!.visits as number;
    expect(await visitsAt('start')).toBe(0);
    const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    const visitId = `rollup-${now}`;
    const res = await app.request('/api/analytics/events', {
      method: 'POST',
      json: {
        events: [
          {
            name: 'funnel_step',
            visitId,
            path: '/book-repair',
            occurredAt: ago(10),
            props: { step: 'start' },
          },
          {
            name: 'funnel_step',
            visitId,
            path: '/book-repair',
            occurredAt: ago(9),
            props: { step: 'device' },
          },
          {
            name: 'funnel_step',
            visitId,
            path: '/book-repair',
            occurredAt: ago(8),
            props: { step: 'start' },
          },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await visitsAt('start')).toBe(1);
    expect(await visitsAt('device')).toBe(1);
    expect(await rowsOf(db, FUNNEL_ROLLUP)).toEqual(await rowsOf(db, FIRSTS));

    // the retention job deletes the two oldest: the visit's start now begins at its later event
    const purged = await purgeOldEvents(db, 0, { now: new Date(now - 8.5 * 60_000) });
    expect(purged).toBeGreaterThanOrEqual(2);
    expect(await visitsAt('start')).toBe(1);
    expect(await visitsAt('device')).toBe(0);
    const [first] = await rowsOf<{ first_at: string }>(
      db,
      sql`select first_at::text as first_at from analytics_funnel_visits where visit_id = ${visitId}`,
    );
    const [kept] = await rowsOf<{ at: string }>(
      db,
      sql`select occurred_at::text as at from analytics_events where visit_id = ${visitId}`,
    );
    expect(first!.first_at).toBe(kept!.at);
    expect(await rowsOf(db, FUNNEL_ROLLUP)).toEqual(await rowsOf(db, FIRSTS));
  });
});
