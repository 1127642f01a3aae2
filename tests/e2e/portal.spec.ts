import { expect, test, type Page } from '@playwright/test';
import { chooseWorkerShop, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { signUpContext } from './users';

const PASSWORD = 'portal-password-123';

/** A full-page screenshot from the top (the sticky header otherwise lands mid-page), with E2E_SHOTS. */
async function screenshot(page: Page, path: string) {
  if (!process.env.E2E_SHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await reviewShot(page, path, { fullPage: true });
}

/** Books an iPhone 15 screen repair at the first free drop-off slot, signed in as the customer. */
async function bookWhileSignedIn(page: Page, name: string, email: string): Promise<string> {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill(name);
  await page.getByTestId('customer-email').fill(email);
  await page.getByTestId('payment-collection').click();
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  return ((await page.getByTestId('booking-reference').textContent()) ?? '').trim();
}

test('a signed-in customer follows their repair in My account and writes to the shop', async ({
  page,
  baseURL,
}, testInfo) => {
  // a long journey (booking, two pages, axe three times): give it room on a busy machine
  test.slow();
  // a customer of their own (their repairs), signed up and in through the API
  const email = uniqueEmail('portal');
  await signUpContext(page.context(), baseURL!, { name: 'Petra Portal', email, password: PASSWORD });
  const reference = await bookWhileSignedIn(page, 'Petra Portal', email);
  expect(reference).toMatch(/^RT-[A-Z0-9]{6}$/);

  // My repairs: the card with status, progress, next step and the quote
  await page.goto('/account');
  const card = page.locator(`[data-testid="repair-card"][data-reference="${reference}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('status-badge')).toHaveText('Booked');
  await expect(card.getByRole('progressbar', { name: `Progress of ${reference}` })).toHaveAttribute(
    'aria-valuenow',
    '5',
  );
  await expect(card.getByTestId('repair-next-step')).toContainText('Bring your device to RevivaTech');
  await expect(card.getByTestId('repair-total')).toContainText('£');
  await expectAccessible(page, '/account with a repair');
  await screenshot(page, testInfo.outputPath('account.png'));

  // the order page
  await card.getByTestId('repair-link').click();
  await expect(page).toHaveURL(new RegExp(`/account/repairs/${reference}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apple iPhone 15');
  await expect(page.getByTestId('order-reference')).toHaveText(reference);
  await expect(page.getByTestId('status-badge')).toHaveText('Booked');
  const stepper = page.getByRole('list', { name: 'Stages of your repair' });
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Booked');
  await expect(stepper.getByText('Awaiting your approval')).toHaveCount(0);
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-key', 'bring_device');
  await expect(page.getByTestId('order-quote')).toContainText('Cracked or broken screen');
  await expect(page.getByTestId('order-timeline')).toContainText('Booked');
  await expect(page.getByTestId('messages-empty')).toBeVisible();
  await expectAccessible(page, 'order page');

  // an empty message is refused in the page, with the error tied to the field
  await page.getByTestId('message-send').click();
  await expect(page.getByTestId('message-body')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Please write a message.')).toBeVisible();

  await page.getByTestId('message-body').fill('Hello! Can you also check the battery?');
  await page.getByTestId('message-send').click();
  const thread = page.getByRole('log', { name: 'Messages' });
  const mine = thread.locator('[data-testid="message"][data-from="customer"]');
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Hello! Can you also check the battery?');
  await expect(mine).toContainText('You');
  await expect(page.getByTestId('message-body')).toHaveValue('');
  await expect(page.getByTestId('message-status')).toHaveText('Message sent.');
  await expectAccessible(page, 'order page with a message');

  // it is stored: still there after a reload, once
  await page.reload();
  await expect(page.getByRole('log', { name: 'Messages' }).getByTestId('message')).toHaveCount(1);
  await screenshot(page, testInfo.outputPath('order.png'));

  // someone else's repair, or an unknown one, is simply not found
  const res = await page.goto('/account/repairs/RT-222222');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: "We couldn't find that repair" })).toBeVisible();
});

test('a guest writes to the shop from the tracking link', async ({ page }) => {
  await page.goto('/book-repair');
  const email = uniqueEmail('guest');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill('Gus Guest');
  await page.getByTestId('customer-email').fill(email);
  await page.getByTestId('payment-collection').click();
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  await page.getByTestId('track-link').click();
  await expect(page.getByTestId('tracking-status')).toHaveText('Booked');
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-key', 'bring_device');

  await page.getByTestId('message-body').fill('Is there parking near the shop?');
  await page.getByTestId('message-send').click();
  await expect(page.locator('[data-testid="message"][data-from="customer"]')).toContainText(
    'Is there parking near the shop?',
  );
  // (axe: the tracking page is checked in booking-journey.spec, this message thread, the same
  // OrderMessages, with a message on the repair page above)
  await page.reload();
  await expect(page.getByTestId('message')).toHaveCount(1);
});

test(
  '/account/repairs/<reference> asks anonymous visitors to sign in',
  { tag: '@behaviour' },
  async ({ page }) => {
    await page.goto('/account/repairs/RT-222222');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount%2Frepairs%2FRT-222222/);
  },
);
