import { expect, request, test, type APIRequestContext } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { apiAs, storageStateOf } from './users';

/**
 * Photos on the public tracking page: a manager (who may change any order of their shops
 * without being assigned) uploads through the API, the customer's tracking link shows the
 * customer-visible photos in a gallery with a zoomable, keyboard-driven lightbox.
 */

async function photo(width: number, height: number, colour: string, label: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${colour}"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="white" opacity="0.6"/>
    <text x="50%" y="55%" font-size="${Math.round(height / 8)}" text-anchor="middle" fill="black" font-family="sans-serif">${label}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** the fixture manager of every shop (tests/e2e/users.ts), signed in by its storage state */
let manager: APIRequestContext;
/** books as a guest would (not signed in) */
let guest: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  guest = await request.newContext({ baseURL });
  manager = await apiAs(baseURL!, 'regionalManager');
});

test.afterAll(async () => {
  await manager?.dispose();
  await guest?.dispose();
});

async function bookWithPhotos() {
  const booked = await guest.post('/api/bookings', {
    data: {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
      service: { type: 'mail_in' },
      customer: { name: 'Pat Photo', email: uniqueEmail('photo-customer') },
      paymentMethod: 'collection',
    },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const { reference, trackingToken } = (await booked.json()) as { reference: string; trackingToken: string };

  const upload = async (kind: string, visibility: string, caption: string, bytes: Buffer) => {
    const res = await manager.post(`/api/staff/orders/${reference}/photos`, {
      multipart: {
        file: { name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: bytes },
        kind,
        visibility,
        caption,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  };
  await upload(
    'before',
    'customer',
    'Cracked screen on arrival',
    await photo(1600, 1200, '#b91c1c', 'BEFORE'),
  );
  await upload('after', 'customer', 'New screen fitted', await photo(1200, 1600, '#15803d', 'AFTER'));
  await upload(
    'other',
    'internal',
    'Internal: board corrosion',
    await photo(800, 800, '#1d4ed8', 'INTERNAL'),
  );
  return { reference, token: trackingToken };
}

test('the tracking page shows shared photos; the lightbox zooms, moves with the arrow keys and closes with Esc', async ({
  page,
}, info) => {
  // uploads and two axe runs: more than the default minute on a busy 2-core machine
  test.slow();
  const { reference, token } = await bookWithPhotos();
  await page.goto(`/track/${reference}?token=${encodeURIComponent(token)}`);

  const gallery = page.getByTestId('photo-gallery');
  await expect(gallery).toBeVisible();
  await expect(gallery.getByRole('heading', { name: 'Photos', level: 2 })).toBeVisible();
  const tiles = gallery.getByTestId('photo-tile');
  await expect(tiles).toHaveCount(2);
  // the internal photo is not there, nor its caption
  await expect(gallery.getByTestId('photo-internal-badge')).toHaveCount(0);
  await expect(page.getByText('board corrosion')).toHaveCount(0);
  await expect(gallery.getByTestId('photo-group-before')).toBeVisible();
  await expect(gallery.getByTestId('photo-group-after')).toBeVisible();
  // thumbnails have loaded (naturalWidth > 0)
  await expect
    .poll(() =>
      tiles
        .first()
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  // a responsive, lazy tile: the browser picked an AVIF variant from the srcset
  const tileImg = tiles.first().locator('picture > img');
  await expect(tileImg).toHaveAttribute('loading', 'lazy');
  await expect(tileImg).toHaveAttribute('sizes', /rem|vw/);
  await expect(tileImg).toHaveAttribute('srcset', /format=webp&v=[0-9a-f]{16}/);
  await expect(tiles.first().locator('source[type="image/avif"]')).toHaveAttribute('srcset', / 320w/);
  expect(await tileImg.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/format=avif/);
  // the timeline names the photo events
  await expect(page.getByTestId('tracking-timeline')).toContainText('Photo added');
  await expectAccessible(page, 'tracking page with photos');
  await gallery.scrollIntoViewIfNeeded();
  await reviewShot(gallery, info.outputPath(`gallery-${info.project.name}.png`));

  // open the first photo
  const opener = gallery.getByRole('button', { name: 'Open Before: Cracked screen on arrival' });
  await opener.click();
  await expect(page.getByRole('dialog', { name: 'Photo 1 of 2' })).toBeVisible();
  const dialog = page.getByTestId('photo-lightbox');
  const full = dialog.getByTestId('photo-full');
  await expect(full).toHaveAttribute('alt', 'Before: Cracked screen on arrival');
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
  await expectAccessible(page, 'photo lightbox');
  await reviewShot(page, info.outputPath(`lightbox-${info.project.name}.png`));

  // zoom with the button, then back with the keyboard
  const stage = dialog.getByTestId('photo-stage');
  await dialog.getByTestId('photo-zoom-in').click();
  await expect(stage).toHaveAttribute('data-scale', '1.5');
  await page.keyboard.press('+');
  await expect(stage).toHaveAttribute('data-scale', '2.25');
  await reviewShot(page, info.outputPath(`lightbox-zoomed-${info.project.name}.png`));
  // drag to pan the zoomed photo
  const transform = () => full.evaluate((img: HTMLImageElement) => img.style.transform);
  expect(await transform()).toContain('translate(0px, 0px)');
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(transform).not.toContain('translate(0px, 0px)');
  await page.keyboard.press('-');
  await expect(stage).toHaveAttribute('data-scale', '1.5');
  await dialog.getByTestId('photo-zoom-reset').click();
  await expect(stage).toHaveAttribute('data-scale', '1');
  // a double-click (double-tap) zooms in and out again
  await stage.dblclick();
  await expect(stage).toHaveAttribute('data-scale', '2.5');
  await stage.dblclick();
  await expect(stage).toHaveAttribute('data-scale', '1');
  if (info.project.name === 'desktop') {
    // the wheel zooms in where the pointer is
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => Number(await stage.getAttribute('data-scale'))).toBeGreaterThan(1);
    await dialog.getByTestId('photo-zoom-reset').click();
  }

  // the arrow key moves to the next photo (the zoom starts afresh); the last has no next
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: 'Photo 2 of 2' })).toBeVisible();
  await expect(dialog.getByTestId('photo-caption')).toHaveText('After: New screen fitted');
  await expect(dialog.getByTestId('photo-next')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: 'Photo 2 of 2' })).toBeVisible();
  await dialog.getByTestId('photo-previous').click();
  await expect(page.getByRole('dialog', { name: 'Photo 1 of 2' })).toBeVisible();

  // focus stays inside the dialog
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  // Esc closes and gives the focus back to the photo that opened it
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-lightbox')).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test(
  'the tracking page shows no photo section when nothing is shared, and the bytes need the token',
  { tag: '@behaviour' },
  async ({ page }) => {
    const booked = await guest.post('/api/bookings', {
      data: {
        modelSlug: 'iphone-15',
        repairSlugs: ['battery'],
        urgency: 'standard',
        service: { type: 'mail_in' },
        customer: { name: 'No Photos', email: uniqueEmail('no-photos') },
        paymentMethod: 'collection',
      },
    });
    const { reference, trackingToken } = (await booked.json()) as {
      reference: string;
      trackingToken: string;
    };
    const internal = await manager.post(`/api/staff/orders/${reference}/photos`, {
      multipart: {
        file: { name: 'x.jpg', mimeType: 'image/jpeg', buffer: await photo(400, 300, '#444', 'X') },
        kind: 'intake',
        visibility: 'internal',
      },
    });
    expect(internal.status()).toBe(201);
    const { url } = (await internal.json()) as { url: string };

    const listed = page.waitForResponse((r) => r.url().includes(`/api/track/${reference}/photos`));
    await page.goto(`/track/${reference}?token=${encodeURIComponent(trackingToken)}`);
    expect(((await (await listed).json()) as { items: unknown[] }).items).toEqual([]);
    await expect(page.getByTestId('tracking-status')).toBeVisible();
    await expect(page.getByTestId('tracking-timeline')).toBeVisible();
    await expect(page.getByTestId('photo-gallery')).toHaveCount(0);

    // the internal photo's bytes: 404 to the page (no staff session), 200 to the manager
    expect((await page.request.get(`${url}&token=${encodeURIComponent(trackingToken)}`)).status()).toBe(404);
    expect((await manager.get(url)).status()).toBe(200);
  },
);

test.describe('signed in as a manager', () => {
  test.use({ storageState: storageStateOf('regionalManager') });

  test('staff add photos on the order page: several files in turn, refusals explained per file, delete with confirmation', async ({
    page,
  }, info) => {
    test.slow();
    const booked = await guest.post('/api/bookings', {
      data: {
        modelSlug: 'iphone-15',
        repairSlugs: ['screen-crack'],
        urgency: 'standard',
        service: { type: 'mail_in' },
        customer: { name: 'Upload Journey', email: uniqueEmail('upload-journey') },
        paymentMethod: 'collection',
      },
    });
    const { reference } = (await booked.json()) as { reference: string };
    await page.goto(`/staff/orders/${reference}`);

    const uploader = page.getByTestId('photo-uploader');
    await expect(uploader.getByTestId('photo-choose')).toBeEnabled();
    await expect(uploader).toContainText('JPEG, PNG or WebP, up to 10 MB each.');
    await uploader.getByTestId('photo-kind').selectOption('before');
    await uploader.getByTestId('photo-visibility').selectOption('internal');
    await uploader.getByTestId('photo-caption-input').fill('Back glass cracked too');
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0e7490' } })
      .png()
      .toBuffer();
    await uploader.getByTestId('photo-file-input').setInputFiles([
      { name: 'back.jpg', mimeType: 'image/jpeg', buffer: await photo(2400, 1800, '#7c3aed', 'BACK') },
      { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') },
      { name: 'renamed.jpg', mimeType: 'image/jpeg', buffer: png },
      { name: 'side.png', mimeType: 'image/png', buffer: png },
    ]);
    const items = uploader.getByTestId('photo-upload-item');
    await expect(items).toHaveCount(4);
    await expect(uploader.locator('[data-testid="photo-upload-item"][data-status="done"]')).toHaveCount(2, {
      timeout: 30_000,
    });
    await expect(items.nth(1)).toContainText("This file isn't a photo");
    await expect(items.nth(2)).toContainText('its contents are PNG');
    await expect(page.getByRole('status').filter({ hasText: 'side.png added.' })).toBeAttached();

    // the gallery on the page refreshed itself: two internal photos with their caption
    const gallery = page.getByTestId('photo-gallery');
    await expect(gallery.getByTestId('photo-tile')).toHaveCount(2);
    await expect(gallery.getByTestId('photo-internal-badge')).toHaveCount(2);
    await expect(gallery.getByTestId('photo-tile').first()).toContainText('Back glass cracked too');
    await expectAccessible(page, 'staff order page with photos');
    await uploader.scrollIntoViewIfNeeded();
    await reviewShot(page, info.outputPath(`uploader-${info.project.name}.png`), { fullPage: true });

    // delete one: a confirmation first, then it is gone
    await gallery.getByTestId('photo-delete').first().click();
    const confirm = page.getByRole('dialog', { name: 'Delete this photo?' });
    await expect(confirm).toBeVisible();
    await confirm.getByTestId('photo-delete-confirm').click();
    await expect(confirm).toBeHidden();
    await expect(gallery.getByTestId('photo-tile')).toHaveCount(1);
  });
});
