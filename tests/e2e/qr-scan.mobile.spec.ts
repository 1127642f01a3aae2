/**
 * Scanning with the phone's camera: Chromium's fake camera shows a QR code (or a barcode) the
 * test draws, and the app reads it from the live picture.
 *
 * Each journey launches its own browser after writing its video, because the video has to hold
 * a reference that only exists once the test has booked the order (launch options are fixed per
 * worker otherwise). The browser is the suite's Chromium with the fake camera switches, signed in
 * as the London technician (storage state of global-setup.ts).
 *
 * Which decoder reads: `data-decoder` on the scanner. Chromium on Linux has no BarcodeDetector
 * (it exists on Android, ChromeOS and macOS), so here the WebAssembly decoder reads every code;
 * the first journey asserts whichever the browser offers, the third removes BarcodeDetector so
 * the fallback is tested wherever the suite runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, devices, expect, request, test, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { fakeCameraLaunchOptions, qrFrame, writeFakeCameraVideo, type RgbFrame } from './fake-camera';
import { bookDropOff, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { storageStateOf } from './users';

/** A guest drop-off at London (the technician's shop), booked through the public API. */
async function bookOrder(baseURL: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  const { reference } = await bookDropOff(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Sam Scanner', email: uniqueEmail('scan') },
    paymentMethod: 'collection',
  });
  await api.dispose();
  return reference;
}

/** The job ticket's QR text (src/features/console/ticket-qr.ts: the order's console URL). */
const ticketUrl = (baseURL: string, reference: string) =>
  `${baseURL}/staff/orders/${encodeURIComponent(reference)}`;

let browser: Browser | null = null;
test.afterEach(async () => {
  await browser?.close();
  browser = null;
});

/** A phone page of the technician whose camera shows `frame`; optionally without BarcodeDetector. */
async function phoneWithCamera(
  baseURL: string,
  name: string,
  frame: RgbFrame,
  { withoutBarcodeDetector = false, serviceWorkers = 'block' as 'block' | 'allow' } = {},
): Promise<Page> {
  const video = writeFakeCameraVideo(name, frame);
  browser = await chromium.launch(fakeCameraLaunchOptions(video));
  const context = await browser.newContext({
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    baseURL,
    storageState: storageStateOf('technician'),
    serviceWorkers,
    permissions: ['camera'],
  });
  if (withoutBarcodeDetector) {
    await context.addInitScript(() => {
      delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
    });
  }
  return context.newPage();
}

/** The decoder this browser should use for ticket QR codes (BarcodeDetector reading QR and Data Matrix). */
async function expectedDecoder(page: Page): Promise<'native' | 'wasm'> {
  return page.evaluate(async () => {
    const Detector = (globalThis as { BarcodeDetector?: { getSupportedFormats(): Promise<string[]> } })
      .BarcodeDetector;
    if (!Detector) return 'wasm';
    const formats = await Detector.getSupportedFormats();
    return formats.includes('qr_code') && formats.includes('data_matrix') ? 'native' : 'wasm';
  });
}

test("a booked order's ticket QR, held to the camera on /staff/scan, opens the order", async ({
  baseURL,
}) => {
  const reference = await bookOrder(baseURL!);
  const page = await phoneWithCamera(baseURL!, 'ticket', qrFrame(ticketUrl(baseURL!, reference)));
  await page.goto('/staff/scan');
  const scanner = page.getByTestId('barcode-scanner');
  await expect(scanner).toHaveAttribute('data-decoder', /^(native|wasm)$/);
  const expected = await expectedDecoder(page);
  await expect(scanner).toHaveAttribute('data-decoder', expected);
  test.info().annotations.push({ type: 'decoder', description: expected });
  await expect(page).toHaveURL(new RegExp(`/staff/orders/${reference}$`), { timeout: 20_000 });
  await expect(page.getByTestId('order-reference')).toHaveText(reference);
});

