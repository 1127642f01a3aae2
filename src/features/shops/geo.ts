/**
 * Distances and travel-time estimates for "find my nearest shop". Pure: shared by the API
 * (ranking shops from a looked-up place) and the browser (ranking from the device's position).
 */

export interface LatLng {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const kmToMiles = (km: number) => km / KM_PER_MILE;

/**
 * The assumptions behind the travel hints, stated so the page can say them: streets are not
 * straight lines (a detour factor on the straight-line distance), people walk about 4.8 km/h,
 * and city driving averages about 30 km/h, longer trips about 70 km/h door to door.
 */
export const TRAVEL_ASSUMPTIONS = {
  detourFactor: 1.3,
  walkingKmh: 4.8,
  cityDrivingKmh: 30,
  longDrivingKmh: 70,
  /** drives up to this road distance use the city speed; beyond, the long-distance speed */
  cityDrivingUpToKm: 15,
  /** walking is suggested up to this straight-line distance */
  walkUpToKm: 3,
} as const;

export interface TravelHint {
  mode: 'walk' | 'drive';
  /** rounded estimate in minutes (never below 1) */
  minutes: number;
}

/** Round minutes the way people say them: to 1 under 10, to 5 under an hour, to 15 beyond. */
export function roundMinutes(min: number): number {
  if (min < 10) return Math.max(1, Math.round(min));
  if (min < 60) return Math.round(min / 5) * 5;
  return Math.round(min / 15) * 15;
}

/**
 * Estimated travel times for a straight-line distance: a walk when it is under
 * `walkUpToKm`, always a drive. Estimates only; no routing service is asked.
 */
export function travelHints(straightKm: number): TravelHint[] {
  const a = TRAVEL_ASSUMPTIONS;
  if (!Number.isFinite(straightKm) || straightKm < 0) return [];
  const roadKm = straightKm * a.detourFactor;
  const hints: TravelHint[] = [];
  if (straightKm < a.walkUpToKm) {
    hints.push({ mode: 'walk', minutes: roundMinutes((roadKm / a.walkingKmh) * 60) });
  }
  const driveMinutes =
    roadKm <= a.cityDrivingUpToKm
      ? (roadKm / a.cityDrivingKmh) * 60
      : (a.cityDrivingUpToKm / a.cityDrivingKmh) * 60 +
        ((roadKm - a.cityDrivingUpToKm) / a.longDrivingKmh) * 60;
  hints.push({ mode: 'drive', minutes: roundMinutes(driveMinutes) });
  return hints;
}

export interface RankedShop<S> {
  shop: S;
  distanceKm: number;
}

/** Shops with their distance from `from`, nearest first (ties keep the given order). */
export function rankByDistance<S extends LatLng>(from: LatLng, shops: readonly S[]): RankedShop<S>[] {
  return shops
    .map((shop, i) => ({ shop, distanceKm: haversineKm(from, shop), i }))
    .sort((x, y) => x.distanceKm - y.distanceKm || x.i - y.i)
    .map(({ shop, distanceKm }) => ({ shop, distanceKm }));
}
