import { expect, request, test } from '@playwright/test';
import { bookDropOff, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { storageStateOf } from './users';

// the London technician of tests/e2e/users.ts
test.use({ storageState: storageStateOf('technician') });

/**
 * A model no other journey books, so this run's history of it at London is known: orders booked
 * here are never received, so there is no repair history of it at all.
 */
const MODEL = 'galaxy-s24';

test("the order page shows the model's insights, honest when there is too little history", async ({
  page,
  baseURL,
}) => {
  test.slow(); // a booking, the order page and an axe run on a loaded machine
  const api = await request.newContext({ baseURL });
  const booking = await bookDropOff(api, {
    modelSlug: MODEL,
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Ines Insight', email: uniqueEmail('insights') },
    paymentMethod: 'collection',
  });
  await api.dispose();

  await page.goto(`/staff/orders/${booking.reference}`);
  const panel = page.getByRole('region', { name: 'Insights for this model' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/Samsung Galaxy S24 at [^,]*London, from this shop's own repair history/);
  await expect(panel.getByTestId('insights-too-little')).toHaveText(
    /^Too little history yet \(0 repairs\)\. Insights appear from 10 repairs/,
  );
  await expectAccessible(page, 'order page with insights');
  await panel.scrollIntoViewIfNeeded();
  await reviewShot(panel, test.info().outputPath(`order-insights-${test.info().project.name}.png`));
});

test('the console lists the shop models with insights, with a search and its empty state', async ({
  page,
}) => {
  test.slow(); // three pages and an axe run on a loaded machine
  await page.goto('/staff');
  await page.getByTestId('insights-link').click();
  await expect(page).toHaveURL(/\/staff\/insights$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Insights by device model' })).toBeVisible();
  await expect(page.getByTestId('insights-count')).toHaveText(/^(No models|\d+ models?)$/);
  await expectAccessible(page, 'insights console');
  await reviewShot(page, test.info().outputPath(`insights-console-${test.info().project.name}.png`), {
    fullPage: true,
  });

  await page.getByLabel('Search models').fill('no such model anywhere');
  await page.getByTestId('insights-search-submit').click();
  await expect(page).toHaveURL(/q=no\+such\+model\+anywhere/);
  await expect(page.getByTestId('insights-count')).toHaveText('No models');
  await expect(page.getByRole('heading', { name: 'No models match' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear the search' }).click();
  await expect(page).toHaveURL(/\/staff\/insights$/);
});
