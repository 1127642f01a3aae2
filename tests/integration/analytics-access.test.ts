/**
 * Analytics access and the dashboard API through real HTTP on a real database: who may read
 * (signed out 401; customers and technicians 403 from every analytics route; a manager held to
 * their own shop; admins every shop or one), the query's checks (field messages), and the saved
 * dashboard (default layout, save and reload, the version check under two parallel saves, limits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { payments, repairOrders } from '@/server/db/schema';
import { getApi } from '@/server/entry/api';
import { METRIC_IDS, type MetricResult } from '@/features/analytics/metrics';
import { BACKENDS, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';
import { writeHistory } from './insights-history';

/** Every analytics route of contracts.md (exports and accounting land with an-exports). */
const ROUTES: Array<{ method: 'GET' | 'PUT'; route: string; path: string; body?: unknown }> = [
  ...METRIC_IDS.map((id) => ({
    method: 'GET' as const,
    route: '/api/analytics/metrics/:metric',
    path: `/api/analytics/metrics/${id}`,
  })),
  { method: 'GET', route: '/api/analytics/dashboard', path: '/api/analytics/dashboard' },
  {
    method: 'PUT',
    route: '/api/analytics/dashboard',
    path: '/api/analytics/dashboard',
    body: { widgets: [], version: 0 },
  },
  { method: 'GET', route: '/api/analytics/export.csv', path: '/api/analytics/export.csv' },
  { method: 'GET', route: '/api/analytics/export.xlsx', path: '/api/analytics/export.xlsx' },
  { method: 'GET', route: '/api/analytics/export.pdf', path: '/api/analytics/export.pdf' },
  {
    method: 'GET',
    route: '/api/analytics/accounting/xero.csv',
    path: '/api/analytics/accounting/xero.csv',
  },
  {
    method: 'GET',
    route: '/api/analytics/accounting/quickbooks.csv',
    path: '/api/analytics/accounting/quickbooks.csv',
  },
];

/** Whether the API serves a route (the export routes arrive with an-exports' merge). */
function served(method: string, route: string): boolean {
  return getApi().routes.some((r) => r.method === method && r.path === route);
}

const RANGE = 'from=2026-01-01&to=2026-01-31&compare=previous';
const LONDON_PAID = 12_345;
const MANCHESTER_PAID = 77_777;

