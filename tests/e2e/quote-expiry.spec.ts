/**
 * A price that expired while the booking page stayed open: the booking is refused by the API
 * (409 QUOTE_EXPIRED) and the form shows the fresh price; booking again books at it.
 *
 * The page's quote is aged in the browser (its `expiresAt` set to yesterday, as a page left open
 * past the quote's validity would hold it); the booking request and its refusal are the real
 * API's.
 */
import { expect, test } from '@playwright/test';
import { chooseWorkerShop, reviewShot, uniqueEmail } from './helpers';

test('an expired price is refused and the fresh one offered; booking again books at it', async ({
  page,
}, testInfo) => {
  const aged = async (route: import('@playwright/test').Route) => {
    const res = await route.fetch();
    const quote = (await res.json()) as { expiresAt: string };
    quote.expiresAt = new Date(Date.now() - 86_400_000).toISOString();
    await route.fulfill({ response: res, json: quote });
  };
  await page.route('**/api/pricing/quote', aged);

  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('price-estimate')).toContainText('£');
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill('Pat Price');
  await page.getByTestId('customer-email').fill(uniqueEmail('expired-price'));
  await page.getByTestId('payment-collection').click();

  const refused = page.waitForResponse(
    (r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST',
  );
  await page.getByTestId('submit-payment').click();
  const answer = await refused;
  expect(answer.status()).toBe(409);
  const problem = (await answer.json()) as { code: string; quote: { totalMinor: number } };
  expect(problem.code).toBe('QUOTE_EXPIRED');

  const fresh = `£${(problem.quote.totalMinor / 100).toFixed(2)}`;
  const notice = page.getByTestId('price-changed');
  await expect(notice).toContainText(`The price has changed to ${fresh}`);
  await expect(page.getByTestId('booking-success')).toHaveCount(0);
  await reviewShot(page, testInfo.outputPath('price-changed.png'), { fullPage: true });

  // the page now holds the fresh quote: booking again accepts it
  await page.unroute('**/api/pricing/quote', aged);
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  await expect(page.getByTestId('booking-success')).toContainText(fresh);
});
