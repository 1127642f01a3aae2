import { expect, request, test, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, uniqueEmail } from './helpers';
import { FIXTURE_USERS, storageStateOf } from './users';

const SCREENSHOTS = process.env.STAFF_SCREENSHOTS === '1';

// the London technician of tests/e2e/users.ts, signed in by global-setup.ts (no sign-in form here)
test.use({ storageState: storageStateOf('technician') });

/** A guest drop-off booking at London, made through the public API (no account). */
async function bookOrder(baseURL: string, customerName: string) {
  const api = await request.newContext({ baseURL });
  const booking = await bookDropOff(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: customerName, email: uniqueEmail('cust') },
    paymentMethod: 'collection',
  });
  await api.dispose();
  return booking;
}

const shot = async (page: Page, name: string) => {
  if (SCREENSHOTS) {
    await page.screenshot({
      path: test.info().outputPath(`${name}-${test.info().project.name}.png`),
      fullPage: true,
    });
  }
};

const status = (page: Page) => page.getByTestId('order-status').locator('[data-status]');

test('a technician finds a booking, takes it, receives it and works it through to collection', async ({
  page,
  baseURL,
  request,
}) => {
  test.slow(); // a dozen server round trips and five axe runs
  const booking = await bookOrder(baseURL!, 'Olive Owner');

  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('heading', { name: 'Repair console' })).toBeVisible();
  await expectAccessible(page, 'staff console');

  // search by reference: the URL keeps the search
  await page.getByTestId('staff-search').fill(booking.reference.toLowerCase());
  await page.getByTestId('staff-search-submit').click();
  await expect(page).toHaveURL(new RegExp(`q=${booking.reference.toLowerCase()}`));
  await expect(page.getByTestId('results-count')).toHaveText('1 order');
  const link = page.getByRole('link', { name: booking.reference });
  await expect(link).toBeVisible();
  await shot(page, 'staff-queue');

  // the board shows it under "Booked"
  await page.getByTestId('view-board').click();
  await expect(page).toHaveURL(/view=board/);
  await expect(
    page.getByTestId('board-column-booked').getByRole('link', { name: booking.reference }),
  ).toBeVisible();
  await expectAccessible(page, 'staff board');
  await shot(page, 'staff-board');

  await page.getByRole('link', { name: booking.reference }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/orders/${booking.reference}`));
  await expect(page.getByTestId('order-reference')).toHaveText(booking.reference);
  await expect(status(page)).toHaveAttribute('data-status', 'booked');
  await expectAccessible(page, 'order page (booked)');

  // take the job
  await page.getByTestId('take-job').click();
  await expect(page.getByTestId('assigned-to')).toHaveText('Assigned to you');

  // intake: a missing passcode is caught on its field, then the device is received
  await page.getByTestId('intake-condition').fill('Screen shattered, frame dented at the top left');
  await page.getByTestId('intake-accessory-case').check();
  await page.getByTestId('intake-policy-provided').check();
  await page.getByTestId('intake-imei').fill('49 015420 323751 8');
  await page.getByTestId('intake-submit').click();
  await expect(page.getByTestId('intake-passcode')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('intake-passcode')).toBeFocused();
  await page.getByTestId('intake-passcode').fill('135790');
  await page.getByTestId('intake-submit').click();
  await expect(status(page)).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('intake-details')).toContainText('490154203237518');

  // the passcode is shown on request, and the view is recorded
  await page.getByTestId('reveal-passcode').click();
  await expect(page.getByTestId('passcode-value')).toHaveText('135790');
  await expect(page.getByTestId('timeline-event-passcode_viewed')).toBeVisible();

  // diagnosing -> repairing -> quality check
  for (const next of ['diagnosing', 'repairing', 'quality_check'] as const) {
    await page.getByTestId(`move-${next}`).click();
    await expect(status(page)).toHaveAttribute('data-status', next);
  }

  // ready for collection needs a QC note: the dialog says so on the field
  await page.getByTestId('move-ready_for_collection').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('status-reason')).toHaveCount(0);
  await page.getByTestId('status-confirm').click();
  await expect(page.getByTestId('status-qc-note')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toContainText('quality-check note');
  await expectAccessible(page, 'status dialog with an error');
  await page.getByTestId('status-qc-note').fill('Display, touch and Face ID tested');
  await page.getByTestId('status-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(status(page)).toHaveAttribute('data-status', 'ready_for_collection');

  // an internal note
  await page.getByTestId('compose-body').fill('Customer prefers a call after 5pm');
  await expect(page.getByTestId('compose-visibility-internal')).toBeChecked();
  await page.getByTestId('compose-submit').click();
  const note = page.getByTestId('timeline-event-note');
  await expect(note).toContainText('Customer prefers a call after 5pm');
  await expect(note).toHaveAttribute('data-visibility', 'internal');
  await expect(note).toContainText('Internal');

  // the timeline has every step, with who did it
  const timeline = page.getByTestId('staff-timeline');
  for (const text of [
    'Order created',
    'Assignment',
    'Intake recorded',
    'Moved to Received',
    'Moved to Diagnosing',
    'Moved to Quality check',
    'Moved to Ready for collection',
    'QC note: Display, touch and Face ID tested',
    'Passcode viewed',
  ]) {
    await expect(timeline).toContainText(text);
  }
  await expect(timeline.getByTestId('timeline-event-intake')).toContainText(FIXTURE_USERS.technician.name);
  await expectAccessible(page, 'order page (ready for collection)');
  await shot(page, 'staff-order');

  // the customer's tracking page never shows the internal note
  const track = await request.get(
    `/api/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`,
  );
  expect(track.ok()).toBe(true);
  const tracking = await track.text();
  expect(tracking).toContain('ready_for_collection');
  expect(tracking).not.toContain('after 5pm');
  expect(tracking).not.toContain('135790');
});

test('a walk-in at the counter: the server prices it and the order starts received', async ({ page }) => {
  test.slow();
  await page.goto('/staff/walk-in');
  await expect(page.getByRole('heading', { name: 'New walk-in' })).toBeVisible();

  await page.getByTestId('walk-in-model-search').fill('iphone 15');
  await page.getByTestId('walk-in-model-iphone-15').click();
  await expect(page.getByTestId('walk-in-model')).toContainText('iPhone 15');
  await page.getByTestId('walk-in-repair-screen-crack').check();
  await expect(page.getByTestId('walk-in-price')).toContainText('Total');
  await page.getByTestId('walk-in-name').fill('Wendy Walker');
  await page.getByTestId('walk-in-email').fill(uniqueEmail('walkin'));
  await page.getByTestId('intake-condition').fill('Light scratches on the back');
  await page.getByTestId('intake-policy-customer_unlocks').check();
  await expectAccessible(page, 'walk-in form');
  await shot(page, 'staff-walk-in');
  await page.getByTestId('walk-in-submit').click();

  await expect(page).toHaveURL(/\/staff\/orders\/RT-/);
  await expect(status(page)).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('assigned-to')).toHaveText('Assigned to you');
  await expect(page.getByTestId('order-device')).toContainText('iPhone 15');
});
