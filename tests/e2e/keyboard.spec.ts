import { expect, test } from '@playwright/test';
import { tabTo, workerShop } from './helpers';

test('books a repair with the keyboard only', async ({ page }) => {
  await page.goto('/book-repair');
  await expect(page.getByTestId('device-apple')).toBeEnabled();
  await tabTo(page, 'device-apple');
  await page.keyboard.press('Enter');
  await tabTo(page, 'model-search');
  await page.keyboard.type('iphone 15');
  await tabTo(page, 'model-iphone-15');
  await page.keyboard.press('Enter');
  await tabTo(page, 'issue-screen-crack');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('price-estimate')).toContainText('£');
  // this worker's shop (helpers.ts workerShop), chosen with the arrow key on the select
  if (workerShop() !== 'london') {
    await tabTo(page, 'shop-select');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('shop-select')).toHaveValue(workerShop());
  }
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await tabTo(page, 'customer-name');
  await page.keyboard.type('Kay Board');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kay@example.com');
  await tabTo(page, 'payment-collection');
  await page.keyboard.press('Space');
  await tabTo(page, 'submit-payment');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('booking-success')).toBeVisible();
  // focus moves to the confirmation heading so screen readers announce it
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeFocused();
  await tabTo(page, 'track-link');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tracking-status')).toHaveText('Booked');
});
