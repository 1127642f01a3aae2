import { rankByDistance } from '../geo';
import type { NearestResult } from '../schemas';
import { findPlace, loadPlaceData } from './find-place';
import type { ShopRow } from './list-shops';

/** The shops nearest first from the place `q` names, or why no place was found. */
export async function findNearestShops(
  shops: Pick<ShopRow, 'slug' | 'latitude' | 'longitude'>[],
  q: string,
): Promise<NearestResult> {
  const found = findPlace(await loadPlaceData(), q);
  if (!found.found) return { query: q, place: null, reason: found.reason, alternatives: [], items: [] };
  return {
    query: q,
    place: found.place,
    reason: null,
    alternatives: found.alternatives,
    items: rankByDistance(found.place, shops).map((r) => ({
      slug: r.shop.slug,
      distanceKm: Math.round(r.distanceKm * 10) / 10,
    })),
  };
}