test('a QR code that is not one of our tickets says what it reads; the reference can be typed instead', async ({
  baseURL,
}, info) => {
  const foreign = 'https://example.com/menu?table=12';
  const page = await phoneWithCamera(baseURL!, 'foreign', qrFrame(foreign));
  await page.goto('/staff/scan');
  const outcome = page.getByTestId('scan-outcome');
  await expect(outcome).toHaveAttribute('aria-live', 'polite');
  await expect(outcome).toHaveText(`This code is not one of our job tickets: it reads “${foreign}”`, {
    timeout: 20_000,
  });
  await expect(page).toHaveURL(/\/staff\/scan$/);
  await expect(page.getByTestId('scan-again')).toBeVisible();
  await expect(page.getByTestId('barcode-scanner')).toHaveAttribute('data-state', 'done');
  await expectAccessible(page, '/staff/scan with a foreign code');
  for (const width of [320, 390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await reviewShot(page, info.outputPath(`scan-foreign-${width}.png`), { fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });

  // scanning again reads the same code again (the camera restarts)
  await page.getByTestId('scan-again').click();
  await expect(outcome).toContainText('not one of our job tickets', { timeout: 20_000 });

  // typing: a wrong reference is refused at the field, a right one (any case, no prefix) opens
  const field = page.getByTestId('scan-reference');
  await field.fill('RT-0OI1');
  await page.getByTestId('scan-open').click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'not a job reference' })).toBeVisible();
  const reference = await bookOrder(baseURL!);
  await field.fill(reference.slice(3).toLowerCase());
  await field.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/staff/orders/${reference}$`));
});

test('without BarcodeDetector the WebAssembly decoder, served by the app, reads the ticket', async ({
  baseURL,
}) => {
  const reference = await bookOrder(baseURL!);
  const page = await phoneWithCamera(baseURL!, 'ticket-wasm', qrFrame(ticketUrl(baseURL!, reference)), {
    withoutBarcodeDetector: true,
  });
  const wasm = page.waitForResponse((r) => /\/scanner\/[^/]+\/zxing_reader\.wasm$/.test(r.url()));
  const response = await page.goto('/staff/scan');
  // the console's pages may compile WebAssembly, and only that
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src [^;]*'wasm-unsafe-eval'/);
  expect(csp).not.toMatch(/'unsafe-eval'/);
  await expect(page.getByTestId('barcode-scanner')).toHaveAttribute('data-decoder', 'wasm');
  const served = await wasm;
  expect(new URL(served.url()).origin).toBe(new URL(baseURL!).origin);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('application/wasm');
  expect(served.headers()['cache-control']).toContain('immutable');
  await expect(page).toHaveURL(new RegExp(`/staff/orders/${reference}$`), { timeout: 20_000 });
});

test('offline, the scanner still reads a ticket: the service worker keeps the WebAssembly decoder', async ({
  baseURL,
}) => {
  test.slow(); // the worker installs and precaches the app shell first
  const reference = await bookOrder(baseURL!);
  const page = await phoneWithCamera(baseURL!, 'ticket-offline', qrFrame(ticketUrl(baseURL!, reference)), {
    withoutBarcodeDetector: true,
    serviceWorkers: 'allow',
  });
  await page.goto('/staff');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // a console page under the worker: once idle, it fetches the decoder into the worker's cache
  await page.goto('/staff/scan');
  await expect(page).toHaveURL(new RegExp(`/staff/orders/${reference}$`), { timeout: 20_000 });
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          for (const name of await caches.keys()) {
            const keys = await (await caches.open(name)).keys();
            if (keys.some((r) => /\/scanner\/[^/]+\/zxing_reader\.wasm$/.test(r.url))) return name;
          }
          return null;
        }),
      { timeout: 20_000 },
    )
    .toBe('rt-static');
  // and the order page itself, which the console keeps a copy of a moment after a client-side
  // navigation (ServiceWorkerRegistrar): offline, the scan opens that copy
  await expect
    .poll(
      () =>
        page.evaluate(async (ref) => {
          for (const name of await caches.keys()) {
            if (!name.startsWith('rt-pages-')) continue;
            const keys = await (await caches.open(name)).keys();
            if (keys.some((r) => new URL(r.url).pathname === `/staff/orders/${ref}`)) return true;
          }
          return false;
        }, reference),
      { timeout: 20_000 },
    )
    .toBe(true);

  await page.context().setOffline(true);
  await page.goto('/staff/scan');
  await expect(page.getByTestId('barcode-scanner')).toHaveAttribute('data-decoder', 'wasm');
  // read offline: the page says it opens the order (or the worker's copy of the order is already
  // on screen: offline, Next falls back to a full navigation, which the worker answers)
  await expect(
    page.getByTestId('scan-outcome').or(page.getByTestId('order-reference')).first(),
  ).toContainText(reference, { timeout: 20_000 });
});

test.describe('with no camera', () => {
  // the suite's own browser: no fake camera, so getUserMedia finds no device
  test.use({ storageState: storageStateOf('technician'), permissions: ['camera'] });

  test('a photo of the ticket opens the order', async ({ page, baseURL }) => {
    const reference = await bookOrder(baseURL!);
    await page.goto('/staff/scan');
    const scanner = page.getByTestId('barcode-scanner');
    await expect(scanner).toHaveAttribute('data-state', 'no-camera');
    await expect(page.getByTestId('scanner-status')).toHaveText(
      'No camera can be used here. Choose a photo of the code instead.',
    );
    await expect(page.getByTestId('scanner-video')).toHaveCount(0);
    await expect(scanner).toHaveAttribute('data-decoder', /^(native|wasm)$/);
    // a photo that holds no code: said so, nothing opens
    await page.getByTestId('scanner-photo').setInputFiles({
      name: 'blank.png',
      mimeType: 'image/png',
      buffer: await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    });
    await expect(page.getByTestId('scanner-photo-message')).toHaveText(
      'No code could be read in that photo. Try a sharper, closer photo.',
    );
    await page.getByTestId('scanner-photo').setInputFiles({
      name: 'ticket.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer(ticketUrl(baseURL!, reference), { width: 400, margin: 2 }),
    });
    await expect(page).toHaveURL(new RegExp(`/staff/orders/${reference}$`), { timeout: 20_000 });
  });
});

/** A Code 128 barcode of `text` (zxing-wasm's writer), drawn black on white in a camera frame. */
async function code128Frame(text: string, { width = 640, height = 480, scale = 3, barHeight = 140 } = {}) {
  const wasm = readFileSync(
    path.join(process.cwd(), 'node_modules/zxing-wasm/dist/writer/zxing_writer.wasm'),
  );
  prepareZXingModule({ overrides: { wasmBinary: new Uint8Array(wasm).buffer } });
  const { symbol, error } = await writeBarcode(text, { format: 'Code128', scale: 1 });
  if (!symbol) throw new Error(`Code 128 of ${text}: ${error}`);
  const side = symbol.width * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - barHeight) / 2);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  for (let y = top; y < top + barHeight; y++) {
    for (let x = 0; x < side; x++) {
      // one row of the symbol is the whole code (0: a bar)
      if (symbol.data[Math.floor(x / scale)] !== 0) continue;
      const p = (y * width + left + x) * 3;
      rgb[p] = rgb[p + 1] = rgb[p + 2] = 0;
    }
  }
  return { width, height, rgb };
}

test("the intake form's Scan fills the IMEI from a Code 128 barcode", async ({ baseURL }) => {
  const imei = '490154203237518';
  const reference = await bookOrder(baseURL!);
  const page = await phoneWithCamera(baseURL!, 'imei', await code128Frame(imei));
  await page.goto(`/staff/orders/${reference}`);
  const field = page.getByTestId('intake-imei');
  await expect(field).toHaveValue('');
  const button = page.getByTestId('intake-imei-scan');
  await expect(button).toHaveAccessibleName('Scan the IMEI or serial number');
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Scan the IMEI or serial number' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('barcode-scanner')).toHaveAttribute('data-decoder', /^(native|wasm)$/);
  await expect(field).toHaveValue(imei, { timeout: 20_000 });
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('intake-imei-scan-announce')).toHaveText(`IMEI ${imei} filled in.`);
  await expect(button).toBeFocused();
});

test('a job ticket scanned into the IMEI field is refused: a ticket, not a serial', async ({
  baseURL,
}, info) => {
  const reference = await bookOrder(baseURL!);
  const page = await phoneWithCamera(baseURL!, 'ticket-in-intake', qrFrame(ticketUrl(baseURL!, reference)));
  await page.goto(`/staff/orders/${reference}`);
  await page.getByTestId('intake-imei-scan').click();
  await expect(page.getByTestId('intake-imei-scan-problem')).toHaveText(
    "That's a job ticket, not a serial number. Scan the barcode on the device or its box.",
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('intake-imei')).toHaveValue('');
  await expectAccessible(page, 'the IMEI scanner dialog');
  for (const width of [320, 390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    await reviewShot(page, info.outputPath(`intake-scan-dialog-${width}.png`));
  }
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});
