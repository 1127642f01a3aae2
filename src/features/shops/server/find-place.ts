import { foldName, parsePlaceQuery } from '../place-query';

type Town = [name: string, latitude: number, longitude: number, county: string, nation: string];

/**
 * The shipped gazetteer (scripts/build-uk-places.mjs builds it): towns, postcode districts (none
 * yet: no open source on the npm registry), and postcode areas placed at their post town.
 */
export interface PlaceData {
  towns: Town[];
  districts: Record<string, [latitude: number, longitude: number]>;
  areas?: Record<string, [latitude: number, longitude: number, town: string]>;
}

export interface Place {
  /** `area`: a postcode placed at its area's post town (tens of km, said in the label) */
  kind: 'town' | 'district' | 'area';
  /** what to show: "Leeds, City and Borough of Leeds", "M1", "M1, Manchester postcode area" */
  label: string;
  latitude: number;
  longitude: number;
}

export type PlaceLookup =
  /** `alternatives`: other places of the same name, as labels that look each one up */
  | { found: true; place: Place; alternatives: string[] }
  /** not a place we know (or not a place at all) */
  | { found: false; reason: 'unknown' }
  /** a well-formed postcode district the shipped data places nowhere (not even its area) */
  | { found: false; reason: 'district_unavailable'; district: string };

interface Index {
  towns: Map<string, Town[]>;
  districts: PlaceData['districts'];
  areas: NonNullable<PlaceData['areas']>;
}

const indexes = new WeakMap<PlaceData, Index>();

function indexOf(data: PlaceData): Index {
  let index = indexes.get(data);
  if (!index) {
    const towns = new Map<string, Town[]>();
    for (const t of data.towns) {
      const key = foldName(t[0]);
      const list = towns.get(key);
      if (list) list.push(t);
      else towns.set(key, [t]);
    }
    index = { towns, districts: data.districts, areas: data.areas ?? {} };
    indexes.set(data, index);
  }
  return index;
}

/** "Newport, Essex"; the nation where the county has the town's own name ("Newport, Wales"). */
export function townLabel([name, , , county, nation]: Town): string {
  const area = county && foldName(county) !== foldName(name) ? county : nation;
  return area ? `${name}, ${area}` : name;
}

/** Looks `input` up in `data`: a postcode or district, else a town name ("Newport, Essex" too). */
export function findPlace(data: PlaceData, input: string): PlaceLookup {
  const index = indexOf(data);
  const q = parsePlaceQuery(input);
  if (q.kind === 'invalid') return { found: false, reason: 'unknown' };
  if (q.kind === 'district') {
    const c = index.districts[q.district];
    if (c) {
      return {
        found: true,
        place: { kind: 'district', label: q.district, latitude: c[0], longitude: c[1] },
        alternatives: [],
      };
    }
    // the area: the district's leading letters (M1 -> M, SW1A -> SW, WC1E -> WC)
    const area = index.areas[/^[A-Z]+/.exec(q.district)![0]];
    if (area) {
      return {
        found: true,
        place: {
          kind: 'area',
          label: `${q.district}, ${area[2]} postcode area`,
          latitude: area[0],
          longitude: area[1],
        },
        alternatives: [],
      };
    }
    return { found: false, reason: 'district_unavailable', district: q.district };
  }
  // the whole text first ("Stratford-upon-Avon", "Newport Pagnell"), then "name, county or nation"
  let matches = index.towns.get(q.name) ?? [];
  let qualifier = '';
  const comma = input.indexOf(',');
  if (matches.length === 0 && comma > 0) {
    matches = index.towns.get(foldName(input.slice(0, comma))) ?? [];
    qualifier = foldName(input.slice(comma + 1));
  }
  if (matches.length === 0) return { found: false, reason: 'unknown' };
  const wanted = foldName(input);
  const chosen =
    matches.find((m) => foldName(townLabel(m)) === wanted) ??
    (qualifier ? matches.find((m) => foldName(m[3]) === qualifier) : undefined) ??
    (qualifier ? matches.find((m) => foldName(m[4]) === qualifier) : undefined) ??
    // the principal place of the name: the one its county is named after ("Newport" the city)
    matches.find((m) => foldName(m[3]).includes(q.name)) ??
    matches[0]!;
  return {
    found: true,
    place: { kind: 'town', label: townLabel(chosen), latitude: chosen[1], longitude: chosen[2] },
    alternatives: matches.filter((m) => m !== chosen).map(townLabel),
  };
}

let loaded: Promise<PlaceData> | null = null;

/** The shipped data, read on first use only (the fallback is rare; the file is ~250 KB). */
export function loadPlaceData(): Promise<PlaceData> {
  loaded ??= import('../data/uk-places.json').then((m) => m.default as unknown as PlaceData);
  return loaded;
}
