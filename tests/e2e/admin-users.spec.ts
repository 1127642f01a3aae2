/**
 * The admin's people tools (issue 13, item 16): a role change asks for confirmation before it
 * happens, staff are invited by e-mail with a role and shop and join through the link, and an
 * admin resets the two-factor of someone who lost their phone.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  completeTwoFactorSetup,
  expectAccessible,
  latestMail,
  linkIn,
  reviewShot,
  uniqueEmail,
} from './helpers';
import { adminApi, apiContext, createUser, storageStateOf } from './users';

test.use({ storageState: storageStateOf('admin') });

/** where E2E_SHOTS=1 keeps screenshots of the new pages, to look at */
const shotPath = (name: string) => `test-results/shots/${name}-${test.info().project.name}.png`;

async function openUsers(page: Page, email: string) {
  await page.goto('/admin/users');
  // newest first, 25 a page: search, so the row is there whatever else the run made
  await page.getByTestId('user-search').fill(email);
  await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();
}

async function roleOf(baseURL: string, email: string): Promise<string | undefined> {
  const admin = await adminApi(baseURL);
  const res = await admin.get(`/api/admin/users?q=${encodeURIComponent(email)}`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { items: Array<{ email: string; role: string }> };
  await admin.dispose();
  return body.items.find((u) => u.email === email)?.role;
}

test(
  'a role change says what changes and happens only once confirmed',
  { tag: '@behaviour' },
  async ({ page, baseURL }) => {
    const email = uniqueEmail('role');
    const { api } = await createUser(baseURL!, {
      email,
      password: 'role-change-password',
      name: 'Rory Role',
    });
    await api.dispose();
    await openUsers(page, email);

    const select = page.getByTestId(`role-${email}`);
    await select.selectOption('technician');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`${email} changes from Customer to Technician`);
    await expectAccessible(page, 'role change confirmation');
    await reviewShot(page, shotPath('admin-role-change'));
    // cancelled: nothing changed, on the server or in the list
    await dialog.getByTestId('cancel-role-change').click();
    await expect(dialog).toBeHidden();
    await expect(select).toHaveValue('customer');
    expect(await roleOf(baseURL!, email)).toBe('customer');

    await select.selectOption('technician');
    await page.getByRole('dialog').getByTestId('confirm-role-change').click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect.poll(() => roleOf(baseURL!, email)).toBe('technician');
    await page.reload();
    await page.getByTestId('user-search').fill(email);
    await expect(page.getByTestId(`role-${email}`)).toHaveValue('technician');
  },
);

test('an invited technician joins through the e-mailed link, sets up two-factor and reaches the console', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  const email = uniqueEmail('invite');
  await page.goto('/admin/users');
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-role').selectOption('technician');
  await page.getByTestId('invite-shop').selectOption('london');
  await page.getByTestId('invite-send').click();
  await expect(page.getByTestId(`invite-status-${email}`)).toHaveText('Pending');
  await reviewShot(page, shotPath('admin-invitations'));

  const admin = await adminApi(baseURL!);
  const mail = await latestMail(admin, email, 'staff-invitation');
  const link = linkIn(mail, '/accept-invite');

  // the invitee, in a browser of their own with no session
  const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const joining = await invitee.newPage();
  await joining.goto(link);
  await expect(joining.getByTestId('accept-invite-form')).toContainText('Technician');
  await expectAccessible(joining, 'accept invitation page');
  await reviewShot(joining, shotPath('accept-invite'));
  // bad input: clear field messages, nothing accepted
  await joining.getByTestId('invite-accept').click();
  await expect(joining.locator('#invite-name-error')).toBeVisible();
  await expect(joining.locator('#invite-password-error')).toBeVisible();
  await joining.getByTestId('invite-name').fill('Ivy Invited');
  await joining.getByTestId('invite-password').fill('invited-tech-password');
  await joining.getByTestId('invite-accept').click();
  // staff must set up two-factor before the console opens (STAFF_TWO_FACTOR=required)
  await expect(joining).toHaveURL(/\/account\/security\?setup=required/);
  await completeTwoFactorSetup(joining, email, 'invited-tech-password');
  await expect(joining).toHaveURL(/\/staff/);
  await invitee.close();

  // the link works once
  const again = await apiContext(baseURL!);
  const reuse = await again.post('/api/invitations/accept', {
    data: {
      token: new URL(link, baseURL).searchParams.get('token'),
      name: 'Ivy',
      password: 'another-password-1',
    },
  });
  expect(reuse.status()).toBeGreaterThanOrEqual(400);
  expect(reuse.status()).toBeLessThan(500);
  await again.dispose();

  await page.reload();
  await expect(page.getByTestId(`invite-status-${email}`)).toHaveText('Accepted');
  expect(await roleOf(baseURL!, email)).toBe('technician');
  await admin.dispose();
});

test(
  'an admin resets the two-factor of someone who lost their phone, after confirming; they are told',
  { tag: '@behaviour' },
  async ({ page, baseURL }) => {
    const admin = await adminApi(baseURL!);
    const email = uniqueEmail('lostphone');
    const { api } = await createUser(
      baseURL!,
      {
        email,
        password: 'lost-phone-password',
        name: 'Lou Lost',
        role: 'technician',
        shopSlug: 'london',
        twoFactor: true,
      },
      admin,
    );
    await openUsers(page, email);
    await page.getByTestId(`reset-2fa-${email}`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`${email} is signed out everywhere`);
    await dialog.getByTestId('confirm-reset-2fa').click();
    await expect(page.getByText(`Two-factor reset for ${email}.`).first()).toBeVisible();
    await expect(page.getByTestId(`reset-2fa-${email}`)).toHaveCount(0);

    // their sessions ended, and they are e-mailed
    expect((await api.get('/api/account')).status()).toBe(401);
    const told = await latestMail(admin, email, 'security-alert');
    expect(told.text).toMatch(/two-factor/i);
    await api.dispose();
    await admin.dispose();
  },
);
