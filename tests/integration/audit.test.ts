/**
 * The audit log through the HTTP API: each audited action writes exactly one row with the right
 * actor, the admin list (filters, search, date range, cursor pages, 422 on bad filters), the CSV
 * export (quoting, formula safety, itself audited), who may read it, and that nothing, not even
 * the app's own database connection, can update, delete or truncate a row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, emailMessages } from '@/server/db/schema';
import { getApi } from '@/server/entry/api';
import { createAdmin } from '@/features/auth/server/ensure-admin';
import type { PaymentView } from '@/features/payments/schemas';
import type { AuditEventView } from '@/features/audit/schemas';
import {
  BACKENDS,
  bookingBody,
  freeSlot,
  signIn,
  signInStaff,
  signUp,
  startApp,
  type TestApp,
} from './harness';
import { auditRowsAfter, bookOrder, createUser, lastAuditId, type TestUser } from './fixtures';

interface AuditPage {
  items: AuditEventView[];
  nextCursor: number | null;
}

describe.each(BACKENDS)('audit log on $name', (backend) => {
  let app: TestApp;
  let admin: { id: string; email: string; cookie: string };
  let manager: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    const email = `audit.admin.${backend.name}@example.com`;
    await createAdmin(app.handle.db, { email, password: 'audit-admin-password' });
    const signedIn = await signInStaff(app, email, 'audit-admin-password');
    const me = await app.request('/api/account', { headers: { cookie: signedIn.cookie } });
    admin = { id: ((await me.json()) as { id: string }).id, email, cookie: signedIn.cookie };
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  /** The database's own error, under the ORM's "Failed query" wrapper. */
  async function dbError(run: () => Promise<unknown>): Promise<string> {
    try {
      await run();
    } catch (err) {
      const e = err as Error & { cause?: Error };
      return `${e.message} ${e.cause?.message ?? ''}`;
    }
    return 'no error';
  }
  const asAdmin = (path: string) => app.request(path, { headers: { cookie: admin.cookie } });

  it('a sign-in writes one sign_in_succeeded row with the user, address and user agent', async () => {
    const email = `signer.${backend.name}@example.com`;
    await signUp(app, email, 'right-password-123');
    const mark = await lastAuditId(app);
    const res = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'user-agent': 'AuditTest/1.0' },
      json: { email, password: 'right-password-123' },
    });
    expect(res.status).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'sign_in_succeeded',
      actorEmail: email,
      actorRole: 'customer',
      targetType: 'user',
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'AuditTest/1.0',
    });
    expect(rows[0]!.actorUserId).toBeTruthy();
    expect(rows[0]!.targetId).toBe(rows[0]!.actorUserId);
  });

  it('a failed sign-in writes one sign_in_failed row with the attempted e-mail, never the password', async () => {
    const mark = await lastAuditId(app);
    const res = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      json: { email: 'nobody.here@example.com', password: 'secret-guess-9876' },
    });
    expect(res.status).toBe(401);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'sign_in_failed', actorUserId: null });
    expect(rows[0]!.details).toMatchObject({ email: 'nobody.here@example.com' });
    expect(JSON.stringify(rows[0])).not.toContain('secret-guess-9876');
  });

  it('a completed password reset writes one password_reset row for that user', async () => {
    const email = `reset.${backend.name}@example.com`;
    await signUp(app, email, 'old-password-12345');
    await app.request('/api/auth/request-password-reset', {
      method: 'POST',
      json: { email, redirectTo: '/reset-password' },
    });
    const [mail] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.template, 'password-reset')));
    const token = /token=([\w.-]+)/.exec(mail!.text)?.[1];
    const mark = await lastAuditId(app);
    const reset = await app.request('/api/auth/reset-password', {
      method: 'POST',
      json: { token, newPassword: 'new-password-67890' },
    });
    expect(reset.status).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows.map((r) => [r.type, r.actorEmail])).toEqual([['password_reset', email]]);
    expect(JSON.stringify(rows[0])).not.toContain('new-password-67890');
  });

  it('a password change writes one password_changed row', async () => {
    const email = `changer.${backend.name}@example.com`;
    const cookie = await signUp(app, email, 'first-password-123');
    const mark = await lastAuditId(app);
    const res = await app.request('/api/auth/change-password', {
      method: 'POST',
      headers: { cookie },
      json: { currentPassword: 'first-password-123', newPassword: 'second-password-456' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows.map((r) => [r.type, r.actorEmail])).toEqual([['password_changed', email]]);
  });

  it('a role change and a disable by an admin each write one row with the admin as actor', async () => {
    const target = await createUser(app, 'customer', { tag: 'promoted' });
    const patch = (body: unknown) =>
      app.request(`/api/admin/users/${target.id}`, {
        method: 'PATCH',
        headers: { cookie: admin.cookie },
        json: body,
      });
    let mark = await lastAuditId(app);
    expect((await patch({ role: 'technician' })).status).toBe(200);
    let rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'role_changed',
      actorUserId: admin.id,
      actorEmail: admin.email,
      actorRole: 'admin',
      targetType: 'user',
      targetId: target.id,
      details: { from: 'customer', to: 'technician', email: target.email },
    });

    mark = await lastAuditId(app);
    expect((await patch({ disabled: true })).status).toBe(200);
    rows = await auditRowsAfter(app, mark);
    expect(rows.map((r) => [r.type, r.actorUserId, r.targetId])).toEqual([
      ['user_disabled', admin.id, target.id],
    ]);
    // a refused sign-in of the disabled user is a failure in the log
    mark = await lastAuditId(app);
    expect((await signIn(app, target.email)).res.status).not.toBe(200);
    expect((await auditRowsAfter(app, mark)).map((r) => r.type)).toEqual(['sign_in_failed']);

    mark = await lastAuditId(app);
    expect((await patch({ disabled: false })).status).toBe(200);
    expect((await auditRowsAfter(app, mark)).map((r) => [r.type, r.actorUserId])).toEqual([
      ['user_enabled', admin.id],
    ]);
    // a patch that changes neither role nor state writes nothing
    mark = await lastAuditId(app);
    expect((await patch({ role: 'technician' })).status).toBe(200);
    expect(await auditRowsAfter(app, mark)).toHaveLength(0);
  });

  it('saving SMTP settings writes one row without the password', async () => {
    const mark = await lastAuditId(app);
    const res = await app.request('/api/email/configure', {
      method: 'POST',
      headers: { cookie: admin.cookie },
      json: {
        preset: 'custom',
        host: '127.0.0.1',
        port: 2525,
        security: 'starttls',
        username: 'shop@example.test',
        password: 'smtp-very-secret-pass',
        fromName: 'RevivaTech Repairs',
        fromAddress: 'repairs@example.test',
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'smtp_settings_changed',
      actorUserId: admin.id,
      actorEmail: admin.email,
      details: { host: '127.0.0.1', port: 2525, passwordSet: true },
    });
    expect(JSON.stringify(rows[0])).not.toContain('smtp-very-secret-pass');
  });

  it('a refund that succeeds writes one payment_refunded row with the manager as actor', async () => {
    const booked = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({
        paymentMethod: 'card',
        service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: await freeSlot(app, 'london') },
        customer: { name: 'Refund Rita', email: `rita.${backend.name}@example.com` },
      }),
    });
    expect(booked.status).toBe(201);
    const b = (await booked.json()) as { trackingToken: string; payment: PaymentView };
    const paid = await app.request(`/api/payments/${b.payment.id}/card`, {
      method: 'POST',
      json: { token: b.trackingToken, cardNumber: '4242424242424242' },
    });
    expect(paid.status, await paid.clone().text()).toBe(200);
    const mark = await lastAuditId(app);
    const refund = await app.request(`/api/staff/payments/${b.payment.id}/refunds`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { amountMinor: 500, reason: 'Goodwill' },
    });
    expect(refund.status, await refund.clone().text()).toBe(201);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'payment_refunded',
      actorUserId: manager.id,
      actorEmail: manager.email,
      actorRole: 'manager',
      targetType: 'payment',
      targetId: b.payment.id,
      details: { amountMinor: 500, reason: 'Goodwill' },
    });
  });

  it('a status change writes one order_status_changed row; revealing a passcode one passcode_revealed', async () => {
    const o = await bookOrder(app);
    let mark = await lastAuditId(app);
    const intake = await app.request(`/api/staff/orders/${o.orderId}/intake`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { conditionNotes: 'Scuffed', accessories: [], passcodePolicy: 'provided', passcode: '246810' },
    });
    expect(intake.status, await intake.clone().text()).toBe(200);
    let rows = await auditRowsAfter(app, mark);
    expect(rows.map((r) => [r.type, r.actorUserId, r.targetId, r.details])).toEqual([
      [
        'order_status_changed',
        manager.id,
        o.reference,
        expect.objectContaining({ from: 'booked', to: 'received' }),
      ],
    ]);

    mark = await lastAuditId(app);
    const move = await app.request(`/api/staff/orders/${o.orderId}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to: 'diagnosing' },
    });
    expect(move.status, await move.clone().text()).toBe(200);
    rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'order_status_changed',
      actorUserId: manager.id,
      actorEmail: manager.email,
      targetType: 'repair_order',
      targetId: o.reference,
      details: { from: 'received', to: 'diagnosing' },
    });

    // an illegal move is refused and leaves no row (the audit row shares the transaction)
    mark = await lastAuditId(app);
    const illegal = await app.request(`/api/staff/orders/${o.orderId}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to: 'collected' },
    });
    expect(illegal.status).toBe(409);
    expect(await auditRowsAfter(app, mark)).toHaveLength(0);

    mark = await lastAuditId(app);
    const reveal = await app.request(`/api/staff/orders/${o.orderId}/passcode/reveal`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: {},
    });
    expect(reveal.status).toBe(200);
    rows = await auditRowsAfter(app, mark);
    expect(rows.map((r) => [r.type, r.actorUserId, r.targetId])).toEqual([
      ['passcode_revealed', manager.id, o.reference],
    ]);
    expect(JSON.stringify(rows[0])).not.toContain('246810');
  });

  it('lists newest first with filters by type, actor, search and date range, and cursor pages', async () => {
    const all = (await (await asAdmin('/api/admin/audit?limit=200')).json()) as AuditPage;
    expect(all.items.length).toBeGreaterThan(5);
    const ids = all.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const byType = (await (
      await asAdmin('/api/admin/audit?type=role_changed,user_disabled')
    ).json()) as AuditPage;
    expect(new Set(byType.items.map((i) => i.type))).toEqual(new Set(['role_changed', 'user_disabled']));
    const repeated = (await (
      await asAdmin('/api/admin/audit?type=role_changed&type=user_disabled')
    ).json()) as AuditPage;
    expect(repeated.items.map((i) => i.id)).toEqual(byType.items.map((i) => i.id));

    const byActor = (await (
      await asAdmin(`/api/admin/audit?actor=${encodeURIComponent(manager.email.slice(0, 12))}`)
    ).json()) as AuditPage;
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((i) => i.actorUserId === manager.id)).toBe(true);
    const byActorId = (await (await asAdmin(`/api/admin/audit?actor=${manager.id}`)).json()) as AuditPage;
    expect(byActorId.items.map((i) => i.id)).toEqual(byActor.items.map((i) => i.id));

    const search = (await (await asAdmin('/api/admin/audit?q=Goodwill')).json()) as AuditPage;
    expect(search.items.map((i) => i.type)).toEqual(['payment_refunded']);
    const byEmail = (await (await asAdmin('/api/admin/audit?q=nobody.here')).json()) as AuditPage;
    expect(byEmail.items.map((i) => i.type)).toEqual(['sign_in_failed']);

    const today = new Date().toISOString();
    const inRange = (await (
      await asAdmin(`/api/admin/audit?limit=200&from=2020-01-01&to=${encodeURIComponent(today)}`)
    ).json()) as AuditPage;
    expect(inRange.items.length).toBe(all.items.length);
    const future = (await (await asAdmin('/api/admin/audit?from=2099-01-01')).json()) as AuditPage;
    expect(future.items).toEqual([]);
    const past = (await (
      await asAdmin('/api/admin/audit?from=2020-01-01&to=2020-01-01')
    ).json()) as AuditPage;
    expect(past.items).toEqual([]);

    // pages of 2 walk the whole list once, in order
    const walked: number[] = [];
    let cursor: number | null = null;
    do {
      const page = (await (
        await asAdmin(`/api/admin/audit?limit=2${cursor ? `&before=${cursor}` : ''}`)
      ).json()) as AuditPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked.slice(0, ids.length)).toEqual(ids.slice(0, walked.length));
    expect(walked.length).toBeGreaterThanOrEqual(ids.length);
  });

  it('answers 422 for bad filters', async () => {
    for (const query of [
      'from=yesterday',
      'to=2026-13-45',
      'from=2026-05-02&to=2026-05-01',
      'type=no_such_type',
      'limit=500',
      'limit=0',
      'before=abc',
    ]) {
      const res = await asAdmin(`/api/admin/audit?${query}`);
      expect(res.status, query).toBe(422);
      const body = (await res.json()) as { errors: Array<{ path: string }> };
      expect(body.errors.length, query).toBeGreaterThan(0);
    }
    expect((await asAdmin('/api/admin/audit/export.csv?from=2026-05-02&to=2026-05-01')).status).toBe(422);
  });

  it('exports CSV with a header, proper quoting and no formulas, and audits the export', async () => {
    // a row whose fields need quoting and would be a formula in a spreadsheet
    const evil = '=HYPERLINK("http://x","y"),a';
    await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'user-agent': evil },
      json: { email: 'csv.probe@example.com', password: 'whatever-password-1' },
    });
    const mark = await lastAuditId(app);
    const res = await asAdmin('/api/admin/audit/export.csv?type=sign_in_failed&q=csv.probe');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-.*\.csv"/);
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,type,actor_user_id,actor_email,actor_role,target_type,target_id,ip,user_agent,details',
    );
    expect(lines).toHaveLength(3); // header, one row, the final line break
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"",""y""),a"`);
    expect(lines[1]).toContain('"{""email"":""csv.probe@example.com""');

    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'data_exported',
      actorUserId: admin.id,
      actorEmail: admin.email,
      details: { rows: 1, filter: { type: ['sign_in_failed'], q: 'csv.probe' } },
    });
  });

  it('is for admins only', async () => {
    const customer = await createUser(app, 'customer');
    for (const path of ['/api/admin/audit', '/api/admin/audit/export.csv']) {
      expect((await app.request(path)).status, path).toBe(401);
      for (const who of [customer, manager]) {
        expect((await app.request(path, { headers: { cookie: who.cookie } })).status, path).toBe(403);
      }
    }
  });

  it('no route and no statement through the app’s own connection can change or remove a row', async () => {
    // the API has no route under /admin/audit other than the two reads
    const auditRoutes = getApi()
      .routes.filter((r) => r.path.startsWith('/api/admin/audit'))
      .map((r) => `${r.method} ${r.path}`);
    expect(new Set(auditRoutes)).toEqual(
      new Set(['GET /api/admin/audit', 'GET /api/admin/audit/export.csv']),
    );
    const [first] = await app.handle.db.select().from(auditEvents).orderBy(auditEvents.id).limit(1);
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
      const res = await app.request(`/api/admin/audit/${first!.id}`, {
        method,
        headers: { cookie: admin.cookie },
        json: method === 'DELETE' ? undefined : { type: 'tampered' },
      });
      expect(res.status, method).toBe(404);
    }

    const before = await app.handle.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const refused = /audit_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;
    expect(
      await dbError(() =>
        app.handle.db.execute(sql`UPDATE audit_events SET type = 'tampered' WHERE id = ${first!.id}`),
      ),
    ).toMatch(refused);
    expect(
      await dbError(() => app.handle.db.execute(sql`DELETE FROM audit_events WHERE id = ${first!.id}`)),
    ).toMatch(refused);
    expect(await dbError(() => app.handle.db.execute(sql`TRUNCATE audit_events`))).toMatch(refused);
    // through the ORM and inside a transaction as well
    expect(
      await dbError(() =>
        app.handle.db.update(auditEvents).set({ type: 'tampered' }).where(eq(auditEvents.id, first!.id)),
      ),
    ).toMatch(refused);
    expect(
      await dbError(() => app.handle.db.transaction((tx) => tx.delete(auditEvents).where(sql`true`))),
    ).toMatch(refused);
    const after = await app.handle.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
    const [still] = await app.handle.db.select().from(auditEvents).where(eq(auditEvents.id, first!.id));
    expect(still).toEqual(first);
  });
});
