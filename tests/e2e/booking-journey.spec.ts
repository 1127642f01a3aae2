import { expect, test } from '@playwright/test';
import { chooseWorkerShop, expectAccessible, e2eDatabase } from './helpers';

test('home -> book an iPhone 15 screen repair, pay on collection -> confirmation -> tracking', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'home');

  await page.getByTestId('cta-book').click();
  await expect(page).toHaveURL(/\/book-repair$/);
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('price-estimate')).toBeVisible();
  await expect(page.getByTestId('price-estimate')).toContainText('£');
  // the earliest free drop-off slot (of this worker's shop) is preselected
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill('John Doe');
  await page.getByTestId('customer-email').fill('john@example.com');
  await expectAccessible(page, '/book-repair');
  await page.getByTestId('payment-collection').click();
  await page.getByTestId('submit-payment').click();

  const success = page.getByTestId('booking-success');
  await expect(success).toBeVisible();
  const reference = (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^RT-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
  await expect(page.getByTestId('booking-qr')).toBeVisible();
  await expect(page.getByTestId('payment-status')).toHaveText('Pay on collection');
  await expectAccessible(page, 'confirmation');

  const icsHref = await page.getByTestId('ics-download').getAttribute('href');
  const ics = await request.get(icsHref!);
  expect(ics.status()).toBe(200);
  expect(await ics.text()).toContain(`UID:${reference}@revivatech`);

  await page.getByTestId('track-link').click();
  await expect(page.getByTestId('tracking-reference')).toHaveText(reference);
  await expect(page.getByTestId('tracking-status')).toHaveText('Booked');
  await expect(page.getByTestId('tracking-timeline')).toContainText('Booked');
  await expectAccessible(page, 'tracking page');
});

test('the booking form keeps its choices across a reload', async ({ page }) => {
  await page.goto('/book-repair');
  await page.getByTestId('device-samsung').click();
  await page.getByTestId('model-search').fill('s24');
  await page.getByTestId('model-galaxy-s24').click();
  await page.getByTestId('issue-battery').click();
  await page.getByTestId('customer-name').fill('Reload Person');
  await page.reload();
  await expect(page.getByTestId('device-samsung')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('model-galaxy-s24')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('issue-battery')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('customer-name')).toHaveValue('Reload Person');
  await expect(page.getByTestId('price-estimate')).toContainText('£');
});

test('bad details get clear messages and nothing is booked', async ({ page }) => {
  await page.goto('/book-repair');
  await page.getByTestId('device-google').click();
  await page.getByTestId('model-pixel-8').click();
  await page.getByTestId('issue-screen-crack').click();
  await page.getByTestId('customer-name').fill('J');
  await page.getByTestId('customer-email').fill('not-an-email');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByText('Please enter your name.')).toBeVisible();
  await expect(page.getByText(/valid e-mail address/)).toBeVisible();
  await expect(page.getByTestId('customer-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('booking-success')).toHaveCount(0);
});

test(
  'a tracking link with the wrong token shows nothing of the booking',
  { tag: '@behaviour' },
  async ({ page }) => {
    const res = await page.goto('/track/RT-ABCDEF?token=wrong-token-value');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: "We couldn't find that repair" })).toBeVisible();
  },
);

test(
  'first start on an empty data folder serves the seeded catalogue and shops',
  { tag: '@behaviour' },
  async ({ request }) => {
    const ready = await request.get('/api/ready');
    // PGlite, or the run's own PostgreSQL database with E2E_DATABASE=postgres (e2e-server.mjs)
    expect(await ready.json()).toMatchObject({ status: 'ready', database: e2eDatabase() });
    const models = await request.get('/api/catalog/models?limit=200');
    expect(((await models.json()) as { total: number }).total).toBeGreaterThanOrEqual(120);
    const shops = await request.get('/api/shops');
    expect(((await shops.json()) as { items: unknown[] }).items).toHaveLength(2);
  },
);
