import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { auditEvents } from '@/server/db/schema';
import { auditRangeEnd, auditRangeStart, type AuditEventView, type AuditFilter } from '../schemas';
import { containsPattern } from '@/server/db/like';

/** Rows one CSV export may hold at most (newest first). */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

function whereOf(filter: AuditFilter, before?: number): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.type?.length) conditions.push(inArray(auditEvents.type, filter.type));
  if (filter.actor) {
    conditions.push(
      or(
        eq(auditEvents.actorUserId, filter.actor),
        ilike(auditEvents.actorEmail, containsPattern(filter.actor)),
      )!,
    );
  }
  if (filter.q) {
    const like = containsPattern(filter.q);
    conditions.push(
      or(
        ilike(auditEvents.targetId, like),
        ilike(auditEvents.actorEmail, like),
        ilike(auditEvents.type, like),
        sql`${auditEvents.details}::text ilike ${like}`,
      )!,
    );
  }
  if (filter.from) conditions.push(gte(auditEvents.occurredAt, auditRangeStart(filter.from)));
  if (filter.to) conditions.push(lt(auditEvents.occurredAt, auditRangeEnd(filter.to)));
  if (before) conditions.push(lt(auditEvents.id, before));
  return conditions.length ? and(...conditions) : undefined;
}

function toView(r: typeof auditEvents.$inferSelect): AuditEventView {
  return {
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    type: r.type,
    actorUserId: r.actorUserId,
    actorEmail: r.actorEmail,
    actorRole: r.actorRole,
    targetType: r.targetType,
    targetId: r.targetId,
    ip: r.ip,
    userAgent: r.userAgent,
    details: r.details,
  };
}

/** Newest first; `nextCursor` is the `before` of the next page (null on the last one). */
export async function listAuditEvents(
  db: Db,
  query: AuditFilter & { before?: number; limit: number },
): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(whereOf(query, query.before))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(toView);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function exportAuditEvents(db: Db, filter: AuditFilter): Promise<AuditEventView[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(whereOf(filter))
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_EXPORT_MAX_ROWS);
  return rows.map(toView);
}
