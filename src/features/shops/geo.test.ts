import { describe, expect, it } from 'vitest';
import { haversineKm, kmToMiles, rankByDistance, roundMinutes, travelHints } from './geo';

const LONDON_SHOP = { slug: 'london', latitude: 51.5226, longitude: -0.1365 };
const MANCHESTER_SHOP = { slug: 'manchester', latitude: 53.4839, longitude: -2.2341 };

describe('haversineKm', () => {
  it('is zero from a point to itself', () => {
    expect(haversineKm(LONDON_SHOP, LONDON_SHOP)).toBe(0);
  });

  it('gives one degree of the equator as ~111.2 km', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111.195, 2);
  });

  it('gives one degree of latitude along a meridian as the same ~111.2 km', () => {
    expect(haversineKm({ latitude: 51, longitude: -2 }, { latitude: 52, longitude: -2 })).toBeCloseTo(
      111.195,
      2,
    );
  });

  it('puts the two shops about 262 km (163 miles) apart, whichever way round', () => {
    const km = haversineKm(LONDON_SHOP, MANCHESTER_SHOP);
    expect(km).toBeGreaterThan(258);
    expect(km).toBeLessThan(266);
    expect(haversineKm(MANCHESTER_SHOP, LONDON_SHOP)).toBeCloseTo(km, 9);
    expect(kmToMiles(km)).toBeGreaterThan(160);
    expect(kmToMiles(km)).toBeLessThan(166);
  });

  it('handles antipodes without NaN', () => {
    const d = haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    expect(d).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe('kmToMiles', () => {
  it('uses the international mile', () => {
    expect(kmToMiles(1.609344)).toBeCloseTo(1, 12);
    expect(kmToMiles(100)).toBeCloseTo(62.137, 3);
  });
});

describe('roundMinutes', () => {
  it('rounds like people say times', () => {
    expect(roundMinutes(0.2)).toBe(1);
    expect(roundMinutes(7.4)).toBe(7);
    expect(roundMinutes(12.4)).toBe(10);
    expect(roundMinutes(13)).toBe(15);
    expect(roundMinutes(59)).toBe(60);
    expect(roundMinutes(68)).toBe(75);
    expect(roundMinutes(200)).toBe(195);
  });
});

describe('travelHints', () => {
  it('offers a walk and a drive under 3 km, with a detour factor of 1.3 at 4.8 km/h walking', () => {
    // 1 km straight = 1.3 km of streets = 16.25 min on foot, 2.6 min by car
    expect(travelHints(1)).toEqual([
      { mode: 'walk', minutes: 15 },
      { mode: 'drive', minutes: 3 },
    ]);
  });

  it('offers only a drive from 3 km on', () => {
    const hints = travelHints(3);
    expect(hints.map((h) => h.mode)).toEqual(['drive']);
    // 3.9 km at 30 km/h = 7.8 min
    expect(hints[0]!.minutes).toBe(8);
  });

  it('drives long trips at 70 km/h after the first 15 km of town driving', () => {
    // 262 km straight = 340.6 km road: 30 min for 15 km + 325.6 km / 70 km/h = 279 min → 309 → 315
    expect(travelHints(262)).toEqual([{ mode: 'drive', minutes: 315 }]);
  });

  it('is continuous at the town/long-distance boundary', () => {
    const justUnder = travelHints(15 / 1.3 - 0.001)[0]!.minutes;
    const justOver = travelHints(15 / 1.3 + 0.001)[0]!.minutes;
    expect(justUnder).toBe(justOver);
  });

  it('says nothing for impossible distances', () => {
    expect(travelHints(-1)).toEqual([]);
    expect(travelHints(Number.NaN)).toEqual([]);
  });
});

describe('rankByDistance', () => {
  it('puts the London shop first from Euston and the Manchester shop first from Piccadilly', () => {
    const euston = { latitude: 51.5282, longitude: -0.1337 };
    const piccadilly = { latitude: 53.4774, longitude: -2.2309 };
    const fromLondon = rankByDistance(euston, [MANCHESTER_SHOP, LONDON_SHOP]);
    expect(fromLondon.map((r) => r.shop.slug)).toEqual(['london', 'manchester']);
    expect(fromLondon[0]!.distanceKm).toBeLessThan(1);
    const fromManchester = rankByDistance(piccadilly, [LONDON_SHOP, MANCHESTER_SHOP]);
    expect(fromManchester.map((r) => r.shop.slug)).toEqual(['manchester', 'london']);
  });

  it('keeps the given order for equal distances and returns nothing for no shops', () => {
    const a = { slug: 'a', latitude: 52, longitude: -1 };
    const b = { slug: 'b', latitude: 52, longitude: -1 };
    expect(rankByDistance({ latitude: 50, longitude: 0 }, [a, b]).map((r) => r.shop.slug)).toEqual([
      'a',
      'b',
    ]);
    expect(rankByDistance({ latitude: 50, longitude: 0 }, [])).toEqual([]);
  });
});
