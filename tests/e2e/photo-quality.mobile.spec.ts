import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { takePhoto } from '../photo-scenes';
import { fakeCameraLaunchOptions, sceneFrame, writeFakeCameraVideo } from './fake-camera';
import { bookDropOff, chooseWorkerShop, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { apiAs, fixtureUser, storageStateOf } from './users';

/**
 * "Retake: too dark": the camera sees a scene in near darkness (Chromium's fake camera, the busy
 * scene at a tenth of its brightness). On the staff order page the stored photo gets the
 * server's verdict with Retake (deletes it, opens the camera) and Keep; in the booking form a
 * dark damage photo gets the same advice at once, before there is a booking.
 */
const bright = sceneFrame({ width: 1280, height: 720 });
const dark = { ...bright, rgb: bright.rgb.map((v) => Math.round(v * 0.08)) };
test.use({ launchOptions: fakeCameraLaunchOptions(writeFakeCameraVideo('photo-quality-dark', dark)) });

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

async function staffPhotoCount(reference: string) {
  const res = await tech.get(`/api/staff/orders/${reference}/photos`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

test.describe('staff on a phone', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('a photo taken in the dark says "Retake: too dark"; Keep keeps it, Retake deletes it and opens the camera', async ({
    page,
  }) => {
    // three uploads, each checked, compressed and stored: minutes on a busy 2-core machine
    test.setTimeout(360_000);
    const booked = await bookDropOff(guest, {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
      customer: { name: 'Quinn Quality', email: uniqueEmail('photo-quality') },
      paymentMethod: 'collection',
    });
    const assigned = await tech.post(`/api/staff/orders/${booked.reference}/assign`, {
      data: { technicianId: fixtureUser('technician').id },
    });
    expect(assigned.ok(), await assigned.text()).toBe(true);

    await page.goto(`/staff/orders/${booked.reference}`);
    const uploader = page.getByTestId('photo-uploader');
    await uploader.getByTestId('photo-camera').click();
    const dialog = page.getByTestId('camera-dialog');
    await expect(dialog.getByTestId('camera-shutter')).toBeEnabled({ timeout: 15_000 });
    await dialog.getByTestId('camera-shutter').click();
    await dialog.getByTestId('camera-use').click();

    const item = uploader.getByTestId('photo-upload-item').first();
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const notice = item.getByRole('alert');
    await expect(notice).toContainText('Retake: too dark');
    await expect(notice).toHaveAttribute('data-problems', 'too-dark');
    await expect(notice.getByRole('button', { name: /^Retake / })).toBeVisible();
    await expect(notice.getByRole('button', { name: /^Keep / })).toBeVisible();
    // stored all the same: a dark photo can be what the damage looks like
    expect(await staffPhotoCount(booked.reference)).toBe(1);
    await expectAccessible(page, 'photo quality notice');
    await item.scrollIntoViewIfNeeded();
    await reviewShot(item, shotPath('photo-quality-staff-390'));

    // Keep, from the keyboard: the notice goes, the photo stays
    await notice.getByRole('button', { name: /^Keep / }).focus();
    await page.keyboard.press('Enter');
    await expect(item.getByTestId('photo-quality-notice')).toHaveCount(0);
    expect(await staffPhotoCount(booked.reference)).toBe(1);

    // a well-lit photo from the files: no notice
    await uploader
      .getByTestId('photo-file-input')
      .setInputFiles([
        { name: 'good.jpg', mimeType: 'image/jpeg', buffer: await takePhoto('cracked-phone') },
      ]);
    const goodItem = uploader.getByTestId('photo-upload-item').nth(1);
    await expect(goodItem).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(goodItem.getByTestId('photo-quality-notice')).toHaveCount(0);
    expect(await staffPhotoCount(booked.reference)).toBe(2);

    // a dark one from the files, retaken: it is deleted and the camera opens
    await uploader.getByTestId('photo-file-input').setInputFiles([
      {
        name: 'dark.jpg',
        mimeType: 'image/jpeg',
        buffer: await takePhoto('cracked-phone', { exposure: 0.1 }),
      },
    ]);
    const darkItem = uploader.getByTestId('photo-upload-item').nth(2);
    await expect(darkItem.getByRole('alert')).toContainText('Retake: too dark', { timeout: 30_000 });
    await page.setViewportSize({ width: 1280, height: 900 });
    await reviewShot(page, shotPath('photo-quality-staff-1280'), { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await darkItem.getByRole('button', { name: 'Retake dark.jpg' }).click();
    await expect(dialog).toBeVisible();
    await expect.poll(() => staffPhotoCount(booked.reference)).toBe(2);
    await expect(uploader.getByTestId('photo-upload-item')).toHaveCount(2);
  });
});

test('a dark damage photo in the booking form says "Retake: too dark" at once; Retake removes it and opens the camera', async ({
  page,
}) => {
  test.slow();
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);

  const section = page.getByTestId('damage-photos');
  await section.getByTestId('damage-photos-input').setInputFiles([
    { name: 'good.jpg', mimeType: 'image/jpeg', buffer: await takePhoto('cracked-phone') },
    { name: 'dark.jpg', mimeType: 'image/jpeg', buffer: await takePhoto('cracked-phone', { exposure: 0.1 }) },
  ]);
  await expect(section.getByTestId('damage-photo')).toHaveCount(2);
  const notices = section.getByTestId('damage-photo-quality');
  await expect(notices).toHaveCount(1);
  const notice = notices.getByRole('alert');
  await expect(notice).toContainText('Damage photo 2');
  await expect(notice).toContainText('Retake: too dark');
  await expectAccessible(page, 'booking damage photo quality');
  await reviewShot(section, shotPath('photo-quality-booking-390'));
  await page.setViewportSize({ width: 1280, height: 900 });
  await reviewShot(section, shotPath('photo-quality-booking-1280'));
  await page.setViewportSize({ width: 390, height: 844 });

  await notice.getByRole('button', { name: 'Retake Damage photo 2' }).click();
  await expect(page.getByTestId('camera-dialog')).toBeVisible();
  await expect(section.getByTestId('damage-photo')).toHaveCount(1);
  await expect(notices).toHaveCount(0);
});
