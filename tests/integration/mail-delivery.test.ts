/**
 * Issue 13's e-mail items: links come from the configured origin only (never a Host header),
 * e-mails are queued in the transaction of the change they tell about, and the delivery queue
 * keeps one job per message, sweeps only what is really stuck and delivers side by side.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { env } from '@/env';
import { bookings, emailMessages } from '@/server/db/schema';
import { getMessage } from '@/features/email/server/get-message';
import { enqueue, startQueue, startWorkers, stopQueue } from '@/server/queue';
import { DOMAIN_WORKERS } from '@/server/entry/workers';
import { sendTemplate } from '@/features/email/server';
import { enqueueDelivery } from '@/features/email/server/enqueue-delivery';
import { sweepStuckMessages } from '@/features/email/server/sweep-stuck-messages';
import { EMAIL_QUEUES } from '@/features/email/server/queues';
import { createBooking } from '@/features/booking/server/create-booking';
import { sendBookingConfirmation } from '@/features/booking/server/send-confirmation';
import { createAdmin } from '@/features/auth/server/ensure-admin';
import { BACKENDS, bookingBody, signInStaff, startApp, type TestApp } from './harness';
import { startSmtpPeer, writeTestCertificates, type SmtpPeer } from './email-smtp-peer';

// read by src/env.ts when first imported: no APP_URL (the fixed default origin), the test CA
const caFile = await vi.hoisted(async () => {
  const os = await import('node:os');
  const path = await import('node:path');
  delete process.env.APP_URL;
  const file = path.join(os.tmpdir(), `rt-smtp-ca-delivery-${process.pid}-${Date.now()}.pem`);
  process.env.SMTP_CA_FILE = file;
  return file;
});
/** with APP_URL unset, every link uses the fixed default origin, never the request's Host */
const ORIGIN = `http://localhost:${env.PORT}`;
const USER = 'shop@example.test';
const PASS = 'correct horse battery staple';

