import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible } from './helpers';
import { signInContext } from './users';

/** AUDIT_SHOTS=<folder> also saves screenshots of the page (to look at, not asserted). */
const SHOTS = process.env.AUDIT_SHOTS;

test('the admin reads the audit log: own sign-in, a type filter, the CSV export', async ({
  page,
  baseURL,
}) => {
  // a sign-in of the admin's own, now (through the API, into this browser): the log shows it
  await signInContext(page.context(), baseURL!, ADMIN);
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/admin\/audit/);
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();

  // the sign-in that just happened is the newest of the admin's sign-ins
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const mySignIn = page
    .locator('[data-testid="audit-row"][data-type="sign_in_succeeded"]')
    .filter({ hasText: ADMIN.email })
    .first();
  await expect(mySignIn).toBeVisible();
  await expect(mySignIn).toContainText('Signed in');
  await expectAccessible(page, 'audit log page');
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/audit-${test.info().project.name}.png`, fullPage: true });
  }

  // filter: only sign-ins by the admin
  await page.getByTestId('audit-type').selectOption('sign_in_succeeded');
  await page.getByLabel('Who').fill(ADMIN.email);
  await page.getByTestId('audit-apply').click();
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"]:not([data-type="sign_in_succeeded"])')).toHaveCount(0);
  for (const type of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))) {
    expect(type).toBe('sign_in_succeeded');
  }

  // the export link carries the filters and answers CSV
  const href = await page.getByTestId('audit-export').getAttribute('href');
  expect(href).toContain('type=sign_in_succeeded');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/csv/);
  const csv = await res.text();
  expect(csv.split('\r\n')[0]).toMatch(/^id,occurred_at,type,/);
  expect(csv).toContain(`sign_in_succeeded`);
  expect(csv).toContain(ADMIN.email);

  // a filter that matches nothing shows the empty state
  await page.getByLabel('From').fill('2099-01-01');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByText('No events match these filters.')).toBeVisible();
  await expectAccessible(page, 'audit log page (empty)');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/audit-empty-${test.info().project.name}.png` });
});

test('non-admins are kept out of the audit log', { tag: '@behaviour' }, async ({ page }) => {
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});
