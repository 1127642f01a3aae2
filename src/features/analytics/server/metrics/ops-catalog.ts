/**
 * What the workshop repairs and uses: the most-repaired models (orders received in the range)
 * and the parts used (orders collected in the range). Definitions: docs/analytics-operations.md.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import { at, compareWindow, num, rate, rowsOf, shopFilter } from './ops-shared';

/** How many models the table lists (the cards count them all). */
export const TOP_MODELS_LIMIT = 10;

function receivedOrders(scope: AnalyticsScope, from: Date, to: Date): SQL {
  return sql`
    select ro.id, b.model_slug
    from repair_orders ro join bookings b on b.id = ro.booking_id
    where ro.received_at >= ${at(from)} and ro.received_at < ${at(to)}
      and ro.status <> 'cancelled'
      and ${shopFilter(sql`ro.shop_slug`, scope)}`;
}

async function receivedTotals(db: Db, scope: AnalyticsScope, from: Date, to: Date) {
  const [row] = await rowsOf<Record<string, unknown>>(
    db,
    sql`select count(*)::int as orders, count(distinct o.model_slug)::int as models
      from (${receivedOrders(scope, from, to)}) o`,
  );
  return { orders: num(row?.orders) ?? 0, models: num(row?.models) ?? 0 };
}

export async function topModels(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('topModels', scope);
  const cmp = compareWindow(scope);
  const [now, before, rows] = await Promise.all([
    receivedTotals(db, scope, scope.from, scope.to),
    cmp ? receivedTotals(db, scope, cmp.from, cmp.to) : null,
    rowsOf<Record<string, unknown>>(
      db,
      sql`select o.model_slug as slug, coalesce(dm.name, o.model_slug) as model, br.name as brand,
          count(*)::int as orders
        from (${receivedOrders(scope, scope.from, scope.to)}) o
        left join device_models dm on dm.slug = o.model_slug
        left join brands br on br.slug = dm.brand_slug
        group by o.model_slug, dm.name, br.name
        order by count(*) desc, 2
        limit ${TOP_MODELS_LIMIT}`,
    ),
  ]);
  result.cards = [
    card('orders', 'count', now.orders, before?.orders ?? null),
    card('models', 'count', now.models, before?.models ?? null),
  ];
  result.table = {
    columns: [
      { key: 'model', unit: 'text' },
      { key: 'brand', unit: 'text' },
      { key: 'orders', unit: 'count' },
      { key: 'share', unit: 'percent' },
    ],
    rows: rows.map((r) => ({
      model: String(r.model),
      brand: r.brand === null || r.brand === undefined ? null : String(r.brand),
      orders: num(r.orders) ?? 0,
      share: rate(num(r.orders) ?? 0, now.orders),
    })),
  };
  result.chart = { kind: 'bar', x: 'model', series: ['orders'] };
  return result;
}

/**
 * Parts on orders collected in [from, to): `part` lines by description (cost = the line's
 * total: parts are priced at cost), and the parts share of booked repair lines by repair type
 * (cost = `parts_minor`).
 */
function partRows(scope: AnalyticsScope, from: Date, to: Date): SQL {
  const collected = sql`ro.collected_at >= ${at(from)} and ro.collected_at < ${at(to)}
    and ${shopFilter(sql`ro.shop_slug`, scope)}`;
  return sql`
    select 'part' as source, l.description as item,
      sum(l.quantity)::float8 as quantity, sum(l.total_minor)::float8 as cost
    from repair_order_lines l join repair_orders ro on ro.id = l.order_id
    where l.kind = 'part' and ${collected}
    group by l.description
    union all
    select 'repair' as source, coalesce(rt.name, l.repair_slug, l.description) as item,
      sum(l.quantity)::float8 as quantity, sum(l.parts_minor)::float8 as cost
    from repair_order_lines l join repair_orders ro on ro.id = l.order_id
    left join repair_types rt on rt.slug = l.repair_slug
    where l.kind = 'repair' and l.parts_minor > 0 and ${collected}
    group by coalesce(rt.name, l.repair_slug, l.description)`;
}

async function partsCost(db: Db, scope: AnalyticsScope, from: Date, to: Date): Promise<number> {
  const [row] = await rowsOf<{ cost: unknown }>(
    db,
    sql`select coalesce(sum(p.cost), 0)::float8 as cost from (${partRows(scope, from, to)}) p`,
  );
  return num(row?.cost) ?? 0;
}

export async function partsUsed(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('partsUsed', scope);
  const cmp = compareWindow(scope);
  const [rows, before] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      db,
      sql`select * from (${partRows(scope, scope.from, scope.to)}) p order by p.cost desc, p.source, p.item`,
    ),
    cmp ? partsCost(db, scope, cmp.from, cmp.to) : null,
  ]);
  const table = rows.map((r) => ({
    source: String(r.source),
    item: String(r.item),
    quantity: num(r.quantity) ?? 0,
    cost: num(r.cost) ?? 0,
  }));
  const cost = table.reduce((n, r) => n + r.cost, 0);
  const partQuantity = table.filter((r) => r.source === 'part').reduce((n, r) => n + r.quantity, 0);
  result.cards = [card('partsCost', 'money', cost, before), card('partsFitted', 'count', partQuantity)];
  result.table = {
    columns: [
      { key: 'source', unit: 'text' },
      { key: 'item', unit: 'text' },
      { key: 'quantity', unit: 'count' },
      { key: 'cost', unit: 'money' },
    ],
    rows: table,
  };
  result.chart = { kind: 'bar', x: 'item', series: ['cost'] };
  return result;
}
