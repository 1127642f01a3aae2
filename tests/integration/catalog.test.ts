import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startApp, type TestApp } from './harness';

describe.each(BACKENDS)('catalogue, shops and pricing API on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  it('lists the six categories with model counts', async () => {
    const res = await app.request('/api/catalog/categories');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<{ slug: string; modelCount: number }> };
    expect(items.map((c) => c.slug)).toEqual(['phone', 'tablet', 'laptop', 'desktop', 'console', 'other']);
    expect(items.reduce((n, c) => n + c.modelCount, 0)).toBeGreaterThanOrEqual(120);
  });

  it('finds "iphone 15" by name, the exact model first', async () => {
    const res = await app.request('/api/catalog/models?q=iphone%2015');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ slug: string; releaseYear: number }>; total: number };
    expect(body.items[0]?.slug).toBe('iphone-15');
    expect(body.items.map((m) => m.slug)).toEqual(
      expect.arrayContaining(['iphone-15', 'iphone-15-plus', 'iphone-15-pro', 'iphone-15-pro-max']),
    );
    expect(body.items.every((m) => m.slug.startsWith('iphone-15'))).toBe(true);
    expect(body.items[0]?.releaseYear).toBe(2023);
  });

  it('filters by category and brand', async () => {
    const res = await app.request('/api/catalog/models?category=console&brand=sony&limit=200');
    const body = (await res.json()) as { items: Array<{ brand: string; category: string }> };
    expect(body.items.length).toBeGreaterThan(2);
    expect(body.items.every((m) => m.brand === 'sony' && m.category === 'console')).toBe(true);
  });

  it('rejects a bad query with field messages', async () => {
    const res = await app.request('/api/catalog/models?limit=abc');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { errors: Array<{ path: string }> };
    expect(body.errors[0]?.path).toBe('limit');
  });

  it('returns a model with its repairs and prices', async () => {
    const res = await app.request('/api/catalog/models/iphone-15');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      name: string;
      repairs: Array<{
        slug: string;
        priceMinor: number;
        partsMinor: number;
        labourMinor: number;
        warrantyDays: number;
      }>;
    };
    expect(body.name).toBe('iPhone 15');
    const screen = body.repairs.find((r) => r.slug === 'screen-crack');
    expect(screen).toBeDefined();
    expect(screen!.priceMinor).toBe(screen!.partsMinor + screen!.labourMinor);
    expect(Number.isInteger(screen!.priceMinor)).toBe(true);
  });

  it('answers 404 problem+json for an unknown model', async () => {
    const res = await app.request('/api/catalog/models/no-such-phone');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('lists two shops with coordinates, hours and time zone', async () => {
    const res = await app.request('/api/shops');
    const { items } = (await res.json()) as {
      items: Array<{
        slug: string;
        latitude: number;
        timeZone: string;
        openingHours: Record<string, unknown>;
      }>;
    };
    expect(items.map((s) => s.slug).sort()).toEqual(['london', 'manchester']);
    for (const s of items) {
      expect(s.timeZone).toBe('Europe/London');
      expect(Number.isFinite(s.latitude)).toBe(true);
      expect(Object.keys(s.openingHours).length).toBeGreaterThan(0);
    }
  });

  it('offers drop-off slots after the minimum notice, within the horizon', async () => {
    const res = await app.request('/api/shops/london/slots');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: Array<{ startsAt: string; available: number; capacity: number }>;
    };
    expect(items.length).toBeGreaterThan(10);
    const first = new Date(items[0]!.startsAt).getTime();
    const last = new Date(items.at(-1)!.startsAt).getTime();
    expect(first).toBeGreaterThanOrEqual(Date.now() + 120 * 60_000 - 1000);
    expect(last).toBeLessThanOrEqual(Date.now() + 22 * 24 * 3600_000);
    expect(items.every((s) => s.available === s.capacity)).toBe(true);
    expect((await app.request('/api/shops/atlantis/slots')).status).toBe(404);
  });

  it('prices a quote on the server with discount and VAT', async () => {
    const res = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack', 'battery'], urgency: 'standard' },
    });
    expect(res.status).toBe(200);
    const q = (await res.json()) as {
      lines: Array<{ grossMinor: number; discountMinor: number }>;
      subtotalMinor: number;
      discountMinor: number;
      totalMinor: number;
      vat: { netMinor: number; vatMinor: number; rateBp: number };
      currency: string;
      expiresAt: string;
    };
    expect(q.currency).toBe('GBP');
    expect(q.lines).toHaveLength(2);
    expect(q.discountMinor).toBeGreaterThan(0);
    expect(q.totalMinor).toBe(q.subtotalMinor - q.discountMinor);
    expect(q.vat.netMinor + q.vat.vatMinor).toBe(q.totalMinor);
    expect(q.vat.rateBp).toBe(2000);
    expect(new Date(q.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('applies the shop urgency surcharge', async () => {
    const base = { modelSlug: 'iphone-15', repairSlugs: ['battery'], shopSlug: 'london' };
    const standard = (await (
      await app.request('/api/pricing/quote', { method: 'POST', json: base })
    ).json()) as {
      totalMinor: number;
    };
    const sameDay = (await (
      await app.request('/api/pricing/quote', { method: 'POST', json: { ...base, urgency: 'same_day' } })
    ).json()) as { totalMinor: number; urgencySurchargeMinor: number };
    expect(sameDay.urgencySurchargeMinor).toBeGreaterThan(0);
    expect(sameDay.totalMinor).toBe(standard.totalMinor + sameDay.urgencySurchargeMinor);
  });

  it('rejects unknown repairs and malformed bodies clearly', async () => {
    const unknown = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'ps5', repairSlugs: ['screen-crack'] },
    });
    expect(unknown.status).toBe(422);
    const body = (await unknown.json()) as { errors: Array<{ path: string }> };
    expect(body.errors[0]?.path).toBe('repairSlugs.0');

    const malformed = await app.request('/api/pricing/quote', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"modelSlug":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('BAD_REQUEST');

    const empty = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'iphone-15', repairSlugs: [] },
    });
    expect(empty.status).toBe(422);
  });
});
