import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { session } from '@/server/db/schema';
import type { MySession } from '../schemas';

/**
 * The user's live sessions, most recently active first. Read from the table rather than
 * better-auth's GET /list-sessions: that one refuses sessions older than a day (its "fresh
 * session" rule) and hands every session's token to the browser.
 */
export async function listSessions(
  db: Db,
  userId: string,
  currentSessionId: string | null,
): Promise<MySession[]> {
  const rows = await db
    .select({
      id: session.id,
      userAgent: session.userAgent,
      ipAddress: session.ipAddress,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    })
    .from(session)
    .where(and(eq(session.userId, userId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.updatedAt), desc(session.createdAt))
    .limit(100);
  const items = rows.map((r) => ({
    id: r.id,
    userAgent: r.userAgent,
    ipAddress: r.ipAddress,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    current: r.id === currentSessionId,
  }));
  // this device first
  return [...items.filter((s) => s.current), ...items.filter((s) => !s.current)];
}

/** The token of one of the user's sessions (to revoke it through better-auth), or null. */
export async function sessionTokenOf(db: Db, userId: string, sessionId: string): Promise<string | null> {
  const [row] = await db
    .select({ token: session.token })
    .from(session)
    .where(and(eq(session.id, sessionId), eq(session.userId, userId)));
  return row?.token ?? null;
}
