/**
 * Stores a validated batch of tracker events (POST /api/analytics/events) in one insert: all or
 * nothing. The account comes from the session (never from the body); nothing about the request
 * itself (address, user agent) is kept. A path under /shops/<slug> of a known shop names the
 * event's shop.
 */
import { and, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import { analyticsEvents, shops } from '@/server/db/schema';
import type { AnalyticsEventInput } from '../events-schema';

const SHOP_PATH = /^\/shops\/([a-z0-9-]{1,80})(?:\/|$)/;

function shopSlugIn(path: string | undefined): string | null {
  return path ? (SHOP_PATH.exec(path)?.[1] ?? null) : null;
}

export async function recordEvents(
  db: Db,
  events: AnalyticsEventInput[],
  { userId, now = new Date() }: { userId: string | null; now?: Date },
): Promise<number> {
  if (events.length === 0) return 0;
  const named = [...new Set(events.map((e) => shopSlugIn(e.path)).filter((s): s is string => !!s))];
  const known = new Set(
    named.length
      ? (await db.select({ slug: shops.slug }).from(shops).where(inArray(shops.slug, named))).map(
          (s) => s.slug,
        )
      : [],
  );
  const rows = events.map((e) => {
    const at = new Date(e.occurredAt);
    const slug = shopSlugIn(e.path);
    return {
      name: e.name,
      visitId: e.visitId,
      userId,
      path: e.path ?? null,
      shopSlug: slug && known.has(slug) ? slug : null,
      props: (e.props ?? {}) as Record<string, string | null>,
      // a clock ahead of ours: the event happened now, not in the future
      occurredAt: at > now ? now : at,
      receivedAt: now,
    };
  });
  await db.insert(analyticsEvents).values(rows);
  return rows.length;
}

/**
 * Deletes events older than `days` days, `batchSize` rows at a time (short transactions, no long
 * lock on a busy table). Returns how many were deleted.
 */
export async function purgeOldEvents(
  db: Db,
  days: number,
  { now = new Date(), batchSize = 5000 }: { now?: Date; batchSize?: number } = {},
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  let total = 0;
  for (;;) {
    const batch = db
      .select({ id: analyticsEvents.id })
      .from(analyticsEvents)
      .where(lt(analyticsEvents.occurredAt, cutoff))
      .limit(batchSize);
    const deleted = await db
      .delete(analyticsEvents)
      .where(and(inArray(analyticsEvents.id, batch), lt(analyticsEvents.occurredAt, cutoff)))
      .returning({ id: analyticsEvents.id });
    total += deleted.length;
    if (deleted.length < batchSize) return total;
  }
}

/** How many events are stored (tests and the admin's curiosity). */
export async function countEvents(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(analyticsEvents);
  return row?.n ?? 0;
}
