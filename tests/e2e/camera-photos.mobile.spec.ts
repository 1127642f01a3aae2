import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { fakeCameraLaunchOptions, sceneFrame, writeFakeCameraVideo } from './fake-camera';
import { bookDropOff, chooseWorkerShop, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { apiAs, fixtureUser, storageStateOf } from './users';

/**
 * Photos from the phone's camera (Chromium's fake camera shows a busy 1280x720 scene): staff
 * take one on the order page, the shot is compressed on the device before it is sent, and it
 * appears in the order's gallery; a customer adds a damage photo to a booking and the staff see
 * it; the lightbox moves between photos with a swipe.
 */
const frame = sceneFrame({ width: 1280, height: 720 });
const RAW_FRAME_BYTES = 1280 * 720 * 3;
test.use({ launchOptions: fakeCameraLaunchOptions(writeFakeCameraVideo('camera-photos-scene', frame)) });

const shotPath = (name: string) => `test-results/shots/${name}.png`;

let tech: APIRequestContext;
let guest: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  tech = await apiAs(baseURL!, 'technician');
  guest = await request.newContext({ baseURL });
});
test.afterAll(async () => {
  await tech?.dispose();
  await guest?.dispose();
});

/** A London drop-off booked by a guest and assigned to the fixture technician. */
async function assignedOrder(name: string) {
  const booked = await bookDropOff(guest, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name, email: uniqueEmail('camera-photos') },
    paymentMethod: 'collection',
  });
  const res = await tech.post(`/api/staff/orders/${booked.reference}/assign`, {
    data: { technicianId: fixtureUser('technician').id },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return booked;
}

async function staffPhotos(reference: string) {
  const res = await tech.get(`/api/staff/orders/${reference}/photos`);
  expect(res.status()).toBe(200);
  return (
    (await res.json()) as { items: Array<{ id: string; kind: string; sizeBytes: number; width: number }> }
  ).items;
}

/**
 * Records the size of the file of every multipart XHR the page sends (the browser does not hand
 * a blob body to the network events), to compare what left the phone with the raw frame.
 */
async function recordUploadSizes(page: Page) {
  await page.addInitScript(() => {
    const sizes: number[] = [];
    (window as unknown as { __uploadSizes: number[] }).__uploadSizes = sizes;
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body?: XMLHttpRequestBodyInit | null) {
      if (body instanceof FormData) {
        const file = body.get('file');
        if (file instanceof Blob) sizes.push(file.size);
      }
      return send.call(this, body);
    };
  });
}
const uploadSizes = (page: Page) =>
  page.evaluate(() => (window as unknown as { __uploadSizes: number[] }).__uploadSizes);

