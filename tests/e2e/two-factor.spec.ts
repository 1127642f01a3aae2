import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { completeTwoFactorSetup, expectAccessible, reviewShot, signIn, uniqueEmail } from './helpers';
import { adminApi, createUser as createUserViaApi, enrolTwoFactor } from './users';
import { hotp, totp } from '../totp';

const PASSWORD = 'two-factor-password-1';

let admin: APIRequestContext;
test.beforeAll(async ({ baseURL }) => {
  admin = await adminApi(baseURL!);
});
test.afterAll(async () => {
  await admin?.dispose();
});

/** Screenshots of the steps, with E2E_SHOTS (not asserted): test-results/<test>/<name>-<project>.png */
async function shot(page: Page, name: string) {
  await reviewShot(page, test.info().outputPath(`${name}-${test.info().project.name}.png`), {
    fullPage: true,
  });
}

/** A new account through the API (no page), in its own cookie jar (tests/e2e/users.ts). */
async function createUser(baseURL: string, tag: string, role?: 'technician' | 'manager') {
  const email = uniqueEmail(tag);
  const { api } = await createUserViaApi(
    baseURL,
    { email, password: PASSWORD, name: `Tess ${tag}`, role, shopSlug: role ? 'london' : undefined },
    admin,
  );
  return { email, api };
}

/** Signs the API context out (its session would show in the sessions list) and closes it. */
async function closeApi(api: APIRequestContext) {
  const res = await api.post('/api/auth/sign-out', { data: {} });
  expect(res.ok(), `sign-out: ${res.status()}`).toBe(true);
  await api.dispose();
}

/** Fills e-mail and password on /sign-in and submits; the caller deals with what comes next. */
async function submitPassword(page: Page, email: string, next = '/account') {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(PASSWORD);
  await page.getByTestId('signin-submit').click();
}

async function signOut(page: Page) {
  await page.goto('/account');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/$/);
}

test('the TOTP helper matches the RFC 6238 test vectors', { tag: '@behaviour' }, () => {
  const key = Buffer.from('12345678901234567890');
  const at = (seconds: number) => hotp(key, Math.floor(seconds / 30), 8);
  expect([59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000].map(at)).toEqual([
    '94287082',
    '07081804',
    '14050471',
    '89005924',
    '69279037',
    '65353130',
  ]);
  // base32 of the same key, as an otpauth:// URI carries it
  expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000, { digits: 8 })).toBe('94287082');
});

