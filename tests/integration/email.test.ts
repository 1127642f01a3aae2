import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, emailMessages, smtpSettings } from '@/server/db/schema';
import { startQueue, startWorkers, stopQueue, runningQueue } from '@/server/queue';
import { DOMAIN_WORKERS } from '@/server/entry/workers';
import { resendMessage } from '@/features/email/server/resend-message';
import { sendBookingReminder } from '@/features/booking/server/send-reminder';
import { reminderDueAt, BOOKING_QUEUES } from '@/features/booking/server/schedule-reminder';
import { BACKENDS, bookingBody, freeSlot, signInStaff, startApp, type TestApp } from './harness';
import { createAdmin } from '@/features/auth/server/ensure-admin';
import { startSmtpPeer, writeTestCertificates, type SmtpPeer } from './email-smtp-peer';

// The app trusts the test CA through SMTP_CA_FILE, read by src/env.ts when first imported.
const caFile = await vi.hoisted(async () => {
  const os = await import('node:os');
  const path = await import('node:path');
  const file = path.join(os.tmpdir(), `rt-smtp-ca-${process.pid}-${Date.now()}.pem`);
  process.env.SMTP_CA_FILE = file;
  return file;
});

const USER = 'shop@example.test';
const PASS = 'correct horse battery staple';

const smtpInput = (port: number, overrides: Record<string, unknown> = {}) => ({
  preset: 'custom' as const,
  host: '127.0.0.1',
  port,
  security: 'starttls' as const,
  username: USER,
  password: PASS,
  fromName: 'RevivaTech Repairs',
  fromAddress: 'repairs@example.test',
  ...overrides,
});

async function until<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Booked {
  id: string;
  reference: string;
  trackingUrl: string;
  manageUrl: string;
  service: { slotStartsAt: string | null; shop: { timeZone: string } | null };
}

