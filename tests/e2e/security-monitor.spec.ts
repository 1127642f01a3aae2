/**
 * The lockout and the security monitor in the browser: a customer locks their account with
 * wrong passwords, is told when to retry and gets the e-mail, an admin lifts the lock on
 * /admin/users; a risky sign-in (a new browser right after failed attempts) is stepped up
 * with an e-mailed code, and the admin sees it, with its factors, on /admin/security.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, latestMail, reviewShot, uniqueEmail } from './helpers';
import { adminApi, createUser, signInContext, storageStateOf } from './users';

const PASSWORD = 'correct-horse-battery';

// several browsers and sign-ins (each a password hash) per journey
test.describe.configure({ timeout: 120_000 });

/** A customer of their own (their lock, their sign-in history), made through the API. */
async function createCustomer(baseURL: string, email: string) {
  const { api } = await createUser(baseURL, { email, password: PASSWORD, name: 'Rita Risk' });
  await api.dispose();
}

async function submitPassword(page: Page, email: string, password: string) {
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

test(
  'five wrong passwords lock the account until an admin unlocks it',
  { tag: '@behaviour' },
  async ({ page, browser, baseURL }) => {
    const email = uniqueEmail('locked');
    await createCustomer(baseURL!, email);
    await page.goto('/sign-in');
    for (let i = 1; i <= 4; i++) {
      await submitPassword(page, email, `wrong-password-${i}`);
      await expect(page.getByTestId('signin-error')).toBeVisible();
      await expect(page.getByTestId('signin-submit')).toBeEnabled();
    }
    await submitPassword(page, email, 'wrong-password-5');
    await expect(page.getByTestId('signin-error')).toContainText('try again in 15 minutes');
    // the right password waits for the lock too
    await submitPassword(page, email, PASSWORD);
    await expect(page.getByTestId('signin-error')).toContainText('try again in');
    await expect(page).toHaveURL(/\/sign-in/);
    await reviewShot(page, test.info().outputPath('locked.png'), { fullPage: true });

    const admin = await adminApi(baseURL!);
    const mail = await latestMail(admin, email, 'account-locked');
    expect(mail.text).toContain('try again in 15 minutes');
    await admin.dispose();

    // the admin, signed in by its storage state (global-setup.ts), in a browser of their own
    const adminContext = await browser.newContext({ storageState: storageStateOf('admin') });
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/admin/users');
    await adminPage.getByTestId('user-search').fill(email);
    await expect(adminPage.getByTestId(`locked-${email}`)).toBeVisible();
    await expectAccessible(adminPage, '/admin/users with a locked user');
    await reviewShot(adminPage, test.info().outputPath('admin-locked-user.png'), { fullPage: true });
    await adminPage.getByTestId(`unlock-${email}`).click();
    await expect(adminPage.getByTestId(`locked-${email}`)).toHaveCount(0);
    await adminContext.close();

    await submitPassword(page, email, PASSWORD);
    await expect(page).not.toHaveURL(/\/sign-in/);
  },
);

test(
  'a risky sign-in needs the e-mailed code, and admins see why',
  { tag: '@behaviour' },
  async ({ page, browser, baseURL }) => {
    const email = uniqueEmail('risky');
    await createCustomer(baseURL!, email);
    // a first, ordinary sign-in (through the API, into this browser's cookies): this browser
    // becomes a known device
    await signInContext(page.context(), baseURL!, { email, password: PASSWORD });

    // another browser, after three wrong passwords: new device + failed attempts
    const other = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
    const stranger = await other.newPage();
    await stranger.goto('/sign-in');
    for (let i = 1; i <= 3; i++) {
      await submitPassword(stranger, email, `wrong-password-${i}`);
      await expect(stranger.getByTestId('signin-error')).toBeVisible();
    }
    await submitPassword(stranger, email, PASSWORD);
    await expect(stranger.getByTestId('signin-step-up')).toBeVisible();
    await expectAccessible(stranger, 'the step-up code step');
    await reviewShot(stranger, test.info().outputPath('step-up.png'), { fullPage: true });

    const admin = await adminApi(baseURL!);
    const mail = await latestMail(admin, email, 'sign-in-code');
    await admin.dispose();
    const code = /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1];
    expect(code, mail.text).toBeTruthy();
    await stranger.getByTestId('signin-step-up-code').fill(code === '000000' ? '111111' : '000000');
    await stranger.getByTestId('signin-step-up-submit').click();
    await expect(stranger.getByTestId('signin-error')).toContainText('not right');
    await stranger.getByTestId('signin-step-up-code').fill(code!);
    await stranger.getByTestId('signin-step-up-submit').click();
    await expect(stranger).not.toHaveURL(/\/sign-in/);
    await other.close();

    const adminContext = await browser.newContext({ storageState: storageStateOf('admin') });
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/admin/security');
    await adminPage.getByLabel('Search').fill(email);
    await adminPage.getByTestId('sec-apply').click();
    const row = adminPage.locator('[data-testid="security-row"][data-decision="step_up"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('First sign-in from this device');
    await expect(row).toContainText('3 failed attempts');
    await expect(row).toContainText('Passed e-mailed code');
    await expectAccessible(adminPage, '/admin/security');
    await reviewShot(adminPage, test.info().outputPath('admin-security.png'), { fullPage: true });
    await adminContext.close();
  },
);
