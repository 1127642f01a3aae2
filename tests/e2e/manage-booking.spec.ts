import { expect, test, type Page } from '@playwright/test';
import { chooseWorkerShop, expectAccessible } from './helpers';

async function bookDropOff(page: Page, name: string) {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill(name);
  await page.getByTestId('customer-email').fill('manage@example.com');
  await page.getByTestId('payment-collection').click();
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  return (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
}

const icsStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

test('confirmation -> manage link -> reschedule to another slot -> cancel through the dialog', async ({
  page,
  request,
}) => {
  const reference = await bookDropOff(page, 'Manage Person');
  await page.getByTestId('manage-link').click();
  await expect(page).toHaveURL(new RegExp(`/manage/${reference}\\?sig=`));
  await expect(page.getByTestId('manage-reference')).toHaveText(reference);
  await expect(page.getByTestId('manage-status')).toContainText('Booked');
  const before = (await page.getByTestId('manage-slot').textContent()) ?? '';
  await expectAccessible(page, 'manage page');

  // reschedule: the current slot is not offered; take the first other free one
  const slot = page.locator('[data-testid^="slot-2"]').first();
  const target = ((await slot.getAttribute('data-testid')) ?? '').replace(/^slot-/, '');
  await slot.click();
  await expect(slot).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('reschedule-submit').click();
  const notice = page.getByTestId('manage-notice');
  await expect(notice).toContainText('Done: your drop-off is now');
  await expect(notice).toBeFocused();
  await expect(page.getByTestId('manage-slot')).not.toHaveText(before);
  await expect(page.getByTestId('manage-ics')).toHaveAttribute('data-sequence', '1');

  const ics = await (await request.get((await page.getByTestId('manage-ics').getAttribute('href'))!)).text();
  expect(ics).toContain(`UID:${reference}@revivatech`);
  expect(ics).toContain('SEQUENCE:1');
  expect(ics).toContain(`DTSTART:${icsStamp(target)}`);

  // cancel: the button only opens a dialog; its confirm button cancels
  await page.getByTestId('cancel-open').click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'cancel dialog');
  await dialog.getByRole('button', { name: 'Keep my booking' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('manage-status')).toContainText('Booked');

  await page.getByTestId('cancel-open').click();
  await page.getByTestId('cancel-confirm').click();
  await expect(page.getByTestId('manage-notice')).toContainText('Your booking has been cancelled');
  await expect(page.getByTestId('manage-status')).toContainText('Cancelled');
  await expect(page.getByTestId('cancel-open')).toHaveCount(0);
  await expect(page.getByTestId('reschedule-submit')).toHaveCount(0);
  const cancelled = await (
    await request.get((await page.getByTestId('manage-ics').getAttribute('href'))!)
  ).text();
  expect(cancelled).toContain('METHOD:CANCEL');
  expect(cancelled).toContain('STATUS:CANCELLED');
  expect(cancelled).toContain('SEQUENCE:2');
  await expectAccessible(page, 'manage page after cancelling');

  // a reload shows the same, and changes nothing
  await page.reload();
  await expect(page.getByTestId('manage-status')).toContainText('Cancelled');
});

test(
  'a manage link with a wrong signature shows nothing of the booking',
  { tag: '@behaviour' },
  async ({ page }) => {
    const res = await page.goto('/manage/RT-ABCDEF?sig=not-the-signature');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: "We couldn't find that booking" })).toBeVisible();
  },
);
