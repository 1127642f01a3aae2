import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startApp, type TestApp } from './harness';

interface Nearest {
  query: string;
  place: { kind: string; label: string; latitude: number; longitude: number } | null;
  reason: string | null;
  alternatives: string[];
  items: Array<{ slug: string; distanceKm: number }>;
}

describe.each(BACKENDS)('nearest shop lookup API on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  const nearest = async (q: string) => {
    const res = await app.request(`/api/shops/nearest?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Nearest;
  };

  it('ranks Manchester first from Salford and London first from Camden Town', async () => {
    const salford = await nearest('salford');
    expect(salford.place?.kind).toBe('town');
    expect(salford.items.map((i) => i.slug)).toEqual(['manchester', 'london']);
    expect(salford.items[0]!.distanceKm).toBeLessThan(5);
    expect(salford.items[1]!.distanceKm).toBeGreaterThan(250);

    const camden = await nearest('Camden Town');
    expect(camden.items.map((i) => i.slug)).toEqual(['london', 'manchester']);
    expect(camden.items[0]!.distanceKm).toBeLessThan(5);
  });

  it('offers the other places of an ambiguous name', async () => {
    const r = await nearest('Newport');
    expect(r.place?.label).toBe('Newport, Wales');
    expect(r.alternatives).toContain('Newport, Essex');
  });

  it('says when it does not know the place', async () => {
    expect(await nearest('XYZ')).toEqual({
      query: 'XYZ',
      place: null,
      reason: 'unknown',
      alternatives: [],
      items: [],
    });
  });

  it("finds the nearest shop from a postcode, placed at its area's post town", async () => {
    const m = await nearest('M1 1AE');
    expect(m.place).toMatchObject({ kind: 'area', label: 'M1, Manchester postcode area' });
    expect(m.items[0]!.slug).toBe('manchester');
    const wc = await nearest('wc1e');
    expect(wc.place).toMatchObject({ kind: 'area', label: 'WC1E, London postcode area' });
    expect(wc.items[0]!.slug).toBe('london');
  });

  it('says a postcode outside every known area is not available instead of guessing a place', async () => {
    const r = await nearest('QQ1 1AA');
    expect(r.place).toBeNull();
    expect(r.reason).toBe('district_unavailable');
  });

  it('rejects an empty or overlong query with a field message', async () => {
    for (const q of ['', '%20%20', 'x'.repeat(61)]) {
      const res = await app.request(`/api/shops/nearest?q=${q}`);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(body.errors[0]?.path).toBe('q');
    }
    expect((await app.request('/api/shops/nearest')).status).toBe(422);
  });
});
