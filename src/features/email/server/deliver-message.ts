import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import { loadSmtpConfig } from './load-smtp-config';
import { awaitsRendering, renderStored } from './deferred-render';
import { createSmtpTransport, describeSmtpError, fromHeader, type SmtpConfig } from './smtp-transport';
import { claimMessage, holdLease, MessageBusyError, SENDING_LEASE_RENEW_MS } from './sending-lease';

type MessageRow = typeof emailMessages.$inferSelect;

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Sends one stored message through SMTP; returns the server's message id and answer. */
export async function sendThroughSmtp(
  cfg: SmtpConfig,
  row: Pick<MessageRow, 'toAddress' | 'subject' | 'html' | 'text' | 'attachments'>,
) {
  const transport = createSmtpTransport(cfg);
  try {
    const info = await transport.sendMail({
      from: fromHeader(cfg),
      to: row.toAddress,
      subject: row.subject,
      html: row.html,
      text: row.text,
      attachments: row.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, 'base64'),
      })),
    });
    return { messageId: info.messageId, response: info.response };
  } finally {
    transport.close();
  }
}

/**
 * The delivery worker's step for one message:
 * - claims the row (queued/failed, or `sending` whose sender's lease lapsed: sending-lease.ts)
 *   so two jobs never send it twice, and renews the lease until the outcome is written; a
 *   message a live sender holds fails this try (DeliveryError, row untouched) to be retried;
 * - with no SMTP configured, the outbox is the delivery: status sent, transport outbox;
 * - otherwise sends through SMTP: sent + provider id, or failed + last error and a thrown
 *   DeliveryError so the queue retries with backoff; on the final try the status is `dead`.
 */
export async function deliverMessage(
  db: Db,
  messageId: string,
  opts: {
    finalAttempt: boolean;
    now?: Date;
    /** the SMTP settings, when the caller loaded them once for a batch (null: none configured) */
    smtp?: SmtpConfig | null;
    /** how often the lease on the claimed message is renewed while it is sent (tests: shorter) */
    leaseRenewMs?: number;
  },
): Promise<'sent' | 'outbox' | 'skipped'> {
  const now = opts.now ?? new Date();
  let row;
  try {
    row = await claimMessage(db, messageId, now);
  } catch (err) {
    // a live sender holds it: this try fails (the row untouched) and the queue tries again later
    if (err instanceof MessageBusyError) throw new DeliveryError(err.message, false);
    throw err;
  }
  if (!row) return 'skipped';
  const releaseLease = holdLease(db, row, opts.leaseRenewMs ?? SENDING_LEASE_RENEW_MS);
  try {
    return await deliverClaimed(db, row, now, opts);
  } finally {
    await releaseLease();
  }
}

async function deliverClaimed(
  db: Db,
  row: MessageRow,
  now: Date,
  opts: { finalAttempt: boolean; smtp?: SmtpConfig | null },
): Promise<'sent' | 'outbox'> {
  // queued with `renderLater`: rendered now, once, and stored with the outcome's own update (one
  // write per message instead of two: on PGlite every statement is a round trip to its thread)
  let rendered = row;
  let store: Partial<typeof emailMessages.$inferInsert> = {};
  if (awaitsRendering(row)) {
    try {
      const made = renderStored(row);
      store = { ...made, templateData: null };
      rendered = { ...row, ...made, templateData: null };
    } catch (err) {
      const reason = `The message could not be rendered: ${err instanceof Error ? err.message : String(err)}`;
      await db
        .update(emailMessages)
        .set({ status: opts.finalAttempt ? 'dead' : 'failed', lastError: reason, updatedAt: new Date() })
        .where(eq(emailMessages.id, row.id));
      throw new DeliveryError(reason, opts.finalAttempt);
    }
  }

  const cfg = opts.smtp !== undefined ? opts.smtp : await loadSmtpConfig(db);
  if (!cfg) {
    await db
      .update(emailMessages)
      .set({ ...store, status: 'sent', transport: 'outbox', sentAt: now, lastError: null, updatedAt: now })
      .where(eq(emailMessages.id, row.id));
    return 'outbox';
  }

  try {
    const info = await sendThroughSmtp(cfg, rendered);
    const sentAt = new Date();
    await db
      .update(emailMessages)
      .set({
        ...store,
        status: 'sent',
        transport: 'smtp',
        providerMessageId: info.messageId,
        sentAt,
        lastError: null,
        updatedAt: sentAt,
      })
      .where(eq(emailMessages.id, row.id));
    return 'sent';
  } catch (err) {
    const message = describeSmtpError(err, cfg);
    // the rendering is kept: a retry sends the same message without rendering it again
    await db
      .update(emailMessages)
      .set({
        ...store,
        status: opts.finalAttempt ? 'dead' : 'failed',
        transport: 'smtp',
        lastError: message,
        updatedAt: new Date(),
      })
      .where(eq(emailMessages.id, row.id));
    throw new DeliveryError(message, opts.finalAttempt);
  }
}
