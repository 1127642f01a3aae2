/** revenueByRepair (billed work per repair type) and revenueByShop (money per shop). */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, changeOf, resultFor } from './result';
import { collectedIn, inShops, moneyByShop, moneyFigures, num, rowsOf, type MoneyFigures } from './money-sql';

interface WorkRow {
  /** the repair type's slug, or `part` / `labour` for those lines (one row each) */
  key: string;
  kind: 'repair' | 'part' | 'labour';
  name: string | null;
  count: number;
  total: number;
}

async function billedWork(db: Db, from: Date, to: Date, shops: string[] | null): Promise<WorkRow[]> {
  const rows = await rowsOf<{
    key: string;
    kind: WorkRow['kind'];
    name: string | null;
    count: string;
    total: string;
  }>(
    db,
    sql`SELECT CASE WHEN l.kind = 'repair' THEN coalesce(l.repair_slug, 'other') ELSE l.kind END AS key,
        l.kind AS kind, max(t.name) AS name, sum(l.quantity) AS count, sum(l.total_minor) AS total
      FROM repair_order_lines l JOIN repair_orders o ON o.id = l.order_id
        LEFT JOIN repair_types t ON l.kind = 'repair' AND t.slug = l.repair_slug
      WHERE ${collectedIn(from, to, shops)}
      GROUP BY 1, 2`,
  );
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    name: r.name,
    count: num(r.count),
    total: num(r.total),
  }));
}

export async function revenueByRepair(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('revenueByRepair', scope);
  const now = await billedWork(db, scope.from, scope.to, scope.shopSlugs);
  const before =
    scope.compareFrom && scope.compareTo
      ? await billedWork(db, scope.compareFrom, scope.compareTo, scope.shopSlugs)
      : null;
  const total = now.reduce((s, r) => s + r.total, 0);
  const prevTotal = before ? before.reduce((s, r) => s + r.total, 0) : null;
  const prevOf = new Map((before ?? []).map((r) => [`${r.kind}:${r.key}`, r.total]));
  result.cards = [card('billed', 'money', total, prevTotal)];
  result.table = {
    columns: [
      { key: 'repair', unit: 'text' },
      { key: 'kind', unit: 'text' },
      { key: 'count', unit: 'count' },
      { key: 'total', unit: 'money' },
      { key: 'share', unit: 'percent' },
      { key: 'previousTotal', unit: 'money' },
      { key: 'growth', unit: 'percent' },
    ],
    rows: [...now]
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key))
      .map((r) => {
        const previous = before ? (prevOf.get(`${r.kind}:${r.key}`) ?? 0) : null;
        return {
          repair: r.name ?? r.key,
          kind: r.kind,
          count: r.count,
          total: r.total,
          share: total > 0 ? r.total / total : null,
          previousTotal: previous,
          growth: changeOf(r.total, previous),
        };
      }),
  };
  result.chart = { kind: 'bar', x: 'repair', series: ['total'] };
  return result;
}

export async function revenueByShop(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('revenueByShop', scope);
  const [money, shopRows] = await Promise.all([
    moneyByShop(db, scope.from, scope.to, scope.shopSlugs),
    rowsOf<{ slug: string; name: string }>(
      db,
      sql`SELECT slug, name FROM shops WHERE ${inShops(sql`slug`, scope.shopSlugs)} ORDER BY name`,
    ),
  ]);
  const bySlug = new Map(money.map((m) => [m.shop, m]));
  const empty = moneyFigures(0, 0, 0);
  // every shop in scope (zeros included), then orders without a shop when any money moved on them
  const rows: Array<{ name: string | null; figures: MoneyFigures }> = shopRows.map((s) => ({
    name: s.name,
    figures: bySlug.get(s.slug) ?? empty,
  }));
  const noShop = bySlug.get(null);
  if (noShop) rows.push({ name: null, figures: noShop });
  const all = money.reduce(
    (acc, m) => ({ moneyIn: acc.moneyIn + m.moneyIn, refunds: acc.refunds + m.refunds }),
    { moneyIn: 0, refunds: 0 },
  );
  result.cards = [card('shops', 'count', shopRows.length), card('net', 'money', all.moneyIn - all.refunds)];
  result.table = {
    columns: [
      { key: 'shop', unit: 'text' },
      { key: 'moneyIn', unit: 'money' },
      { key: 'refunds', unit: 'money' },
      { key: 'net', unit: 'money' },
      { key: 'orders', unit: 'count' },
      { key: 'averageOrderValue', unit: 'money' },
    ],
    rows: rows.map(({ name, figures: f }) => ({
      shop: name,
      moneyIn: f.moneyIn,
      refunds: f.refunds,
      net: f.net,
      orders: f.ordersPaid,
      averageOrderValue: f.averageOrderValue,
    })),
  };
  if (noShop) result.notes.push('noShopRow');
  result.chart = { kind: 'bar', x: 'shop', series: ['net'] };
  return result;
}