describe.each(BACKENDS)('analytics access and dashboard on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let technician: TestUser;
  let londonManager: TestUser;
  let manchesterManager: TestUser;
  let shoplessManager: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    // one paid, collected order in each shop in January 2026
    await writeHistory(app.handle.db, [
      {
        shop: 'london',
        model: 'iphone-15',
        repairs: ['battery'],
        imei: '990000000000001',
        received: '2026-01-10T10:00:00.000Z',
        ready: ['2026-01-12T10:00:00.000Z'],
        collected: '2026-01-14T10:00:00.000Z',
      },
      {
        shop: 'manchester',
        model: 'iphone-15',
        repairs: ['screen-crack'],
        imei: '990000000000002',
        received: '2026-01-10T10:00:00.000Z',
        ready: ['2026-01-12T10:00:00.000Z'],
        collected: '2026-01-14T10:00:00.000Z',
      },
    ]);
    const orders = await app.handle.db
      .select({ id: repairOrders.id, shop: repairOrders.shopSlug })
      .from(repairOrders)
      .where(inArray(repairOrders.imeiSerial, ['990000000000001', '990000000000002']));
    await app.handle.db.insert(payments).values(
      orders.map((o) => ({
        orderId: o.id,
        provider: 'collection' as const,
        status: 'succeeded' as const,
        amountMinor: o.shop === 'london' ? LONDON_PAID : MANCHESTER_PAID,
        currency: 'GBP',
        succeededAt: new Date('2026-01-14T10:30:00.000Z'),
      })),
    );
    customer = await createUser(app, 'customer');
    technician = await createUser(app, 'technician', { shopSlug: 'london' });
    londonManager = await createUser(app, 'manager', { shopSlug: 'london' });
    manchesterManager = await createUser(app, 'manager', { shopSlug: 'manchester' });
    shoplessManager = await createUser(app, 'manager', { shopSlug: null });
    admin = await createUser(app, 'admin');
  }, 300_000);
  afterAll(() => app.close());

  const send = (who: TestUser | null, r: { method: string; path: string; body?: unknown }) =>
    app.request(r.path, {
      method: r.method,
      headers: who ? { cookie: who.cookie } : {},
      ...(r.body !== undefined ? { json: r.body } : {}),
    });
  const get = (who: TestUser | null, p: string) => send(who, { method: 'GET', path: p });
  const metric = async (who: TestUser, id: string, query: string): Promise<MetricResult> => {
    const res = await get(who, `/api/analytics/metrics/${id}?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return (await res.json()) as MetricResult;
  };

  it('lists every analytics route, and metrics and the dashboard are served', () => {
    expect(ROUTES).toHaveLength(METRIC_IDS.length + 7);
    expect(served('GET', '/api/analytics/metrics/:metric')).toBe(true);
    expect(served('GET', '/api/analytics/dashboard')).toBe(true);
    expect(served('PUT', '/api/analytics/dashboard')).toBe(true);
  });

  it('answers 401 signed out and 403 to customers, technicians and shopless managers on every route', async () => {
    for (const r of ROUTES) {
      const exists = served(r.method, r.route);
      for (const [who, status] of [
        [null, 401],
        [customer, 403],
        [technician, 403],
        [shoplessManager, 403],
      ] as const) {
        const res = await send(who, { ...r, path: `${r.path}?${RANGE}` });
        // a route not merged yet is 404; once it exists, it must refuse
        expect(res.status, `${r.method} ${r.path}`).toBe(exists ? status : 404);
        if (exists) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
  });

  it("holds a manager to their own shop: another shop (or all) is 403, and the figures are their shop's", async () => {
    for (const shop of ['manchester', 'all']) {
      const res = await get(londonManager, `/api/analytics/metrics/revenueSummary?${RANGE}&shop=${shop}`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(String(MANCHESTER_PAID));
    }
    for (const query of [RANGE, `${RANGE}&shop=london`]) {
      const body = await metric(londonManager, 'revenueSummary', query);
      expect(body.shops).toEqual(['london']);
      expect(body.range).toEqual({ from: '2026-01-01', to: '2026-01-31' });
      expect(body.compareRange).toEqual({ from: '2025-12-01', to: '2025-12-31' });
      expect(body.currency).toBe('GBP');
    }
    // no metric answered to London's manager carries Manchester's figure
    for (const id of METRIC_IDS) {
      const body = await metric(londonManager, id, RANGE);
      expect(body.shops, id).toEqual(['london']);
      expect(JSON.stringify(body), id).not.toContain(String(MANCHESTER_PAID));
      expect(JSON.stringify(body), id).not.toContain(String(MANCHESTER_PAID + LONDON_PAID));
    }
    expect((await metric(manchesterManager, 'revenueSummary', RANGE)).shops).toEqual(['manchester']);
  });

  it('lets an admin read every shop or one', async () => {
    expect((await metric(admin, 'revenueSummary', RANGE)).shops).toBeNull();
    expect((await metric(admin, 'revenueSummary', `${RANGE}&shop=all`)).shops).toBeNull();
    expect((await metric(admin, 'revenueSummary', `${RANGE}&shop=manchester`)).shops).toEqual(['manchester']);
    const year = await metric(admin, 'revenueSeries', 'from=2025-03-01&to=2025-03-31&compare=year');
    expect(year.compareRange).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    const none = await metric(admin, 'revenueSeries', 'from=2025-03-01&to=2025-03-31&compare=none');
    expect(none.compareRange).toBeNull();
    // defaults: the last 30 days to today, compared with the 30 before
    const dflt = await metric(admin, 'queue', '');
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(days(dflt.range.from, dflt.range.to)).toBe(29);
    expect(days(dflt.compareRange!.to, dflt.range.from)).toBe(1);
    const unknownShop = await get(admin, `/api/analytics/metrics/queue?shop=atlantis`);
    expect(unknownShop.status).toBe(422);
  });

  it("counts each shop's money only in its scope", async () => {
    const money = (r: MetricResult) => r.cards.filter((c) => c.unit === 'money').map((c) => c.value);
    expect(money(await metric(londonManager, 'revenueSummary', RANGE))).toContain(LONDON_PAID);
    expect(money(await metric(manchesterManager, 'revenueSummary', RANGE))).toContain(MANCHESTER_PAID);
    expect(money(await metric(admin, 'revenueSummary', RANGE))).toContain(LONDON_PAID + MANCHESTER_PAID);
  });

  it('refuses a bad query with field messages, and an unknown metric with 404', async () => {
    const problem = async (query: string, metricId = 'revenueSummary') => {
      const res = await get(admin, `/api/analytics/metrics/${metricId}?${query}`);
      const text = await res.text();
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        body: JSON.parse(text) as { errors?: Array<{ path: string; message: string }> },
      };
    };
    const cases: Array<[string, string]> = [
      ['from=2025-02-30&to=2025-03-10', 'from'],
      ['from=2025-13-01&to=2025-12-31', 'from'],
      ['from=yesterday', 'from'],
      ['from=2025-03-10&to=2025-03-01', 'from'],
      ['from=2020-01-01&to=2023-01-02', 'to'],
      ['compare=lastYear', 'compare'],
      ['interval=hour', 'interval'],
      ['shop=lon%00don', 'shop'],
      ['from=2025-01-01%00', 'from'],
      ['shop=%F0%9F%92%A5', 'shop'],
    ];
    for (const [query, field] of cases) {
      const p = await problem(query);
      expect(p.status, query).toBe(422);
      expect(p.type).toContain('application/problem+json');
      expect(
        p.body.errors?.map((e) => e.path),
        query,
      ).toContain(field);
      expect(p.body.errors?.every((e) => e.message.length > 0)).toBe(true);
    }
    // exactly three years is fine
    expect((await problem('from=2020-01-01&to=2022-12-31')).status).toBe(200);
    expect((await problem(RANGE, 'noSuchMetric')).status).toBe(404);
    // a NUL byte anywhere is refused before any lookup (the API's safe-strings check)
    expect((await problem(RANGE, 'revenue%00Summary')).status).toBe(422);
  });

  describe('the saved dashboard', () => {
    const dashboard = async (who: TestUser) => {
      const res = await get(who, '/api/analytics/dashboard');
      expect(res.status).toBe(200);
      return (await res.json()) as { widgets: Array<{ id: string; metric: string }>; version: number };
    };
    const put = (who: TestUser, body: unknown) =>
      send(who, { method: 'PUT', path: '/api/analytics/dashboard', body });
    const widget = (id: string, metricId = 'turnaround') => ({
      id,
      metric: metricId,
      view: 'chart',
      size: 'small',
    });

    it('answers a default layout, saves, and keeps it for the next read (per user)', async () => {
      const first = await dashboard(manchesterManager);
      expect(first.version).toBe(0);
      expect(first.widgets.length).toBeGreaterThan(0);
      for (const w of first.widgets) expect(METRIC_IDS).toContain(w.metric);

      const widgets = [...first.widgets, widget('mine-1', 'topModels')];
      const saved = await put(manchesterManager, { widgets, version: 0 });
      expect(saved.status).toBe(200);
      expect(await saved.json()).toEqual({ widgets, version: 1 });
      expect(await dashboard(manchesterManager)).toEqual({ widgets, version: 1 });
      // another user's dashboard is their own
      expect((await dashboard(admin)).widgets.map((w) => w.id)).not.toContain('mine-1');
    });

    it('lets one of two parallel saves of the same version win; the other gets 409 with the current one', async () => {
      const base = await put(londonManager, { widgets: [widget('a')], version: 0 });
      expect(base.status).toBe(200);
      const results = await Promise.all([
        put(londonManager, { widgets: [widget('a'), widget('b')], version: 1 }),
        put(londonManager, { widgets: [widget('c')], version: 1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      const problem = (await loser.json()) as { code: string; current: { version: number } };
      expect(problem.code).toBe('VERSION_CONFLICT');
      expect(problem.current.version).toBe(2);
      const now = await dashboard(londonManager);
      expect(now.version).toBe(2);
      // a second first save (version 0) is stale too
      expect((await put(londonManager, { widgets: [], version: 0 })).status).toBe(409);
      expect((await put(londonManager, { widgets: [], version: 7 })).status).toBe(409);
    });

    it('refuses 25 widgets, duplicate ids, unknown metrics and odd ids with field messages', async () => {
      const tooMany = Array.from({ length: 25 }, (_, i) => widget(`w${i}`));
      const cases: Array<[unknown, string]> = [
        [{ widgets: tooMany, version: 0 }, 'widgets'],
        [{ widgets: [widget('x'), widget('x')], version: 0 }, 'widgets'],
        [{ widgets: [widget('x', 'profit')], version: 0 }, 'widgets.0.metric'],
        [{ widgets: [widget('x\u0000y')], version: 0 }, 'widgets.0.id'],
        [{ widgets: [{ ...widget('x'), size: 'huge' }], version: 0 }, 'widgets.0.size'],
        [{ widgets: [], version: -1 }, 'version'],
      ];
      for (const [body, field] of cases) {
        const res = await put(admin, body);
        expect(res.status, field).toBe(422);
        const p = (await res.json()) as { errors: Array<{ path: string; message: string }> };
        expect(
          p.errors.map((e) => e.path),
          field,
        ).toContain(field);
      }
      // 24 is the most
      expect((await put(admin, { widgets: tooMany.slice(0, 24), version: 0 })).status).toBe(200);
    });
  });
});
