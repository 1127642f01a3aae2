import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import { emailMessages } from '@/server/db/schema';

type MessageRow = typeof emailMessages.$inferSelect;

/**
 * The lease on a message being sent. The worker that claims a message (status `sending`) renews
 * `updated_at` every SENDING_LEASE_RENEW_MS until it writes the outcome, so a `sending` row left
 * untouched for SENDING_LEASE_MS proves its sender is gone (killed, out of memory, cut off from
 * the database): the delivery job's retry (or the sweep) may claim it again. A sender that is
 * alive and slow keeps renewing, so its message is never claimed (and sent) a second time.
 * The queue retries a dead worker's job ~20-35 s after it died (heartbeat 20 s, supervision
 * every 15 s, then the retry delay), by when the lease has lapsed; a retry that still finds it
 * live fails and is retried after its backoff.
 */
export const SENDING_LEASE_MS = 30_000;
export const SENDING_LEASE_RENEW_MS = 10_000;

export class MessageBusyError extends Error {
  constructor(readonly messageId: string) {
    super('Another worker is sending this message (its lease is live); trying again later.');
    this.name = 'MessageBusyError';
  }
}

/** The condition "a `sending` row whose lease lapsed by `now`". */
export function sendingLeaseLapsed(now: Date) {
  return and(
    eq(emailMessages.status, 'sending'),
    lt(emailMessages.updatedAt, new Date(now.getTime() - SENDING_LEASE_MS)),
  );
}

/**
 * Claims a message for sending: queued/failed, or `sending` with a lapsed lease. Returns the
 * claimed row (its `attempts` identifies this claim), null when there is nothing to send (sent,
 * cancelled, dead, gone), and throws MessageBusyError when a live sender holds it.
 */
export async function claimMessage(db: Db, messageId: string, now: Date): Promise<MessageRow | null> {
  const [row] = await db
    .update(emailMessages)
    .set({ status: 'sending', attempts: sql`${emailMessages.attempts} + 1`, updatedAt: now })
    .where(
      and(
        eq(emailMessages.id, messageId),
        or(inArray(emailMessages.status, ['queued', 'failed']), sendingLeaseLapsed(now)),
      ),
    )
    .returning();
  if (row) return row;
  const [current] = await db
    .select({ status: emailMessages.status })
    .from(emailMessages)
    .where(eq(emailMessages.id, messageId));
  if (current?.status === 'sending') throw new MessageBusyError(messageId);
  return null;
}

/**
 * Renews the lease of the claim `row` every `everyMs` until the returned stop() is called. A
 * renewal only touches the row while it is still this claim's (`sending`, same attempt).
 */
export function holdLease(
  db: Db,
  row: Pick<MessageRow, 'id' | 'attempts'>,
  everyMs = SENDING_LEASE_RENEW_MS,
) {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = db
      .update(emailMessages)
      .set({ updatedAt: new Date() })
      .where(
        and(
          eq(emailMessages.id, row.id),
          eq(emailMessages.status, 'sending'),
          eq(emailMessages.attempts, row.attempts),
        ),
      )
      .returning({ id: emailMessages.id })
      .then((renewed) => {
        // none: the outcome was written just now, or (the lease lapsed) another worker claimed it
        if (renewed.length === 0) logger.debug({ messageId: row.id }, 'e-mail sending lease not renewed');
      })
      .catch((err: unknown) => logger.warn({ err, messageId: row.id }, 'e-mail sending lease not renewed'));
  }, everyMs);
  timer.unref();
  /** stops renewing; resolves once a renewal in flight has finished */
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}
