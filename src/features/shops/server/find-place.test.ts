import { describe, expect, it } from 'vitest';
import { findPlace, loadPlaceData, type PlaceData } from './find-place';

describe('findPlace on the shipped data (GeoNames towns)', () => {
  it('finds towns whatever the case and spacing', async () => {
    const data = await loadPlaceData();
    for (const q of ['Leeds', 'leeds', '  LEEDS ']) {
      const r = findPlace(data, q);
      expect(r.found).toBe(true);
      if (!r.found) continue;
      expect(r.place.kind).toBe('town');
      expect(r.place.label).toMatch(/^Leeds, /);
      expect(r.place.latitude).toBeCloseTo(53.8, 1);
      expect(r.place.longitude).toBeCloseTo(-1.55, 1);
    }
  });

  it('finds Manchester and London near their shops', async () => {
    const data = await loadPlaceData();
    const m = findPlace(data, 'manchester');
    const l = findPlace(data, 'London');
    expect(m.found && m.place.latitude).toBeCloseTo(53.48, 1);
    expect(l.found && l.place.latitude).toBeCloseTo(51.51, 1);
  });

  it('picks the principal Newport and offers the others, each of which looks itself up', async () => {
    const data = await loadPlaceData();
    const r = findPlace(data, 'Newport');
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.place.label).toBe('Newport, Wales');
    expect(r.alternatives).toContain('Newport, Isle of Wight');
    expect(r.alternatives).toContain('Newport, Essex');
    expect(r.alternatives).toHaveLength(5);
    const iow = findPlace(data, 'Newport, Isle of Wight');
    expect(iow.found && iow.place.label).toBe('Newport, Isle of Wight');
    expect(iow.found && iow.place.latitude).toBeCloseTo(50.7, 1);
    const pembs = findPlace(data, 'newport, pembrokeshire');
    expect(pembs.found && pembs.place.longitude).toBeCloseTo(-4.83, 1);
  });

  it('does not mistake nonsense for a place', async () => {
    const data = await loadPlaceData();
    for (const q of ['XYZ', 'Qwertyville', '123', '', '!!!']) {
      expect(findPlace(data, q)).toEqual({ found: false, reason: 'unknown' });
    }
  });

  it("places a postcode at its area's post town while no district centres ship", async () => {
    const data = await loadPlaceData();
    expect(Object.keys(data.districts)).toHaveLength(0);
    const manchester = data.towns.find((t) => t[0] === 'Manchester')!;
    const london = data.towns.find((t) => t[0] === 'London')!;
    expect(findPlace(data, 'M1 1AE')).toEqual({
      found: true,
      place: {
        kind: 'area',
        label: 'M1, Manchester postcode area',
        latitude: manchester[1],
        longitude: manchester[2],
      },
      alternatives: [],
    });
    expect(findPlace(data, 'wc1e')).toMatchObject({
      found: true,
      place: { kind: 'area', label: 'WC1E, London postcode area', latitude: london[1], longitude: london[2] },
    });
    // a shared town name resolves to the area's own town: PR is Preston, Lancashire
    expect(findPlace(data, 'PR1')).toMatchObject({ place: { latitude: 53.7628, longitude: -2.7045 } });
    expect(findPlace(data, 'SK4')).toMatchObject({ place: { label: 'SK4, Stockport postcode area' } });
  });

  it('knows every postcode area of Great Britain and Northern Ireland', async () => {
    const data = await loadPlaceData();
    expect(Object.keys(data.areas ?? {})).toHaveLength(121);
  });

  it('says a postcode outside every known area is not available rather than guessing', async () => {
    const data = await loadPlaceData();
    // QQ is no postcode area; the Channel Islands (JE) are not in the UK gazetteer
    for (const [q, district] of [
      ['QQ1 1AA', 'QQ1'],
      ['JE2', 'JE2'],
    ] as const) {
      expect(findPlace(data, q)).toEqual({ found: false, reason: 'district_unavailable', district });
    }
  });
});

describe('findPlace with district centres', () => {
  // the lookup itself, on a two-district table shaped like the shipped file's `districts`
  const data: PlaceData = {
    towns: [['Leeds', 53.7965, -1.5478, 'City and Borough of Leeds', 'England']],
    districts: { M1: [53.4794, -2.2353], WC1E: [51.5216, -0.1339] },
  };

  it.each([
    ['M1', 'M1', 53.4794],
    ['m1', 'M1', 53.4794],
    ['M1 1AE', 'M1', 53.4794],
    ['m11ae', 'M1', 53.4794],
    ['WC1E 6BT', 'WC1E', 51.5216],
    ['wc1e', 'WC1E', 51.5216],
  ])('finds %j as district %s', (q, label, latitude) => {
    expect(findPlace(data, q)).toEqual({
      found: true,
      place: { kind: 'district', label, latitude, longitude: data.districts[label]![1] },
      alternatives: [],
    });
  });

  it('reports a well-formed district it does not have', () => {
    expect(findPlace(data, 'ZZ9 9ZZ')).toEqual({
      found: false,
      reason: 'district_unavailable',
      district: 'ZZ9',
    });
  });
});
