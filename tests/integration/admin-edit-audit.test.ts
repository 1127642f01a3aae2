/**
 * The admin's catalogue, price and shop-hours edits each write exactly one audit row (actor,
 * target, before/after of the fields given, address and user agent) in the change's own
 * transaction, visible in GET /api/admin/audit; a refused (422) or missing (404) edit writes none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { deviceModels, modelRepairs, shops } from '@/server/db/schema';
import type { AuditEventView } from '@/features/audit/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';
import { auditRowsAfter, createUser, lastAuditId, type TestUser } from './fixtures';

describe.each(BACKENDS)('admin edits are audited on $name', (backend) => {
  let app: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    admin = await createUser(app, 'admin');
  }, 120_000);
  afterAll(() => app?.close());

  const asAdmin = (path: string, method: string, json: unknown) =>
    app.request(path, {
      method,
      json,
      headers: { cookie: admin.cookie, origin: app.origin, 'user-agent': 'AdminEditAudit/1.0' },
    });
  /** The row as GET /api/admin/audit lists it. */
  async function listed(type: string, id: number): Promise<AuditEventView | undefined> {
    const res = await app.request(`/api/admin/audit?type=${type}&limit=50`, {
      headers: { cookie: admin.cookie },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: AuditEventView[] };
    return page.items.find((e) => e.id === id);
  }
  const actor = () => ({
    actorUserId: admin.id,
    actorEmail: admin.email,
    actorRole: 'admin',
    ip: expect.stringMatching(/127\.0\.0\.1/),
    userAgent: 'AdminEditAudit/1.0',
  });

  it('renaming a model writes one catalog_model_changed row with the name before and after', async () => {
    const [model] = await app.handle.db
      .select({ name: deviceModels.name })
      .from(deviceModels)
      .where(eq(deviceModels.slug, 'iphone-15'));
    const mark = await lastAuditId(app);
    const res = await asAdmin('/api/admin/catalog/models/iphone-15', 'PATCH', { name: 'iPhone 15 (audit)' });
    expect(res.status).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'catalog_model_changed',
      targetType: 'device_model',
      targetId: 'iphone-15',
      details: { before: { name: model!.name }, after: { name: 'iPhone 15 (audit)' } },
      ...actor(),
    });
    expect(await listed('catalog_model_changed', rows[0]!.id)).toMatchObject({
      targetId: 'iphone-15',
      actorEmail: admin.email,
      details: { after: { name: 'iPhone 15 (audit)' } },
    });
  });

  it('changing a price writes one catalog_price_changed row with the given fields only', async () => {
    const [before] = await app.handle.db
      .select()
      .from(modelRepairs)
      .where(sql`${modelRepairs.modelSlug} = 'iphone-15' and ${modelRepairs.repairSlug} = 'screen-crack'`);
    const mark = await lastAuditId(app);
    const res = await asAdmin('/api/admin/catalog/models/iphone-15/repairs/screen-crack/price', 'PUT', {
      partsMinor: 12_345,
      labourMinor: 2_000,
      warrantyDays: 180,
    });
    expect(res.status).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'catalog_price_changed',
      targetType: 'model_repair',
      targetId: 'iphone-15/screen-crack',
      ...actor(),
    });
    expect(rows[0]!.details).toEqual({
      before: {
        partsMinor: before!.partsMinor,
        labourMinor: before!.labourMinor,
        warrantyDays: before!.warrantyDays,
      },
      after: { partsMinor: 12_345, labourMinor: 2_000, warrantyDays: 180 },
    });
    expect(await listed('catalog_price_changed', rows[0]!.id)).toBeDefined();
  });

  it('changing shop hours writes one shop_hours_changed row with the hours before and after', async () => {
    const [shop] = await app.handle.db
      .select({ closedDates: shops.closedDates })
      .from(shops)
      .where(eq(shops.slug, 'london'));
    const mark = await lastAuditId(app);
    const res = await asAdmin('/api/admin/shops/london/hours', 'PATCH', { closedDates: ['2030-12-25'] });
    expect(res.status).toBe(200);
    const rows = await auditRowsAfter(app, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'shop_hours_changed',
      targetType: 'shop',
      targetId: 'london',
      ...actor(),
    });
    expect(rows[0]!.details).toEqual({
      before: { closedDates: shop!.closedDates },
      after: { closedDates: ['2030-12-25'] },
    });
    expect(await listed('shop_hours_changed', rows[0]!.id)).toBeDefined();
  });

  it('a refused (422) or missing (404) edit writes no row', async () => {
    const mark = await lastAuditId(app);
    const cases: Array<[string, string, unknown, number]> = [
      ['/api/admin/catalog/models/iphone-15', 'PATCH', {}, 422],
      ['/api/admin/catalog/models/no-such-model', 'PATCH', { name: 'X' }, 404],
      [
        '/api/admin/catalog/models/iphone-15/repairs/screen-crack/price',
        'PUT',
        { partsMinor: -1, labourMinor: 0 },
        422,
      ],
      [
        '/api/admin/catalog/models/iphone-15/repairs/no-such-repair/price',
        'PUT',
        { partsMinor: 1, labourMinor: 1 },
        404,
      ],
      ['/api/admin/shops/london/hours', 'PATCH', { closedDates: ['25/12/2030'] }, 422],
      ['/api/admin/shops/nowhere/hours', 'PATCH', { closedDates: [] }, 404],
    ];
    for (const [path, method, body, status] of cases) {
      expect((await asAdmin(path, method, body)).status, `${method} ${path}`).toBe(status);
    }
    expect(await auditRowsAfter(app, mark)).toHaveLength(0);
  });
});
