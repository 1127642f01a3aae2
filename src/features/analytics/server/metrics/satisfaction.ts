/** satisfaction: the customers' post-collection ratings (repair_ratings) for the scope. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { card, resultFor } from './result';
import { collectedIn, inShops, num, rowsOf, ts } from './money-sql';

/** how many of the latest comments the table lists */
export const LATEST_COMMENTS = 10;

interface Figures {
  count: number;
  average: number | null;
  responseRate: number | null;
  byScore: Map<number, number>;
}

async function figures(db: Db, from: Date, to: Date, shops: string[] | null): Promise<Figures> {
  const [scores, [response]] = await Promise.all([
    rowsOf<{ score: number; n: string }>(
      db,
      sql`SELECT rr.score, count(*) AS n FROM repair_ratings rr JOIN repair_orders o ON o.id = rr.order_id
        WHERE rr.created_at >= ${ts(from)} AND rr.created_at < ${ts(to)} AND ${inShops(sql`o.shop_slug`, shops)}
        GROUP BY rr.score`,
    ),
    rowsOf<{ collected: string; rated: string }>(
      db,
      sql`SELECT count(*) AS collected, count(rr.id) AS rated
        FROM repair_orders o LEFT JOIN repair_ratings rr ON rr.order_id = o.id
        WHERE ${collectedIn(from, to, shops)}`,
    ),
  ]);
  const byScore = new Map(scores.map((s) => [Number(s.score), num(s.n)]));
  const count = [...byScore.values()].reduce((a, b) => a + b, 0);
  const sum = [...byScore.entries()].reduce((a, [score, n]) => a + score * n, 0);
  const collected = num(response?.collected);
  return {
    count,
    average: count > 0 ? sum / count : null,
    responseRate: collected > 0 ? num(response?.rated) / collected : null,
    byScore,
  };
}

export async function satisfaction(db: Db, scope: AnalyticsScope): Promise<MetricResult> {
  const result = resultFor('satisfaction', scope);
  const [now, comments] = await Promise.all([
    figures(db, scope.from, scope.to, scope.shopSlugs),
    rowsOf<{ score: number; comment: string; date: string; reference: string }>(
      db,
      sql`SELECT rr.score, rr.comment, o.reference,
          to_char(rr.created_at AT TIME ZONE ${scope.timeZone}::text, 'YYYY-MM-DD') AS date
        FROM repair_ratings rr JOIN repair_orders o ON o.id = rr.order_id
        WHERE rr.created_at >= ${ts(scope.from)} AND rr.created_at < ${ts(scope.to)}
          AND ${inShops(sql`o.shop_slug`, scope.shopSlugs)}
          AND rr.comment IS NOT NULL AND btrim(rr.comment) <> ''
        ORDER BY rr.created_at DESC, rr.id LIMIT ${LATEST_COMMENTS}`,
    ),
  ]);
  const before =
    scope.compareFrom && scope.compareTo
      ? await figures(db, scope.compareFrom, scope.compareTo, scope.shopSlugs)
      : null;
  result.cards = [
    card('average', 'rating', now.average, before ? before.average : null),
    card('ratings', 'count', now.count, before ? before.count : null),
    card('responseRate', 'percent', now.responseRate, before ? before.responseRate : null),
  ];
  // one table: the distribution (kind "score", 5 to 1), then the latest comments (kind "comment")
  result.table = {
    columns: [
      { key: 'kind', unit: 'text' },
      { key: 'score', unit: 'rating' },
      { key: 'count', unit: 'count' },
      { key: 'share', unit: 'percent' },
      { key: 'comment', unit: 'text' },
      { key: 'date', unit: 'date' },
      { key: 'reference', unit: 'text' },
    ],
    rows: [
      ...[5, 4, 3, 2, 1].map((score) => {
        const n = now.byScore.get(score) ?? 0;
        return {
          kind: 'score',
          score,
          count: n,
          share: now.count > 0 ? n / now.count : null,
          comment: null,
          date: null,
          reference: null,
        };
      }),
      ...comments.map((c) => ({
        kind: 'comment',
        score: Number(c.score),
        count: null,
        share: null,
        comment: c.comment,
        date: c.date,
        reference: c.reference,
      })),
    ],
  };
  result.chart = { kind: 'bar', x: 'score', series: ['count'] };
  if (now.count === 0) result.notes.push('noRatings');
  return result;
}
