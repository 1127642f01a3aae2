#!/usr/bin/env node
/**
 * Writes src/app/favicon.ico (16, 32 and 48 px PNGs in one .ico) from src/app/icon.svg, for the
 * browsers and tools that ask for /favicon.ico without reading the page's <link rel="icon">.
 * Run it after changing the SVG: `node scripts/make-favicon.mjs` (sharp renders the SVG).
 */
import sharp from 'sharp';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
const svg = fs.readFileSync('src/app/icon.svg');
const sizes = [16, 32, 48];
const pngs = await Promise.all(
  sizes.map((s) =>
    sharp(svg, { density: ((72 * s) / 32) * 4 })
      .resize(s, s)
      .png()
      .toBuffer(),
  ),
);
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = 6 + 16 * sizes.length;
const dir = sizes.map((s, i) => {
  const e = Buffer.alloc(16);
  e.writeUInt8(s, 0);
  e.writeUInt8(s, 1);
  e.writeUInt8(0, 2);
  e.writeUInt8(0, 3);
  e.writeUInt16LE(1, 4);
  e.writeUInt16LE(32, 6);
  e.writeUInt32LE(pngs[i].length, 8);
  e.writeUInt32LE(offset, 12);
  offset += pngs[i].length;
  return e;
});
fs.writeFileSync('src/app/favicon.ico', Buffer.concat([header, ...dir, ...pngs]));