test('a customer sets up two-factor, then signs in with a code and once with a backup code', async ({
  page,
  baseURL,
}) => {
  test.slow(); // four set-up steps, three sign-ins and eight axe runs
  const { email, api } = await createUser(baseURL!, 'tfa');
  await closeApi(api);
  await signIn(page, email, PASSWORD);
  await page.getByTestId('security-link').click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');
  await expectAccessible(page, 'security page (two-factor off)');
  await shot(page, 'setup-1-password');

  // 1. the password: a wrong one is refused in words
  await page.getByTestId('setup-password').fill('not-my-password');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('setup-error')).toHaveText("That password isn't right.");
  await page.getByTestId('setup-password').fill(PASSWORD);
  await page.getByTestId('setup-submit').click();

  // 2. the QR code and the key to type; the heading of the new step has the focus
  const title = page.getByTestId('setup-step-title');
  await expect(title).toHaveText('Scan the QR code');
  await expect(title).toBeFocused();
  await expect(page.getByTestId('totp-qr')).toHaveAttribute('alt', /authenticator app/);
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
  expect(secret).toMatch(/^[A-Z2-7]{52}$/);
  // shown in groups of four for typing
  await expect(page.getByTestId('totp-secret')).toHaveText(secret.match(/.{1,4}/g)!.join(''));
  await expectAccessible(page, 'two-factor set-up: scan');
  await shot(page, 'setup-2-scan');
  await page.getByTestId('setup-next').click();

  // 3. a code from the app: a wrong one first
  await expect(page.getByTestId('setup-code')).toBeFocused();
  await page.getByTestId('setup-code').fill(totp(secret, Date.now() - 10 * 60_000));
  await page.getByTestId('setup-verify').click();
  await expect(page.getByTestId('setup-code-error')).toContainText("That code isn't right");
  await expectAccessible(page, 'two-factor set-up: code (wrong)');
  await shot(page, 'setup-3-code');
  await page.getByTestId('setup-code').fill(totp(secret));
  await page.getByTestId('setup-verify').click();

  // 4. the backup codes: download and copy
  await expect(title).toHaveText('Save your backup codes');
  const codes = await page.getByTestId('backup-code').allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('revivatech-backup-codes.txt');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain(email);
  for (const code of codes) expect(text).toContain(code);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('backup-copy').click();
  await expect(page.getByTestId('backup-status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(codes[0]!);
  await expectAccessible(page, 'two-factor set-up: backup codes');
  await shot(page, 'setup-4-codes');
  await page.getByTestId('setup-saved').click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');
  await expect(page.getByTestId('two-factor-notice')).toContainText('Two-factor authentication is on');
  await expect(page.getByTestId('two-factor-notice')).toBeFocused();
  await expectAccessible(page, 'security page (two-factor on)');
  await shot(page, 'setup-5-done');

  // sign in with the app: a wrong code says so, the right one goes on to `next`
  await signOut(page);
  await submitPassword(page, email, '/account/security');
  await expect(page.getByTestId('signin-totp')).toBeFocused();
  await expect(page.getByTestId('signin-totp')).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByTestId('signin-totp')).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByTestId('signin-step-status')).toContainText(
    'enter your two-factor authentication code',
  );
  await expectAccessible(page, 'sign-in: two-factor step');
  await shot(page, 'signin-challenge');
  await page.getByTestId('signin-totp').fill(totp(secret, Date.now() - 10 * 60_000));
  await page.getByTestId('signin-verify').click();
  await expect(page.getByTestId('signin-error')).toContainText("That code isn't right");
  await shot(page, 'signin-challenge-wrong');
  await page.getByTestId('signin-totp').fill(totp(secret));
  await page.getByTestId('signin-verify').click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');

  // a backup code works once
  await signOut(page);
  await submitPassword(page, email);
  await page.getByTestId('signin-use-backup').click();
  await expect(page.getByTestId('signin-backup-code')).toBeFocused();
  await expectAccessible(page, 'sign-in: backup code');
  await shot(page, 'signin-backup');
  await page.getByTestId('signin-backup-code').fill(codes[3]!);
  await page.getByTestId('signin-verify').click();
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);
  await submitPassword(page, email);
  await page.getByTestId('signin-use-backup').click();
  await page.getByTestId('signin-backup-code').fill(codes[3]!);
  await page.getByTestId('signin-verify').click();
  await expect(page.getByTestId('signin-error')).toHaveText(
    "That backup code isn't valid, or it has already been used.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
  // another one still works
  await page.getByTestId('signin-backup-code').fill(codes[4]!);
  await page.getByTestId('signin-verify').click();
  await expect(page).toHaveURL(/\/account$/);
});

