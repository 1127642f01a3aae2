import { and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { securityEvents } from '@/server/db/schema';
import type { SecurityEventQuery, SecurityEventView } from '../schemas';
import { containsPattern } from '@/server/db/like';

/** The security monitor's sign-in events, newest first, with the factors behind each score. */
export async function listSecurityEvents(
  db: Db,
  query: SecurityEventQuery,
): Promise<{ items: SecurityEventView[]; nextCursor: number | null }> {
  const conditions: SQL[] = [];
  if (query.q) {
    const like = containsPattern(query.q);
    conditions.push(
      or(
        eq(securityEvents.userId, query.q),
        ilike(securityEvents.email, like),
        ilike(securityEvents.ip, like),
      )!,
    );
  }
  if (query.decision) conditions.push(eq(securityEvents.decision, query.decision));
  if (query.minScore !== undefined) conditions.push(gte(securityEvents.score, query.minScore));
  if (query.before) conditions.push(lt(securityEvents.id, query.before));
  const rows = await db
    .select()
    .from(securityEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(securityEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      userId: r.userId,
      email: r.email,
      ip: r.ip,
      ipPrefix: r.ipPrefix,
      userAgent: r.userAgent,
      score: r.score,
      factors: r.factors,
      decision: r.decision as SecurityEventView['decision'],
      outcome: r.outcome,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