async function until<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A raw HTTP request, so the Host header is exactly what an attacker sends. */
function rawPost(app: TestApp, path: string, body: unknown, headers: Record<string, string>) {
  const url = new URL(app.origin);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe.each(BACKENDS)('e-mail delivery on $name', (backend) => {
  let app: TestApp;
  let smtp: SmtpPeer;

  /** jobs of the delivery queue for a message, by state */
  const jobsOf = async (messageId: string) => {
    const res = await app.handle.db.execute<{ state: string }>(
      sql`select state::text as state from pgboss.job where name = ${EMAIL_QUEUES.deliver} and singleton_key = ${messageId}`,
    );
    return (res as unknown as { rows: Array<{ state: string }> }).rows.map((r) => r.state);
  };
  const deliveryJobCount = async () => {
    const res = await app.handle.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${EMAIL_QUEUES.deliver}`,
    );
    return (res as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
  };

  beforeAll(async () => {
    const tls = await writeTestCertificates(caFile);
    smtp = await startSmtpPeer({ user: USER, pass: PASS, tls });
    app = await startApp(backend);
    await startQueue({
      handle: app.handle,
      config: { retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, retryLimit: 3 },
    });
    await startWorkers(DOMAIN_WORKERS);
  });
  afterAll(async () => {
    await stopQueue();
    await app?.close();
    await smtp?.stop();
  });

  it('puts the configured origin (APP_URL unset: the fixed default) in a booking confirmation, whatever Host the request names', async () => {
    const res = await rawPost(
      app,
      '/api/bookings',
      bookingBody({ customer: { name: 'Hosted Hana', email: 'hana@example.com' } }),
      { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    );
    expect(res.status, res.body).toBe(201);
    const booked = JSON.parse(res.body) as {
      id: string;
      reference: string;
      manageUrl: string;
      trackingUrl: string;
    };
    expect(booked.manageUrl.startsWith(`${ORIGIN}/manage/${booked.reference}`)).toBe(true);
    expect(booked.trackingUrl.startsWith(`${ORIGIN}/track/${booked.reference}`)).toBe(true);
    const [message] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.bookingId, booked.id));
    expect(message?.template).toBe('booking-confirmation');
    // rendered at delivery from the stored data: the data and the e-mail it makes (as the
    // admin view shows it, rendered on read until it is delivered) name only the origin
    expect(JSON.stringify(message!.templateData ?? {})).not.toContain('evil.example');
    const shown = (await getMessage(app.handle.db, message!.id))!;
    expect(shown.text).toContain(`${ORIGIN}/manage/${booked.reference}`);
    expect(shown.text).toContain(`${ORIGIN}/track/${booked.reference}`);
    expect(shown.html).not.toContain('evil.example');
    expect(shown.text).not.toContain('evil.example');
  });

  it('queues an e-mail in the caller transaction: a rollback leaves neither message nor job', async () => {
    const before = await deliveryJobCount();
    const key = `rollback-test:${backend.name}`;
    await expect(
      app.handle.db.transaction(async (tx) => {
        await sendTemplate(tx, {
          to: 'gone@example.com',
          template: 'smtp-test',
          data: { sentAt: 'now' },
          dedupeKey: key,
        });
        throw new Error('the change failed after the e-mail was queued');
      }),
    ).rejects.toThrow(/the change failed/);
    const rows = await app.handle.db.select().from(emailMessages).where(eq(emailMessages.dedupeKey, key));
    expect(rows).toHaveLength(0);
    expect(await deliveryJobCount()).toBe(before);
  });

  it('commits a booking, its confirmation and the delivery job together, or none of them', async () => {
    // a booking whose transaction fails after the confirmation was queued (a crash) leaves nothing
    const input = {
      ...bookingBody({ customer: { name: 'Crash Carl', email: 'carl@example.com' } }),
      locale: 'en-GB',
    };
    const before = await deliveryJobCount();
    let bookingId = '';
    await expect(
      createBooking(app.handle.db, input as never, {
        baseUrl: ORIGIN,
        withBooking: async (tx, created) => {
          bookingId = created.id;
          await sendBookingConfirmation(tx, created, { manageUrl: created.manageUrl });
          throw new Error('crash after queueing the confirmation');
        },
      }),
    ).rejects.toThrow(/crash after queueing/);
    expect(bookingId).not.toBe('');
    expect(await app.handle.db.select().from(bookings).where(eq(bookings.id, bookingId))).toHaveLength(0);
    expect(
      await app.handle.db.select().from(emailMessages).where(eq(emailMessages.bookingId, bookingId)),
    ).toHaveLength(0);
    expect(await deliveryJobCount()).toBe(before);

    // a committed booking has its message and exactly one delivery job for it at the commit
    const res = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({ customer: { name: 'Kept Kim', email: 'kim@example.com' } }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [message] = await app.handle.db.select().from(emailMessages).where(eq(emailMessages.bookingId, id));
    expect(message).toBeDefined();
    expect(await jobsOf(message!.id)).toHaveLength(1);
  });

  it('keeps one job per message: enqueueing twice adds nothing while the first is live', async () => {
    const [row] = await app.handle.db
      .insert(emailMessages)
      .values({ toAddress: 'twice@example.com', subject: 's', html: 'h', text: 't', template: 'smtp-test' })
      .returning();
    // a job waiting for later, so no worker takes it during the test
    const later = new Date(Date.now() + 3_600_000);
    const first = await enqueue(
      EMAIL_QUEUES.deliver,
      { messageId: row!.id },
      {
        db: app.handle.db,
        send: { singletonKey: row!.id, startAfter: later },
      },
    );
    expect(first).not.toBeNull();
    expect(await enqueueDelivery(app.handle.db, row!.id)).toBe(false);
    expect(await enqueueDelivery(app.handle.db, row!.id)).toBe(false);
    expect(await jobsOf(row!.id)).toEqual(['created']);
  });

  it('sweeps only stuck messages: one with a live job is left alone, one without is queued once', async () => {
    const old = new Date(Date.now() - 5 * 60_000);
    const later = new Date(Date.now() + 3_600_000);
    const [waiting, stuck] = await app.handle.db
      .insert(emailMessages)
      .values([
        {
          toAddress: 'waiting@example.com',
          subject: 'w',
          html: 'h',
          text: 't',
          template: 'smtp-test',
          updatedAt: old,
        },
        {
          toAddress: 'stuck@example.com',
          subject: 's',
          html: 'h',
          text: 't',
          template: 'smtp-test',
          updatedAt: old,
        },
      ])
      .returning();
    await enqueue(
      EMAIL_QUEUES.deliver,
      { messageId: waiting!.id },
      {
        db: app.handle.db,
        send: { singletonKey: waiting!.id, startAfter: later },
      },
    );
    await sweepStuckMessages(app.handle.db);
    await sweepStuckMessages(app.handle.db);
    expect(await jobsOf(waiting!.id)).toEqual(['created']);
    const [after] = await app.handle.db.select().from(emailMessages).where(eq(emailMessages.id, waiting!.id));
    expect(after!.updatedAt.getTime()).toBe(old.getTime());
    // the stuck one got exactly one job, however often the sweep runs
    const stuckJobs = await jobsOf(stuck!.id);
    expect(stuckJobs).toHaveLength(1);
  });

  it('delivers a batch of messages to the SMTP server with several in flight at once', async () => {
    await createAdmin(app.handle.db, { email: 'batch.admin@example.com', password: 'batch-admin-password' });
    const admin = (await signInStaff(app, 'batch.admin@example.com', 'batch-admin-password')).cookie;
    const configured = await app.request('/api/email/configure', {
      method: 'POST',
      headers: { cookie: admin },
      json: {
        preset: 'custom',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'starttls',
        username: USER,
        password: PASS,
        fromName: 'RevivaTech Repairs',
        fromAddress: 'repairs@example.test',
      },
    });
    expect(configured.status).toBe(200);
    smtp.holdMs = 400;
    smtp.maxInFlight = 0;
    const N = 8;
    const ids: string[] = [];
    await app.handle.db.transaction(async (tx) => {
      for (let i = 0; i < N; i++) {
        const sent = await sendTemplate(tx, {
          to: `batch-${i}@example.com`,
          template: 'smtp-test',
          data: { sentAt: `batch ${i}` },
          dedupeKey: `batch:${backend.name}:${i}`,
        });
        ids.push(sent!.id);
      }
    });
    await until(async () => {
      const rows = await app.handle.db.select().from(emailMessages);
      return ids.every((id) => rows.find((r) => r.id === id)?.status === 'sent');
    }, 60_000);
    for (let i = 0; i < N; i++)
      expect(
        smtp.messages.some((m) => m.to && 'text' in m.to && m.to.text === `batch-${i}@example.com`),
      ).toBe(true);
    expect(smtp.maxInFlight).toBeGreaterThan(1);
    smtp.holdMs = 0;
  });
});
