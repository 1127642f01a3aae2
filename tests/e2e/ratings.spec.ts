/**
 * Ratings after collection (issue 17): the customer follows the e-mailed link, rates 4 stars with
 * a comment by keyboard only and sees thanks; a reload shows what they gave; the shop's order
 * page shows the stars, the comment and the date. A broken link shows the invalid-link state.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers';
import { collectedRepairWithRatingLink } from './rating-link';
import { storageStateOf } from './users';

test('a customer rates a collected repair by keyboard; the shop sees the rating', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  const repair = await collectedRepairWithRatingLink(baseURL!);
  await page.goto(repair.ratePath);
  await expect(page.getByTestId('rating-reference')).toHaveText(repair.reference);
  await expect(page.getByTestId('rating-repair')).toContainText('iPhone 15');
  await expectAccessible(page, 'rating form');

  // keyboard only: into the star group, arrows to the fourth star, then the comment
  const first = page.getByRole('radio', { name: '1 out of 5' });
  await first.focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '4 out of 5' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('rating-comment')).toBeFocused();
  await page.keyboard.type('Fixed in a day, thank you.');
  await expect(page.getByTestId('rating-counter')).toHaveText('26 of 1000 characters');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('rating-submit')).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('rating-thanks')).toBeVisible();
  await expect(page.getByTestId('rating-given').getByRole('img', { name: '4 out of 5' })).toBeVisible();
  await expect(page.getByTestId('rating-given')).toContainText('Fixed in a day, thank you.');

  await page.reload();
  await expect(page.getByTestId('rating-already')).toBeVisible();
  await expect(page.getByTestId('rating-given').getByRole('img', { name: '4 out of 5' })).toBeVisible();
  await expect(page.getByTestId('rating-given')).toContainText('Fixed in a day, thank you.');
  await expect(page.getByTestId('rating-submit')).toHaveCount(0);

  // the shop's manager sees it on the order page
  const staff = await browser.newContext({ storageState: storageStateOf('manager') });
  const staffPage = await staff.newPage();
  await staffPage.goto(`/staff/orders/${repair.reference}`);
  const panel = staffPage.getByTestId('order-rating');
  await expect(panel.getByTestId('order-rating-score')).toHaveText('4 out of 5');
  await expect(panel.getByTestId('order-rating-comment')).toHaveText('Fixed in a day, thank you.');
  await expect(panel).toContainText('Rated on');
  await staff.close();
});

test('a tampered rating link shows the invalid-link state', async ({ page }) => {
  const res = await page.goto('/rate/AAAAAAAAAAAAAAAAAAAAAA.zzzzzz.not-a-signature');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('rating-invalid')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This rating link does not work' })).toBeVisible();
});
