/**
 * A worker killed mid-send: its message is claimed again by the delivery job's retry once the
 * sender's lease has lapsed (not after minutes), and never while a live sender renews it, so the
 * message goes out exactly once either way.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { emailMessages } from '@/server/db/schema';
import { deliverMessage, DeliveryError } from '@/features/email/server/deliver-message';
import { SENDING_LEASE_MS } from '@/features/email/server/sending-lease';
import { sweepStuckMessages } from '@/features/email/server/sweep-stuck-messages';
import { startQueue, stopQueue } from '@/server/queue';
import { BACKENDS, startApp, type TestApp } from './harness';
import { startSmtpPeer, writeTestCertificates, type SmtpPeer } from './email-smtp-peer';

const caFile = await vi.hoisted(async () => {
  const os = await import('node:os');
  const path = await import('node:path');
  const file = path.join(os.tmpdir(), `rt-smtp-ca-lease-${process.pid}-${Date.now()}.pem`);
  process.env.SMTP_CA_FILE = file;
  return file;
});
const USER = 'lease@example.test';
const PASS = 'lease password for the test peer';

describe.each(BACKENDS)('e-mail sending lease on $name', (backend) => {
  let app: TestApp;
  let smtp: SmtpPeer;

  beforeAll(async () => {
    smtp = await startSmtpPeer({ user: USER, pass: PASS, tls: await writeTestCertificates(caFile) });
    app = await startApp(backend);
    // the queue's tables (the sweep reads them); no worker runs, the tests call the delivery step
    await startQueue({ handle: app.handle, work: false });
  });
  afterAll(async () => {
    await stopQueue();
    await app?.close();
    await smtp?.stop();
  });

  /** a message a worker claimed at `claimedAt` and then died with (status sending, first try) */
  async function abandoned(to: string, claimedAt: Date) {
    const [row] = await app.handle.db
      .insert(emailMessages)
      .values({
        toAddress: to,
        subject: 's',
        html: 'h',
        text: 't',
        template: 'smtp-test',
        status: 'sending',
        attempts: 1,
        updatedAt: claimedAt,
      })
      .returning();
    return row!;
  }
  const read = async (id: string) =>
    (await app.handle.db.select().from(emailMessages).where(eq(emailMessages.id, id)))[0]!;

  it('lets the retry re-claim a message whose sender stopped renewing its lease, once', async () => {
    const claimedAt = new Date();
    const row = await abandoned('lapsed@example.com', claimedAt);
    const retryAt = new Date(claimedAt.getTime() + SENDING_LEASE_MS + 1_000);
    expect(
      await deliverMessage(app.handle.db, row.id, { finalAttempt: false, smtp: null, now: retryAt }),
    ).toBe('outbox');
    const after = await read(row.id);
    expect(after.status).toBe('sent');
    expect(after.attempts).toBe(2);
    // a second retry of the same job finds it sent: nothing goes out again
    expect(
      await deliverMessage(app.handle.db, row.id, { finalAttempt: false, smtp: null, now: retryAt }),
    ).toBe('skipped');
  });

  it('leaves a message whose lease is live alone: the retry fails (to try later), the row untouched', async () => {
    const claimedAt = new Date();
    const row = await abandoned('live@example.com', claimedAt);
    const retryAt = new Date(claimedAt.getTime() + SENDING_LEASE_MS - 1_000);
    const attempt = deliverMessage(app.handle.db, row.id, { finalAttempt: true, smtp: null, now: retryAt });
    await expect(attempt).rejects.toBeInstanceOf(DeliveryError);
    await expect(attempt).rejects.toMatchObject({ final: false });
    const after = await read(row.id);
    expect(after).toMatchObject({ status: 'sending', attempts: 1 });
    expect(after.updatedAt.getTime()).toBe(claimedAt.getTime());
    // nor does the sweep take it while the lease is live; once lapsed (no job left), it does
    expect(await sweepStuckMessages(app.handle.db, retryAt)).toBe(0);
    const sweptAt = new Date(claimedAt.getTime() + SENDING_LEASE_MS + 1_000);
    expect(await sweepStuckMessages(app.handle.db, sweptAt)).toBeGreaterThanOrEqual(1);
    expect((await read(row.id)).status).toBe('queued');
  });

  it('renews the lease while a slow SMTP server takes the message: a retry does not send it twice', async () => {
    const [row] = await app.handle.db
      .insert(emailMessages)
      .values({ toAddress: 'slow@example.com', subject: 'slow', html: 'h', text: 't', template: 'smtp-test' })
      .returning();
    let release!: () => void;
    smtp.gate = new Promise<void>((r) => (release = r));
    // claimed "long ago": without renewals its lease would have lapsed already
    const claimedAt = new Date(Date.now() - 10 * SENDING_LEASE_MS);
    const cfg = {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'starttls' as const,
      username: USER,
      password: PASS,
      fromName: 'RevivaTech',
      fromAddress: 'repairs@example.test',
    };
    const first = deliverMessage(app.handle.db, row!.id, {
      finalAttempt: false,
      smtp: cfg,
      now: claimedAt,
      leaseRenewMs: 50,
    });
    try {
      await vi.waitFor(
        async () => expect((await read(row!.id)).updatedAt.getTime()).toBeGreaterThan(claimedAt.getTime()),
        { timeout: 20_000, interval: 50 },
      );
      const retry = deliverMessage(app.handle.db, row!.id, { finalAttempt: false, smtp: cfg });
      await expect(retry).rejects.toBeInstanceOf(DeliveryError);
    } finally {
      release();
      smtp.gate = null;
    }
    expect(await first).toBe('sent');
    expect(smtp.messages.filter((m) => m.subject === 'slow')).toHaveLength(1);
    expect(await read(row!.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
