#!/usr/bin/env node
/**
 * `node scripts/generate-pwa-icons.mjs`: the app icons of the web manifest and the apple-touch
 * icon, all drawn from the one source image src/app/icon.svg with sharp, written to
 * public/icons/ (committed; run again after changing the source image).
 *
 * - icon-<size>.png: the icon as drawn (rounded square), for "any" purpose;
 * - maskable-<size>.png: full-bleed brand colour with the mark scaled into the central safe
 *   zone (a circle of 80% of the width), so platforms can cut any shape out of it;
 * - apple-touch-icon.png: 180 px, opaque (iOS fills transparency with black).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = fs.readFileSync(path.join(root, 'src/app/icon.svg'), 'utf8');
const out = path.join(root, 'public/icons');
fs.mkdirSync(out, { recursive: true });

// the source's background colour (its first rect's fill) fills the maskable and apple icons
const background = /<rect[^>]*fill="(#[0-9a-fA-F]{3,6})"/.exec(source)?.[1] ?? '#0f766e';

/** The source drawn square at `size` px. */
const render = (size) =>
  sharp(Buffer.from(source), { density: (72 * size) / 32 })
    .resize(size, size)
    .png();

/** The mark at `scale` of the width, centred on a full square of the background colour. */
async function onBackground(size, scale) {
  const inner = Math.round(size * scale);
  const mark = await render(inner).toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background } })
    .composite([{ input: mark, gravity: 'centre' }])
    .png();
}

const jobs = [
  ...[192, 512].map((size) => [`icon-${size}.png`, render(size)]),
  // the mark's own rounded square sits inside the 80% safe circle: 0.78 of the width
  ...[192, 512].map((size) => [`maskable-${size}.png`, onBackground(size, 0.78)]),
  ['apple-touch-icon.png', onBackground(180, 0.86)],
];
for (const [name, image] of jobs) {
  const file = path.join(out, name);
  await (await image).toFile(file);
  console.log(`wrote ${path.relative(root, file)}`);
}