/** A real touch swipe (CDP touch events become pointer events, as on a phone). */
async function swipe(page: Page, selector: string, dx: number) {
  const box = (await page.locator(selector).boundingBox())!;
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width / 2 - dx / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
  for (let i = 1; i <= 6; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: x0 + (dx * i) / 6, y }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test.describe('staff on a phone', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('take a photo on the order page: compressed on the phone, uploaded, in the gallery; swipe between photos', async ({
    page,
  }) => {
    test.slow();
    const { reference } = await assignedOrder('Camera Staff');
    await recordUploadSizes(page);
    await page.goto(`/staff/orders/${reference}`);
    const uploader = page.getByTestId('photo-uploader');
    await expect(uploader.getByTestId('photo-camera')).toBeEnabled();
    await uploader.getByTestId('photo-camera').click();

    const dialog = page.getByTestId('camera-dialog');
    await expect(dialog).toBeVisible();
    const shutter = dialog.getByTestId('camera-shutter');
    await expect(shutter).toBeEnabled({ timeout: 15_000 });
    await expect(shutter).toHaveAccessibleName('Take photo');
    const box = (await shutter.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await expect(dialog.getByTestId('camera-video')).toHaveJSProperty('videoWidth', 1280);
    await expectAccessible(page, 'camera dialog (live)');
    await reviewShot(page, shotPath('camera-live-390'));
    for (const width of [320, 768]) {
      await page.setViewportSize({ width, height: width === 320 ? 640 : 1024 });
      await expect(shutter).toBeInViewport();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await reviewShot(page, shotPath(`camera-live-${width}`));
    }
    await page.setViewportSize({ width: 390, height: 844 });

    // the shutter works from the keyboard too: it has the focus once the camera is live
    await expect(shutter).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('camera-preview')).toBeVisible();
    await expect(dialog.getByTestId('camera-use')).toBeFocused();
    await expectAccessible(page, 'camera dialog (preview)');
    await reviewShot(page, shotPath('camera-preview-390'));
    // retake, then take it again
    await dialog.getByTestId('camera-retake').click();
    await expect(dialog.getByTestId('camera-preview')).toHaveCount(0);
    await expect(shutter).toBeEnabled();
    await shutter.click();

    const uploadRequest = page.waitForRequest(
      (r) => r.method() === 'POST' && /\/api\/staff\/orders\/[^/]+\/photos$/.test(r.url()),
    );
    await dialog.getByTestId('camera-use').click();
    await expect(dialog).toHaveCount(0);
    const sent = await uploadRequest;
    // the file sent is far smaller than the camera's raw frame
    const [sentBytes] = await uploadSizes(page);
    expect(sentBytes).toBeGreaterThan(1000);
    expect(sentBytes).toBeLessThan(RAW_FRAME_BYTES / 4);
    expect(sent.headers()['idempotency-key']).toMatch(/^photo-[\w-]{8,}$/);

    const item = uploader.getByTestId('photo-upload-item');
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const shownBytes = Number(await item.getByTestId('photo-upload-size').getAttribute('data-bytes'));
    expect(shownBytes).toBeGreaterThan(1000);
    expect(shownBytes).toBeLessThan(RAW_FRAME_BYTES / 4);

    const gallery = page.getByTestId('photo-gallery');
    await expect(gallery.getByTestId('photo-tile')).toHaveCount(1);
    const stored = await staffPhotos(reference);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.width).toBe(1280);
    expect(stored[0]!.sizeBytes).toBeLessThan(RAW_FRAME_BYTES / 4);

    // a second photo (a file) to swipe to
    const second = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#1d4ed8' } })
      .jpeg()
      .toBuffer();
    await uploader
      .getByTestId('photo-file-input')
      .setInputFiles([{ name: 'second.jpg', mimeType: 'image/jpeg', buffer: second }]);
    await expect(gallery.getByTestId('photo-tile')).toHaveCount(2, { timeout: 30_000 });

    await gallery.getByTestId('photo-tile').first().locator('button[data-open]').click();
    const lightbox = page.getByTestId('photo-lightbox');
    await expect(lightbox.getByRole('heading')).toHaveText('Photo 1 of 2');
    await expect(lightbox.getByTestId('photo-full')).toBeVisible();
    await swipe(page, '[data-testid="photo-stage"]', -200);
    await expect(lightbox.getByRole('heading')).toHaveText('Photo 2 of 2');
    await swipe(page, '[data-testid="photo-stage"]', 200);
    await expect(lightbox.getByRole('heading')).toHaveText('Photo 1 of 2');
    // a short drag is not a swipe
    await swipe(page, '[data-testid="photo-stage"]', -20);
    await expect(lightbox.getByRole('heading')).toHaveText('Photo 1 of 2');
    // zoomed in, a drag pans instead of moving on
    await lightbox.getByTestId('photo-zoom-in').click();
    await expect(lightbox.getByTestId('photo-stage')).not.toHaveAttribute('data-scale', '1');
    await swipe(page, '[data-testid="photo-stage"]', -200);
    await expect(lightbox.getByRole('heading')).toHaveText('Photo 1 of 2');
    // the arrow keys still work
    await page.keyboard.press('ArrowRight');
    await expect(lightbox.getByRole('heading')).toHaveText('Photo 2 of 2');
    await reviewShot(page, shotPath('lightbox-swipe-390'));
  });
});

test.describe('staff uploads on a flaky connection', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('retries by itself under one Idempotency-Key (network error, 503 Retry-After), waits while offline, and offers Retry', async ({
    page,
    context,
  }) => {
    test.slow();
    const { reference } = await assignedOrder('Flaky Upload');
    await page.goto(`/staff/orders/${reference}`);
    const uploader = page.getByTestId('photo-uploader');
    await expect(uploader.getByTestId('photo-choose')).toBeEnabled();
    const jpeg = (colour: string) =>
      sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
        .jpeg()
        .toBuffer();

    // 1. the first attempt dies on the network, the second gets 503 with Retry-After, the third is stored
    const keys: string[] = [];
    let attempts = 0;
    await page.route(/\/api\/staff\/orders\/[^/]+\/photos$/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().allHeaders())['idempotency-key'] ?? '');
      attempts += 1;
      if (attempts === 1) return route.abort('connectionreset');
      if (attempts === 2) {
        return route.fulfill({
          status: 503,
          headers: { 'retry-after': '1', 'content-type': 'application/problem+json' },
          body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'Busy' }),
        });
      }
      return route.continue();
    });
    await uploader
      .getByTestId('photo-file-input')
      .setInputFiles([{ name: 'flaky.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#7c2d12') }]);
    const items = uploader.getByTestId('photo-upload-item');
    await expect(items.first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    expect(attempts).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^photo-/);
    expect(await staffPhotos(reference)).toHaveLength(1);

    // 2. offline: it waits for the connection, then sends
    await context.setOffline(true);
    await uploader
      .getByTestId('photo-file-input')
      .setInputFiles([{ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#14532d') }]);
    await expect(items.nth(1)).toHaveAttribute('data-status', 'offline');
    await expect(items.nth(1)).toContainText('Offline: waiting for the connection');
    await context.setOffline(false);
    await expect(items.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    expect(await staffPhotos(reference)).toHaveLength(2);

    // 3. a connection that never answers: after its own tries it offers Retry, which sends it
    await page.unroute(/\/api\/staff\/orders\/[^/]+\/photos$/);
    let failing = true;
    const retryKeys: string[] = [];
    await page.route(/\/api\/staff\/orders\/[^/]+\/photos$/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      retryKeys.push((await route.request().allHeaders())['idempotency-key'] ?? '');
      return failing ? route.abort('internetdisconnected') : route.continue();
    });
    await uploader
      .getByTestId('photo-file-input')
      .setInputFiles([{ name: 'stuck.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#1e3a8a') }]);
    await expect(items.nth(2)).toHaveAttribute('data-status', 'failed', { timeout: 45_000 });
    await expect(items.nth(2)).toContainText('Check the connection');
    expect(retryKeys).toHaveLength(5);
    failing = false;
    await items.nth(2).getByRole('button', { name: 'Retry stuck.jpg' }).click();
    await expect(items.nth(2)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    expect(new Set(retryKeys).size).toBe(1);
    expect(await staffPhotos(reference)).toHaveLength(3);
  });
});