test(
  '"trust this device" skips the challenge on this browser, not on another',
  { tag: '@behaviour' },
  async ({ page, baseURL, browser }) => {
    const { email, api } = await createUser(baseURL!, 'trust');
    const { secret } = await enrolTwoFactor(api, email, PASSWORD);
    await closeApi(api);

    await submitPassword(page, email);
    await page.getByTestId('signin-totp').fill(totp(secret));
    await page.getByTestId('signin-trust-device').check();
    await page.getByTestId('signin-verify').click();
    await expect(page).toHaveURL(/\/account$/);

    // same browser, later: straight in with the password
    await signOut(page);
    await submitPassword(page, email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-email')).toContainText(email);

    // another browser is asked for a code
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await submitPassword(otherPage, email);
    await expect(otherPage.getByTestId('signin-totp')).toBeVisible();
    await other.close();
  },
);

test('backup codes are regenerated, and two-factor turned off after a confirmation', async ({
  page,
  baseURL,
}) => {
  const { email, api } = await createUser(baseURL!, 'regen');
  const { backupCodes: oldCodes } = await enrolTwoFactor(api, email, PASSWORD);
  await closeApi(api);
  await signIn(page, email, PASSWORD, '/account/security');
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');

  await page.getByTestId('regenerate-codes').click();
  await expect(page.getByTestId('regenerate-password')).toBeFocused();
  await page.getByTestId('regenerate-password').fill(PASSWORD);
  await page.getByTestId('regenerate-submit').click();
  const fresh = page.getByTestId('regenerated-codes').getByTestId('backup-code');
  await expect(fresh).toHaveCount(10);
  const newCodes = await fresh.allTextContents();
  expect(newCodes).not.toContain(oldCodes[0]);
  await expectAccessible(page, 'security page: new backup codes');
  await page.getByTestId('regenerated-done').click();
  await expect(page.getByTestId('two-factor-notice')).toContainText('The old ones no longer work');

  // turning it off asks for the password in a dialog; Cancel keeps it on
  await page.getByTestId('turn-off-two-factor').click();
  const dialog = page.getByRole('dialog', { name: 'Turn off two-factor authentication?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'turn-off dialog');
  await shot(page, 'turn-off-dialog');
  await dialog.getByTestId('turn-off-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');
  await page.getByTestId('turn-off-two-factor').click();
  await dialog.getByTestId('turn-off-password').fill('wrong-password-123');
  await dialog.getByTestId('turn-off-submit').click();
  await expect(dialog.getByTestId('turn-off-error')).toHaveText("That password isn't right.");
  await dialog.getByTestId('turn-off-password').fill(PASSWORD);
  await dialog.getByTestId('turn-off-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');
  await expect(page.getByTestId('setup-password')).toBeVisible();

  // and the next sign-in needs the password only
  await signOut(page);
  await submitPassword(page, email);
  await expect(page).toHaveURL(/\/account$/);
});

test('a technician without two-factor is sent to the set-up on /staff and lands on /staff after it', async ({
  page,
  baseURL,
}) => {
  test.slow();
  const { email, api } = await createUser(baseURL!, 'forced', 'technician');
  await closeApi(api);
  await submitPassword(page, email, '/staff');
  await expect(page).toHaveURL(/\/account\/security\?setup=required&next=%2Fstaff$/);
  await expect(page.getByTestId('two-factor-required')).toContainText(
    'Your role requires two-factor authentication',
  );
  await expectAccessible(page, 'forced two-factor set-up');
  await shot(page, 'forced-setup');

  // every staff page sends there until it is done
  await page.goto('/staff/walk-in');
  await expect(page).toHaveURL(/\/account\/security\?setup=required&next=%2Fstaff%2Fwalk-in$/);
  await page.goto('/account/security?setup=required&next=%2Fstaff');

  await completeTwoFactorSetup(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('heading', { name: 'Repair console' })).toBeVisible();

  // staff cannot turn it off while the shop requires it
  await page.goto('/account/security');
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');
  await expect(page.getByTestId('turn-off-not-allowed')).toBeVisible();
  await expect(page.getByTestId('turn-off-two-factor')).toHaveCount(0);
});

test(
  'the forced set-up only goes back to a path on this site',
  { tag: '@behaviour' },
  async ({ page, baseURL }) => {
    const { email, api } = await createUser(baseURL!, 'nextcheck', 'technician');
    await closeApi(api);
    await submitPassword(page, email, '/staff');
    await expect(page).toHaveURL(/setup=required/);
    await page.goto('/account/security?setup=required&next=https%3A%2F%2Fevil.example%2F');
    await completeTwoFactorSetup(page, email, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
  },
);

test('sessions: two devices are listed, and "sign out other sessions" ends the other one', async ({
  page,
  baseURL,
  browser,
}) => {
  test.slow(); // three sign-ins in two browser contexts and two axe runs
  const { email, api } = await createUser(baseURL!, 'sessions');
  await closeApi(api);
  await signIn(page, email, PASSWORD, '/account/security');

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, PASSWORD);
  await expect(otherPage.getByTestId('account-email')).toContainText(email);

  await page.reload();
  const sessions = page.getByTestId('session');
  await expect(sessions).toHaveCount(2);
  const mine = page.locator('[data-testid="session"][data-current="true"]');
  await expect(mine).toHaveCount(1);
  await expect(mine.getByTestId('this-device')).toHaveText('This device');
  // the Playwright devices say Chrome on Windows (desktop) and Chrome on Android (phone)
  await expect(mine).toContainText(/Chrome \d+ on (Windows|Android)/);
  await expect(mine).toContainText('Signed in');
  // the address the server saw (this machine)
  await expect(mine).toContainText(/127\.0\.0\.1|::1/);
  await expect(mine.getByTestId('session-sign-out')).toHaveCount(0);
  await expectAccessible(page, 'security page: sessions');
  await shot(page, 'sessions');

  // one session signed out by its own button
  await page.locator('[data-testid="session"][data-current="false"]').getByTestId('session-sign-out').click();
  await expect(sessions).toHaveCount(1);
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/sign-in/);

  // the other device signs in again; "sign out other sessions" asks first, then ends it
  await signIn(otherPage, email, PASSWORD);
  await page.reload();
  await expect(sessions).toHaveCount(2);
  await page.getByTestId('sign-out-others').click();
  const dialog = page.getByRole('dialog', { name: 'Sign out all other sessions?' });
  await expect(dialog).toContainText('1 other session will be signed out');
  await expectAccessible(page, 'sign out other sessions dialog');
  await dialog.getByTestId('confirm-sign-out-others').click();
  await expect(dialog).toBeHidden();
  await expect(sessions).toHaveCount(1);
  await expect(page.getByTestId('sign-out-others')).toHaveCount(0);
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/sign-in/);
  // this device is still signed in
  await page.reload();
  await expect(page.getByTestId('two-factor-section')).toBeVisible();
  await other.close();
});
