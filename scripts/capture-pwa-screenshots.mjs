#!/usr/bin/env node
/**
 * `node scripts/capture-pwa-screenshots.mjs [baseUrl]`: the web manifest's screenshots, the home
 * page at phone (390x844, "narrow") and desktop (1280x800, "wide") size, taken with Playwright's
 * Chromium from a running server (default http://localhost:3000) into public/screenshots/
 * (committed; take them again when the home page changes a lot).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from './lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const base = process.argv[2] ?? 'http://localhost:3000';
const out = path.join(root, 'public/screenshots');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
try {
  for (const [name, viewport] of [
    ['home-narrow.png', { width: 390, height: 844 }],
    ['home-wide.png', { width: 1280, height: 800 }],
  ]) {
    // no service worker: nothing of the app's own state in the picture
    const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(new URL('/', base).toString(), { waitUntil: 'networkidle' });
    await page.screenshot({ path: path.join(out, name) });
    await context.close();
    console.log(`wrote public/screenshots/${name}`);
  }
} finally {
  await browser.close();
}