test('a customer adds a damage photo with the camera while booking; the staff order shows it', async ({
  page,
  browser,
}) => {
  test.slow();
  await recordUploadSizes(page);
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill('Dana Damage');
  await page.getByTestId('customer-email').fill(uniqueEmail('damage-photo'));

  const section = page.getByTestId('damage-photos');
  await expect(section).toContainText('0 of 5 photos');
  await section.getByTestId('damage-photos-camera').click();
  const dialog = page.getByTestId('camera-dialog');
  await expect(dialog.getByTestId('camera-shutter')).toBeEnabled({ timeout: 15_000 });
  await dialog.getByTestId('camera-shutter').click();
  await dialog.getByTestId('camera-use').click();
  await expect(section.getByTestId('damage-photo')).toHaveCount(1);
  await expect(section).toContainText('1 of 5 photos');
  // a second one (a file), removed again before sending
  const extra = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#b45309' } })
    .png()
    .toBuffer();
  await section
    .getByTestId('damage-photos-input')
    .setInputFiles([{ name: 'extra.png', mimeType: 'image/png', buffer: extra }]);
  await expect(section.getByTestId('damage-photo')).toHaveCount(2);
  await section.getByRole('button', { name: 'Remove photo 2' }).click();
  await expect(section.getByTestId('damage-photo')).toHaveCount(1);
  await expectAccessible(page, 'booking with a damage photo');
  await reviewShot(section, shotPath('booking-damage-photos-390'));

  await page.getByTestId('payment-collection').click();
  const upload = page.waitForRequest(
    (r) => r.method() === 'POST' && /\/api\/bookings\/[^/]+\/photos$/.test(r.url()),
  );
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  const reference = (await page.getByTestId('booking-reference').textContent())!.trim();
  await upload;
  const [sentBytes] = await uploadSizes(page);
  expect(sentBytes).toBeGreaterThan(1000);
  expect(sentBytes).toBeLessThan(RAW_FRAME_BYTES / 4);
  const uploads = page.getByTestId('booking-photo-uploads');
  await expect(uploads.getByTestId('photo-upload-item')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(uploads.getByTestId('booking-photo-uploads-summary')).toHaveText('All photos sent.');
  await expectAccessible(page, 'booking confirmation with photo uploads');
  await reviewShot(uploads, shotPath('booking-photo-uploads-390'));

  const photos = await staffPhotos(reference);
  expect(photos).toHaveLength(1);
  expect(photos[0]!.kind).toBe('before');
  const staff = await browser.newContext({
    storageState: storageStateOf('technician'),
    viewport: { width: 390, height: 844 },
  });
  const staffPage = await staff.newPage();
  await staffPage.goto(`/staff/orders/${reference}`);
  await expect(staffPage.getByTestId('photo-gallery').getByTestId('photo-tile')).toHaveCount(1);
  await expect(staffPage.getByTestId('photo-group-before')).toBeVisible();
  await staff.close();
});

test('without a usable camera the dialog says so and offers the file picker', async ({ page }) => {
  // no getUserMedia at all (as on plain HTTP): the fallback
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
  });
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await page.getByTestId('damage-photos-camera').click();
  const dialog = page.getByTestId('camera-dialog');
  await expect(dialog.getByTestId('camera-unavailable')).toContainText('No camera can be used here');
  await expect(dialog.getByTestId('camera-file-input')).toHaveAttribute('capture', 'environment');
  await expectAccessible(page, 'camera dialog without a camera');
  await reviewShot(page, shotPath('camera-unavailable-390'));
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByTestId('camera-file-fallback').click();
  const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#0f766e' } })
    .jpeg({ quality: 95 })
    .toBuffer();
  await (await chooser).setFiles([{ name: 'big.jpg', mimeType: 'image/jpeg', buffer: jpeg }]);
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('damage-photo')).toHaveCount(1);
});
