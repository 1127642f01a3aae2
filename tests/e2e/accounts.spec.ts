import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN, expectAccessible, latestMail, linkIn, signUp, uniqueEmail } from './helpers';
import { adminApi, storageStateOf, totpCodeFor } from './users';

const PASSWORD = 'first-password-123';

let admin: APIRequestContext;
test.beforeAll(async ({ baseURL }) => {
  admin = await adminApi(baseURL!);
});
test.afterAll(async () => {
  await admin?.dispose();
});

test('sign up -> verification e-mail in the outbox -> open the link -> verified', async ({ page }) => {
  const email = uniqueEmail('verify');
  await page.goto('/sign-up');
  await expectAccessible(page, 'sign-up page');
  await signUp(page, 'Vera Fied', email, PASSWORD);
  await expect(page.getByTestId('verify-prompt')).toBeVisible();
  await expect(page.getByTestId('repairs-empty')).toBeVisible();
  await expectAccessible(page, 'account page (unverified)');

  const mail = await latestMail(admin, email, 'verification');
  expect(mail.subject).toContain('Confirm your e-mail address');
  const link = linkIn(mail, '/verify-email');
  await page.goto(link);
  await expect(page.getByTestId('verify-verified')).toBeVisible();
  await expectAccessible(page, 'verify-email page (verified)');

  await page.goto('/account');
  await expect(page.getByTestId('email-verified')).toBeVisible();
  await expect(page.getByTestId('verify-prompt')).toHaveCount(0);
  await expectAccessible(page, 'account page (verified)');

  // the link again, signed out: still a clear page (the address is already confirmed), no error
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(link);
  await expect(page.getByTestId('verify-verified')).toBeVisible();
});

test(
  'an invalid or missing verification token shows the clear invalid page',
  { tag: '@behaviour' },
  async ({ page }) => {
    const email = uniqueEmail('badtoken');
    await signUp(page, 'Bad Token', email, PASSWORD);
    const link = linkIn(await latestMail(admin, email, 'verification'), '/verify-email');

    // a tampered token: one character changed in the signature. Not the last one: the last
    // base64url character of a 32-byte signature carries two unused bits, so A<->B there can
    // decode to the same signature and the "tampered" link still verifies (a flaky test)
    const tampered = link.replace(/.(.)$/, (_, last: string) => `${link.at(-2) === 'A' ? 'B' : 'A'}${last}`);
    await page.goto(tampered);
    const invalid = page.getByTestId('verify-invalid');
    await expect(invalid).toBeVisible();
    await expect(invalid).toContainText("This link doesn't work");
    await expectAccessible(page, 'verify-email page (invalid)');

    await page.goto('/verify-email?token=not-a-token');
    await expect(page.getByTestId('verify-invalid')).toBeVisible();
    await page.goto('/verify-email');
    await expect(page.getByTestId('verify-invalid')).toBeVisible();

    // none of these confirmed the address
    await page.goto('/account');
    await expect(page.getByTestId('verify-prompt')).toBeVisible();
  },
);