describe.each(BACKENDS)('e-mail on $name', (backend) => {
  let app: TestApp;
  let smtp: SmtpPeer;
  let admin = '';
  /** the e-mail API as a signed-in admin */
  const adminPost = (path: string, json: unknown) =>
    app.request(path, { method: 'POST', headers: { cookie: admin }, json });

  beforeAll(async () => {
    const tls = await writeTestCertificates(caFile);
    smtp = await startSmtpPeer({ user: USER, pass: PASS, tls });
    app = await startApp(backend);
    await startQueue({
      handle: app.handle,
      config: { retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, retryLimit: 8 },
    });
    await startWorkers(DOMAIN_WORKERS);
    await createAdmin(app.handle.db, { email: 'mail.admin@example.com', password: 'mail-admin-password' });
    admin = (await signInStaff(app, 'mail.admin@example.com', 'mail-admin-password')).cookie;
  });
  afterAll(async () => {
    await stopQueue();
    await app?.close();
    await smtp?.stop();
  });

  const book = async (body = bookingBody()) => {
    const res = await app.request('/api/bookings', { method: 'POST', json: body });
    expect(res.status).toBe(201);
    return (await res.json()) as Booked;
  };
  const messageFor = (bookingId: string, template: string) =>
    app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.bookingId, bookingId))
      .then((rows) => rows.find((r) => r.template === template));

  it('runs the queue on this Node version', () => {
    expect(runningQueue()).not.toBeNull();
  });

  it('with no SMTP configured, a booking confirmation lands in the outbox as sent', async () => {
    const b = await book(bookingBody({ customer: { name: 'Outbox Olly', email: 'olly@example.com' } }));
    const row = await until(async () => {
      const m = await messageFor(b.id, 'booking-confirmation');
      return m?.status === 'sent' ? m : null;
    });
    expect(row.transport).toBe('outbox');
    expect(row.toAddress).toBe('olly@example.com');
    expect(row.html).toContain(b.reference);
    expect(row.sentAt).not.toBeNull();
    // rendered at delivery and stored with the sent status in the same write
    expect(row.templateData).toBeNull();
    expect(row.text).toContain(b.reference);
  });

  it('keeps the e-mail API admin-only', async () => {
    for (const [method, path] of [
      ['GET', '/api/email/settings'],
      ['POST', '/api/email/configure'],
      ['POST', '/api/email/test-connection'],
      ['POST', '/api/email/send-test'],
      ['GET', '/api/email/messages'],
    ] as const) {
      const res = await app.request(path, { method, json: method === 'POST' ? {} : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('rejects bad SMTP input through the API with field messages and saves nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ host: 'not a host!' }, 'host'],
      [{ host: 'x'.repeat(300) }, 'host'],
      [{ port: 0 }, 'port'],
      [{ port: 70000 }, 'port'],
      [{ fromAddress: 'not-an-address' }, 'fromAddress'],
      [{ fromAddress: `${'a'.repeat(250)}@example.com` }, 'fromAddress'],
      [{ fromName: 'n'.repeat(101) }, 'fromName'],
      [{ password: 'p'.repeat(513) }, 'password'],
      [{ username: 'u'.repeat(255) }, 'username'],
      [{ host: undefined }, 'host'],
    ];
    for (const [override, path] of cases) {
      const res = await adminPost('/api/email/configure', smtpInput(2525, override));
      expect(res.status, JSON.stringify(override).slice(0, 60)).toBe(422);
      const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(body.errors.map((e) => e.path)).toContain(path);
      expect(body.errors.every((e) => e.message.length > 5)).toBe(true);
    }
    const malformed = await app.request('/api/email/configure', {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: '{"host":',
    });
    expect(malformed.status).toBe(400);
    expect(await app.handle.db.select().from(smtpSettings)).toHaveLength(0);
    const settings = await app.request('/api/email/settings', { headers: { cookie: admin } });
    expect(((await settings.json()) as { configured: boolean }).configured).toBe(false);
  });

  it('saves the settings through the API with the password encrypted and never returns it', async () => {
    const res = await adminPost('/api/email/configure', smtpInput(smtp.port));
    expect(res.status).toBe(200);
    const saved = await res.text();
    expect(JSON.parse(saved)).toMatchObject({
      configured: true,
      host: '127.0.0.1',
      port: smtp.port,
      hasPassword: true,
    });
    expect(saved).not.toContain(PASS);
    const [raw] = await app.handle.db.select().from(smtpSettings);
    expect(raw?.passwordEncrypted).toBeTruthy();
    expect(raw?.passwordEncrypted).not.toContain(PASS);
    // an empty password keeps the saved one
    expect((await adminPost('/api/email/configure', smtpInput(smtp.port, { password: '' }))).status).toBe(
      200,
    );
    const read = await (await app.request('/api/email/settings', { headers: { cookie: admin } })).text();
    expect(read).not.toContain(PASS);
    expect(JSON.parse(read)).toMatchObject({ hasPassword: true });
  });

  it('tests the connection through the API (STARTTLS + AUTH) and reports a wrong password clearly', async () => {
    const ok = await (await adminPost('/api/email/test-connection', {})).json();
    expect(ok).toEqual({
      ok: true,
      message: `Connected to 127.0.0.1:${smtp.port} and signed in as ${USER}.`,
    });
    const bad = (await (
      await adminPost('/api/email/test-connection', { settings: smtpInput(smtp.port, { password: 'wrong' }) })
    ).json()) as { ok: boolean; message: string };
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/Sign-in was refused.*535.*Authentication failed/);
    const down = (await (
      await adminPost('/api/email/test-connection', { settings: smtpInput(1) })
    ).json()) as {
      ok: boolean;
      message: string;
    };
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(/Could not connect to 127\.0\.0\.1:1/);
  });

  it('sends a test e-mail through the API and shows the server answer', async () => {
    const result = (await (await adminPost('/api/email/send-test', { to: 'owner@example.com' })).json()) as {
      ok: boolean;
      message: string;
    };
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^The server accepted the message: 250/);
    const mail = await smtp.waitFor((m) => m.subject?.startsWith('Test e-mail from') ?? false);
    expect(mail.text).toContain('This test e-mail was sent by');
    expect((await adminPost('/api/email/send-test', { to: 'not-an-address' })).status).toBe(422);
  });

  it('sends the booking confirmation with the reference, tracking link and .ics', async () => {
    const slot = await freeSlot(app, 'london');
    const b = await book(
      bookingBody({
        customer: { name: 'Dana <b>Drop</b>', email: 'dana@example.com' },
        service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: slot },
      }),
    );
    const mail = await smtp.waitFor((m) => m.subject === `Booking confirmed: ${b.reference}`);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('dana@example.com');
    expect(mail.text).toContain(b.reference);
    expect(mail.text).toContain(b.trackingUrl);
    expect(mail.html).toContain(b.trackingUrl.replaceAll('&', '&amp;'));
    // the manage link (cancel / reschedule) is in every confirmation
    expect(mail.text).toContain(b.manageUrl);
    expect(mail.html).toContain('Dana &lt;b&gt;Drop&lt;/b&gt;');
    const ics = mail.attachments.find((a) => a.filename === `${b.reference}.ics`);
    expect(ics).toBeDefined();
    const body = ics!.content.toString('utf8');
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toMatch(new RegExp(`UID:${b.reference}@revivatech`));
    expect(body).toContain('END:VCALENDAR');
    const row = await until(async () => {
      const m = await messageFor(b.id, 'booking-confirmation');
      return m?.status === 'sent' ? m : null;
    });
    expect(row.transport).toBe('smtp');
    expect(row.providerMessageId).toBeTruthy();
    // queued with its data by the booking, rendered once at delivery and stored as sent
    expect(row.templateData).toBeNull();
    expect(row.html).toContain(b.reference);
    expect(row.attachments).toEqual([
      expect.objectContaining({ filename: `${b.reference}.ics`, content: ics!.content.toString('base64') }),
    ]);
    expect(row.attachments[0]).not.toHaveProperty('make');

    // the reminder is scheduled for the evening before, when that is still ahead
    if (reminderDueAt(new Date(slot), b.service.shop!.timeZone, new Date())) {
      const jobs = await runningQueue()!.findJobs(BOOKING_QUEUES.reminder, { data: { bookingId: b.id } });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.data).toMatchObject({ bookingId: b.id, slotStartsAt: slot });
    }
  });

  it('keeps a message while SMTP is down and delivers it after a retry', async () => {
    await smtp.stop();
    const b = await book(bookingBody({ customer: { name: 'Retry Rita', email: 'rita@example.com' } }));
    const failed = await until(async () => {
      const m = await messageFor(b.id, 'booking-confirmation');
      return m?.status === 'failed' ? m : null;
    });
    expect(failed.lastError).toMatch(/Could not connect/);
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    // the failed try stored its rendering: a retry sends it without rendering again
    expect(failed.templateData).toBeNull();
    expect(failed.html).toContain(b.reference);
    await smtp.start();
    const mail = await smtp.waitFor((m) => m.subject === `Booking confirmed: ${b.reference}`, 40_000);
    expect(mail.text).toContain(b.reference);
    const sent = await until(async () => {
      const m = await messageFor(b.id, 'booking-confirmation');
      return m?.status === 'sent' ? m : null;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
  });

  it('sends the reminder once, and skips it when the booking was cancelled or moved', async () => {
    const slot = await freeSlot(app, 'london', 1, 1);
    const b = await book(
      bookingBody({
        customer: { name: 'Remi', email: 'remi@example.com' },
        service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: slot },
      }),
    );
    const job = { bookingId: b.id, slotStartsAt: slot, trackingUrl: b.trackingUrl };
    const db = app.handle.db;

    const moved = new Date(new Date(slot).getTime() + 3_600_000);
    await db.update(bookings).set({ slotStartsAt: moved }).where(eq(bookings.id, b.id));
    expect(await sendBookingReminder(db, job)).toBe('moved');
    await db
      .update(bookings)
      .set({ slotStartsAt: new Date(slot) })
      .where(eq(bookings.id, b.id));

    expect(await sendBookingReminder(db, job)).toBe('sent');
    expect(await sendBookingReminder(db, job)).toBe('already-sent');
    const mail = await smtp.waitFor((m) => m.subject === `Reminder: your drop-off tomorrow (${b.reference})`);
    expect(mail.text).toContain(b.trackingUrl);
    expect(mail.text).toContain(b.manageUrl);
    const reminders = (await db.select().from(emailMessages).where(eq(emailMessages.bookingId, b.id))).filter(
      (m) => m.template === 'appointment-reminder',
    );
    expect(reminders).toHaveLength(1);

    await db.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.id, b.id));
    expect(await sendBookingReminder(db, { ...job, slotStartsAt: slot })).toBe('cancelled');
  });

  it('resends a sent message', async () => {
    const [row] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.template, 'smtp-test'));
    const before = smtp.messages.length;
    const queued = await resendMessage(app.handle.db, row!.id);
    expect(queued.status).toBe('queued');
    await until(async () => smtp.messages.length > before);
    await expect(resendMessage(app.handle.db, '00000000-0000-0000-0000-000000000000')).rejects.toThrow(
      /No e-mail/,
    );
  });
});
