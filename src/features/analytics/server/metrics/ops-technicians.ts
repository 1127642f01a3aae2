/**
 * Technician throughput: per assigned technician, the orders collected in the range, orders per
 * week, median turnaround (received to first ready) and first-time-fix rate. Definitions:
 * docs/analytics-operations.md.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import {
  at,
  compareWindow,
  firstReady,
  daysIn,
  hoursBetween,
  medianOf,
  num,
  rate,
  round,
  rowsOf,
  shopFilter,
} from './ops-shared';

interface TechnicianRow {
  id: string;
  name: string;
  orders: number;
  medianHours: number | null;
  /** orders whose return can be judged (a warranty end is set) */
  judged: number;
  /** of those, the ones that did not come back within the warranty */
  fixed: number;
  /** some warranty is still running at `now`: the rate may yet fall */
  warrantyOpen: boolean;
}

/**
 * The same device came back when a later, not cancelled order was made after this one's
 * collection and up to its warranty end: same IMEI/serial when both orders have one, else the
 * same customer (account, else e-mail, else phone) with the same model.
 */
async function technicianRows(db: Db, scope: AnalyticsScope, from: Date, to: Date): Promise<TechnicianRow[]> {
  const customer = (b: string) =>
    sql.raw(`coalesce(${b}.user_id, lower(${b}.customer_email), ${b}.customer_phone)`);
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`with o as (
        select ro.id, ro.assigned_technician_id as tech, ro.received_at, ro.collected_at,
          ro.warranty_ends_at, ro.imei_serial, ro.booking_id, ${firstReady(to)} as ready_at
        from repair_orders ro
        where ro.collected_at >= ${at(from)} and ro.collected_at < ${at(to)}
          and ro.assigned_technician_id is not null
          and ${shopFilter(sql`ro.shop_slug`, scope)}
      ),
      -- the returns as equality joins (hash joins, or the IMEI index) instead of one EXISTS per
      -- order whose CASE condition no index or hash can serve (quadratic: it did not finish at the
      -- demo x10). First "both have an IMEI"; then "same model and customer" split by which side
      -- has no IMEI, so each branch starts from the few orders without one (a join on the
      -- model + customer of every order sorted ~22,000 text keys: half the metric's time).
      back as (
        select o.id from o join repair_orders r on r.imei_serial = o.imei_serial
        where r.id <> o.id and r.status <> 'cancelled'
          and r.created_at > o.collected_at and r.created_at <= o.warranty_ends_at
        union
        select o.id from o
          join bookings ob on ob.id = o.booking_id
          join bookings rb on rb.model_slug = ob.model_slug and ${customer('rb')} = ${customer('ob')}
          join repair_orders r on r.booking_id = rb.id
        where o.imei_serial is null
          and r.id <> o.id and r.status <> 'cancelled'
          and r.created_at > o.collected_at and r.created_at <= o.warranty_ends_at
        union
        select o.id from repair_orders r
          join bookings rb on rb.id = r.booking_id
          join bookings ob on ob.model_slug = rb.model_slug and ${customer('ob')} = ${customer('rb')}
          join o on o.booking_id = ob.id
        where r.imei_serial is null
          and r.id <> o.id and r.status <> 'cancelled'
          and r.created_at > o.collected_at and r.created_at <= o.warranty_ends_at
      ),
      f as (
        select o.*, o.id in (select id from back) as returned
        from o
      )
      select f.tech as id, u.name, count(*)::int as orders,
        ${medianOf(hoursBetween(sql`f.received_at`, sql`f.ready_at`))} as median,
        (count(*) filter (where f.warranty_ends_at is not null))::int as judged,
        (count(*) filter (where f.warranty_ends_at is not null and not f.returned))::int as fixed,
        coalesce(bool_or(f.warranty_ends_at > ${at(scope.now)}), false) as warranty_open
      from f join "user" u on u.id = f.tech
      group by f.tech, u.name
      order by count(*) desc, u.name`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    orders: num(r.orders) ?? 0,
    medianHours: round(num(r.median)),
    judged: num(r.judged) ?? 0,
    fixed: num(r.fixed) ?? 0,
    warrantyOpen: r.warranty_open === true || r.warranty_open === 't',
  }));
}

const totals = (rows: TechnicianRow[]) => {
  const orders = rows.reduce((n, r) => n + r.orders, 0);
  const judged = rows.reduce((n, r) => n + r.judged, 0);
  const fixed = rows.reduce((n, r) => n + r.fixed, 0);
  return { orders, fixRate: rate(fixed, judged) };
};

export async function technicians(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('technicians', scope);
  const cmp = compareWindow(scope);
  const [rows, before] = await Promise.all([
    technicianRows(db, scope, scope.from, scope.to),
    cmp ? technicianRows(db, scope, cmp.from, cmp.to) : null,
  ]);
  const weeks = daysIn(scope.rangeFrom, scope.rangeTo) / 7;
  const now = totals(rows);
  const prev = before ? totals(before) : null;
  result.cards = [
    card('orders', 'count', now.orders, prev?.orders ?? null),
    card('firstTimeFixRate', 'percent', now.fixRate, prev?.fixRate ?? null),
  ];
  result.table = {
    columns: [
      { key: 'technician', unit: 'text' },
      { key: 'orders', unit: 'count' },
      { key: 'perWeek', unit: 'count' },
      { key: 'medianHours', unit: 'hours' },
      { key: 'firstTimeFixRate', unit: 'percent' },
    ],
    rows: rows.map((r) => ({
      technician: r.name,
      orders: r.orders,
      perWeek: round(r.orders / weeks),
      medianHours: r.medianHours,
      firstTimeFixRate: rate(r.fixed, r.judged),
    })),
  };
  result.chart = { kind: 'bar', x: 'technician', series: ['orders'] };
  if (rows.some((r) => r.warrantyOpen)) result.notes.push('operations.warrantyStillRunning');
  if (rows.some((r) => r.judged < r.orders)) result.notes.push('operations.noWarrantyNotJudged');
  return result;
}
