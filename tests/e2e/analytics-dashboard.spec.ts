import { expect, test } from '@playwright/test';
import { expectAccessible, reviewShot } from './helpers';
import { storageStateOf } from './users';

/**
 * The analytics dashboard as London's manager: their shop fixed in the filter, a widget added
 * and still there after a reload (saved server-side), a chart switched to its table view (kept
 * too), no serious accessibility violation; a technician gets the forbidden page and 403s.
 */
/**
 * Desktop as London's manager, the phone as the admin: two users, so the two projects running
 * side by side never save over each other's dashboard.
 */
test.describe('as a manager (desktop) and an admin (phone)', () => {
  test.use({
    // Playwright reads the fixtures a function needs from its first parameter's pattern
    // eslint-disable-next-line no-empty-pattern
    storageState: async ({}, provide, testInfo) =>
      provide(storageStateOf(testInfo.project.name === 'phone' ? 'admin' : 'manager')),
  });

  test('adds a widget, reloads, it is still there; switches a widget to its table', async ({ page }) => {
    test.slow(); // a build's first page, several API reads and an axe run on a loaded machine
    const asManager = test.info().project.name !== 'phone';
    // start from an empty dashboard
    const current = await page.request.get('/api/analytics/dashboard');
    expect(current.status()).toBe(200);
    const { version } = (await current.json()) as { version: number };
    const reset = await page.request.put('/api/analytics/dashboard', { data: { widgets: [], version } });
    expect(reset.status()).toBe(200);

    await page.goto('/admin/analytics');
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    if (asManager) await expect(page.getByTestId('shop-fixed')).toHaveValue(/London/);
    else await expect(page.getByTestId('shop-fixed')).toHaveCount(0); // an admin picks the shop
    await expect(page.getByText('Your dashboard has no widgets yet')).toBeVisible();
    await expect(page.getByTestId('updated-at')).toHaveText(/^Updated \d{1,2}:\d{2}/);

    await page.getByTestId('add-widget').click();
    const dialog = page.getByRole('dialog', { name: 'Add a widget' });
    await expect(dialog).toBeVisible();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/analytics/dashboard') && r.request().method() === 'PUT',
    );
    await dialog.getByTestId('add-queue').click();
    expect((await saved).status()).toBe(200);
    await expect(dialog).toBeHidden();
    const widget = page.getByTestId('widget-queue');
    await expect(widget).toBeVisible();

    await page.reload();
    await expect(widget).toBeVisible();
    // its figures, or the empty state in words; never a spinner forever
    await expect(widget.getByTestId('widget-loading')).toHaveCount(0);

    const toggle = widget.getByRole('button', { name: /as a table$/ });
    const savedView = page.waitForResponse(
      (r) => r.url().endsWith('/api/analytics/dashboard') && r.request().method() === 'PUT',
    );
    await toggle.click();
    expect((await savedView).status()).toBe(200);
    await page.reload();
    const back = widget.getByRole('button', { name: /as a chart$/ });
    await expect(back).toHaveAttribute('aria-pressed', 'true');
    // the table (caption and header cells) when the range has data, else the empty state
    await expect(
      widget.locator('table:has(caption):has(th[scope="col"]), p:text("No data in this range.")'),
    ).toBeVisible();
    const dashboard = (await (await page.request.get('/api/analytics/dashboard')).json()) as {
      widgets: Array<{ metric: string; view: string }>;
    };
    expect(dashboard.widgets).toEqual([expect.objectContaining({ metric: 'queue', view: 'table' })]);

    await expectAccessible(page, 'analytics dashboard');
    await reviewShot(page, test.info().outputPath(`analytics-${test.info().project.name}.png`), {
      fullPage: true,
    });
  });
});

test.describe('as a technician', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('gets the forbidden page and 403 from the analytics API', async ({ page }) => {
    const res = await page.goto('/admin/analytics');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toHaveCount(0);
    for (const path of ['/api/analytics/dashboard', '/api/analytics/metrics/revenueSummary']) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
  });
});
