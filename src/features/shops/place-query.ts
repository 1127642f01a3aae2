/**
 * Reading what someone types into "Town or postcode district": a UK postcode (full, or its
 * outward part, the district) or a place name. Pure; the lookup itself is server/find-place.ts.
 */

/** A postcode district (outward code): A9, A99, AA9, AA99, A9A, AA9A. */
const DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
/** The inward part of a full postcode: 9AA. */
const INWARD = /^[0-9][A-Z]{2}$/;

export type PlaceQuery =
  | { kind: 'district'; district: string; postcode: string | null }
  | { kind: 'town'; name: string }
  | { kind: 'invalid' };

export const PLACE_QUERY_MAX = 60;

/** Lower-case, accent- and punctuation-free form of a place name, for matching. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u00ad\u200b-\u200d]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bsaint\b/g, 'st')
    .trim();
}

/**
 * What the text is: a full postcode ("M1 1AE", "m11ae", "SW1A 1AA") gives its district (M1,
 * SW1A) and the postcode in standard form; a district alone ("M1", "sw1a") gives the district;
 * anything else with letters is a place name.
 */
export function parsePlaceQuery(input: string): PlaceQuery {
  const raw = input.trim();
  if (raw.length === 0 || raw.length > PLACE_QUERY_MAX) return { kind: 'invalid' };
  const compact = raw.toUpperCase().replace(/\s+/g, '');
  if (compact.length >= 5 && compact.length <= 7) {
    const outward = compact.slice(0, -3);
    const inward = compact.slice(-3);
    if (DISTRICT.test(outward) && INWARD.test(inward)) {
      return { kind: 'district', district: outward, postcode: `${outward} ${inward}` };
    }
  }
  if (DISTRICT.test(compact)) return { kind: 'district', district: compact, postcode: null };
  const name = foldName(raw);
  if (!/[a-z]/.test(name)) return { kind: 'invalid' };
  return { kind: 'town', name };
}