test(
  'an unverified user sees the prompt; a new link straight after sign-up is refused with the wait',
  { tag: '@behaviour' },
  async ({ page }) => {
    const email = uniqueEmail('cooldown');
    await signUp(page, 'Cool Down', email, PASSWORD);
    const prompt = page.getByTestId('verify-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('Please confirm your e-mail address');
    await expect(prompt).toContainText(email);
    await expect(page.getByTestId('email-verified')).toHaveCount(0);

    await prompt.getByTestId('resend-verification').click();
    await expect(prompt.getByRole('status')).toContainText(
      /Please wait \d+ seconds before asking for another link\./,
    );
    // (axe: the account page with this prompt is checked in the first test of this file)

    // the refusal sent nothing: still only the sign-up e-mail
    const res = await admin.get(`/api/email/messages?q=${encodeURIComponent(email)}`);
    const list = (await res.json()) as { items: Array<{ template: string }> };
    expect(list.items.filter((m) => m.template === 'verification')).toHaveLength(1);
  },
);

test('password reset end to end: forgot -> e-mail -> new password -> old one refused', async ({ page }) => {
  const email = uniqueEmail('reset');
  const newPassword = 'second-password-456';
  await signUp(page, 'Reese Et', email, PASSWORD);
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/forgot-password');
  await expectAccessible(page, 'forgot-password page');
  await page.getByTestId('forgot-email').fill(email);
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-sent')).toContainText(email);

  const mail = await latestMail(admin, email, 'password-reset');
  expect(mail.subject).toContain('Reset your');
  await page.goto(linkIn(mail, '/reset-password'));
  await expectAccessible(page, 'reset-password page');
  // a mismatch is caught before anything is sent
  await page.getByTestId('reset-password').fill(newPassword);
  await page.getByTestId('reset-confirm').fill('something-else-789');
  await page.getByTestId('reset-submit').click();
  await expect(page.locator('#reset-confirm-error')).toBeVisible();
  await page.getByTestId('reset-confirm').fill(newPassword);
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-done')).toBeVisible();

  // the old password no longer works, with a clear message
  await page.goto('/sign-in');
  await expectAccessible(page, 'sign-in page');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(PASSWORD);
  await page.getByTestId('signin-submit').click();
  // (the form's own alert; Next's route announcer is an alert too)
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    "That e-mail and password don't match an account.",
  );
  await expect(page).toHaveURL(/\/sign-in/);

  // the new one does
  await page.getByTestId('signin-password').fill(newPassword);
  await page.getByTestId('signin-submit').click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByTestId('account-email')).toContainText(email);

  // the reset link is single-use
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(linkIn(mail, '/reset-password'));
  await page.getByTestId('reset-password').fill('third-password-789');
  await page.getByTestId('reset-confirm').fill('third-password-789');
  await page.getByTestId('reset-submit').click();
  await expect(page.locator('#reset-confirm-error')).toHaveText('This reset link is invalid or has expired.');
});

test('a reset page without a token says the link is invalid', { tag: '@behaviour' }, async ({ page }) => {
  await page.goto('/reset-password');
  await expect(page.getByTestId('reset-invalid')).toBeVisible();
  await expectAccessible(page, 'reset-password page (no token)');
});

test(
  '/account asks anonymous visitors to sign in and brings them back',
  { tag: '@behaviour' },
  async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
    await page.getByTestId('signin-email').fill(ADMIN.email);
    await page.getByTestId('signin-password').fill(ADMIN.password);
    await page.getByTestId('signin-submit').click();
    // the admin has two-factor (tests/e2e/global-setup.ts)
    await page.getByTestId('signin-totp').fill(totpCodeFor(ADMIN.email));
    await page.getByTestId('signin-verify').click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-email')).toContainText(ADMIN.email);
  },
);

test.describe('as the admin', () => {
  // signed in by its storage state (global-setup.ts): this journey is about the pages
  test.use({ storageState: storageStateOf('admin') });

  test('admin pages pass axe: users, e-mail set-up, outbox', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/admin\/users/);
    // newest first, 25 a page: by the phone run the admin is far down the list, so search
    await page.getByTestId('user-search').fill(ADMIN.email);
    await expect(page.getByTestId(`user-row-${ADMIN.email}`)).toBeVisible();
    await expectAccessible(page, 'admin users page');
    await page.goto('/admin/email-setup');
    await expect(page.getByRole('heading', { name: 'E-mail set-up' })).toBeVisible();
    await expectAccessible(page, 'admin e-mail set-up page');
    await page.goto('/admin/email/outbox');
    await expect(page.getByRole('heading', { name: 'E-mail outbox' })).toBeVisible();
    await expectAccessible(page, 'admin outbox page');
  });
});
