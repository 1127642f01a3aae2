/**
 * Paying in the browser with the built-in sandbox card provider (no keys set): the seed's own
 * journey, declines and retries against the same payment, switching to pay on collection, the
 * bank's extra confirmation step, the return page after a redirect, and paying the balance of
 * a pay-on-collection booking from its tracking page. With E2E_SHOTS=1, screenshots of each
 * state go to /tmp/shots/<project>-<name>.png for review.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { chooseWorkerShop, expectAccessible, reviewShot, uniqueEmail, uniqueKey } from './helpers';
import { signUpContext } from './users';

const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string, target?: ReturnType<Page['locator']>) {
  if (!process.env.E2E_SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const path = `${SHOTS}/${test.info().project.name}-${name}.png`;
  await reviewShot(target ?? page, path);
}

/** Up to the payment section: an iPhone 15 screen repair, drop-off slot preselected. */
async function reachPayment(page: Page, name: string, email: string) {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('price-estimate')).toContainText('£');
  await chooseWorkerShop(page);
  await page.getByTestId('customer-name').fill(name);
  await page.getByTestId('customer-email').fill(email);
}

/** Counts the booking requests the page sends (a retry must never book twice). */
function countBookings(page: Page) {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/bookings') sent.push(r.url());
  });
  return sent;
}

const PAID = /^Paid £\d+\.\d{2} by card \(Visa •••• 4242\)$/;

test('seed journey: book an iPhone 15 screen repair and pay by card', async ({ page, request }) => {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('price-estimate')).toBeVisible();
  await chooseWorkerShop(page);
  await page.getByTestId('customer-name').fill('John Doe');
  await page.getByTestId('customer-email').fill('john@example.com');
  await page.getByTestId('payment-stripe').click();
  await page.getByTestId('card-number').fill('4242424242424242');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  await expect(page.getByTestId('booking-success')).toContainText('Paid');

  await expect(page.getByTestId('payment-status')).toHaveText(PAID);
  await expect(page.getByTestId('invoice-number')).toContainText(/Receipt [A-Z0-9]+-\d{6}/);
  await expectAccessible(page, 'paid confirmation');
  await shot(page, 'success', page.getByTestId('booking-success'));

  // the receipt: the invoice PDF, reachable with the booking's tracking token
  const href = await page.getByTestId('receipt-download').getAttribute('href');
  expect(href).toMatch(/^\/api\/invoices\/[\w-]+\/pdf\?token=/);
  const pdf = await request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test(
  'a declined card says so clearly; another card then pays the same booking',
  { tag: '@behaviour' },
  async ({ page }) => {
    const bookings = countBookings(page);
    await reachPayment(page, 'Dee Clined', 'declined@example.com');
    await page.getByTestId('payment-stripe').click();
    await expect(page.getByTestId('test-mode-banner')).toContainText('Test mode');
    await expect(page.getByTestId('payment-hold')).toContainText('We hold your slot for 15 minutes');
    await expectAccessible(page, 'payment section (card)');
    const section = page.getByRole('region', { name: 'Payment', exact: true });
    await shot(page, 'payment-section', section);

    await page.getByTestId('card-number').fill('4000000000000002');
    await expect(page.getByTestId('card-number')).toHaveValue('4000 0000 0000 0002');
    await page.getByTestId('submit-payment').click();
    const declined = page.getByTestId('payment-declined');
    await expect(declined).toBeVisible();
    await expect(declined).toHaveAttribute('role', 'alert');
    await expect(declined).toContainText('Your card was declined');
    await expect(page.getByTestId('card-number')).toBeFocused();
    await expect(page.getByTestId('card-number')).toHaveValue('');
    // the booking is made and held; only the payment is left
    await expect(page.getByTestId('payment-hold')).toContainText(/Booking RT-\w{6} is reserved/);
    await expect(page.getByTestId('held-booking')).toContainText('Dee Clined');
    await expect(page.getByTestId('customer-name')).toHaveCount(0);
    await expectAccessible(page, 'payment declined');
    await shot(page, 'payment-declined', section);

    await page.getByTestId('card-number').fill('4242 4242 4242 4242');
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('booking-success')).toBeVisible();
    await expect(page.getByTestId('payment-status')).toHaveText(PAID);
    expect(bookings).toHaveLength(1);
  },
);

test('card field errors show under their fields', async ({ page }) => {
  await reachPayment(page, 'Field Errors', 'fields@example.com');
  await page.getByTestId('payment-stripe').click();
  // nothing typed: the number is asked for before anything is booked
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('card-number')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('card-number')).toBeFocused();
  await expect(page.getByText('Enter the card number.')).toBeVisible();
  // a past expiry: the server's field message, under the expiry
  await page.getByTestId('card-number').fill('4242424242424242');
  await page.getByTestId('card-expiry').fill('01/20');
  await expect(page.getByTestId('card-expiry')).toHaveValue('01/20');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('card-expiry')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter an expiry date in the future, as MM/YY.')).toBeVisible();
  await expect(page.getByTestId('card-expiry')).toBeFocused();
  await expectAccessible(page, 'card field errors');
  await page.getByTestId('card-expiry').fill('12/34');
  await page.getByTestId('card-cvc').fill('123');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('payment-status')).toHaveText(PAID);
});

test(
  'declined, then "pay on collection instead": the booking stands, to pay on collection',
  { tag: '@behaviour' },
  async ({ page }) => {
    await reachPayment(page, 'Col Lection', 'collection-instead@example.com');
    await page.getByTestId('payment-stripe').click();
    await page.getByTestId('card-number').fill('4000000000000002');
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('payment-declined')).toBeVisible();
    await page.getByTestId('pay-on-collection-instead').click();
    await expect(page.getByTestId('booking-success')).toBeVisible();
    await expect(page.getByTestId('payment-status')).toHaveText('Pay on collection');
    await expect(page.getByTestId('receipt-download')).toHaveCount(0);
    // (axe: this confirmation, pay on collection, is checked in booking-journey.spec)
  },
);

test(
  'declined, then the pay-on-collection radio and the same submit button',
  { tag: '@behaviour' },
  async ({ page }) => {
    const bookings = countBookings(page);
    await reachPayment(page, 'Radio Switch', 'radio-switch@example.com');
    await page.getByTestId('payment-stripe').click();
    await page.getByTestId('card-number').fill('4000000000000002');
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('payment-declined')).toBeVisible();
    await page.getByTestId('payment-collection').click();
    await expect(page.getByTestId('submit-payment')).toHaveText('Pay on collection instead');
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('payment-status')).toHaveText('Pay on collection');
    expect(bookings).toHaveLength(1);
  },
);

test(
  "a card that needs the bank's extra step: failed once, then completed",
  { tag: '@behaviour' },
  async ({ page }) => {
    await reachPayment(page, 'Three Dee', 'threeds@example.com');
    await page.getByTestId('payment-stripe').click();
    await page.getByTestId('card-number').fill('4000 0027 6000 3184');
    await page.getByTestId('submit-payment').click();
    const dialog = page.getByRole('dialog', {
      name: 'Your bank asks you to confirm this payment (test mode)',
    });
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('authenticate-approve')).toBeVisible();
    await expectAccessible(page, '3-D Secure dialog');
    await shot(page, '3ds-dialog');

    await page.getByTestId('authenticate-deny').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('payment-declined')).toContainText('extra confirmation was not completed');
    await expect(page.getByTestId('card-number')).toBeFocused();

    await page.getByTestId('card-number').fill('4000002760003184');
    await page.getByTestId('submit-payment').click();
    await expect(dialog).toBeVisible();
    await page.getByTestId('authenticate-approve').click();
    await expect(page.getByTestId('booking-success')).toBeVisible();
    await expect(page.getByTestId('payment-status')).toHaveText(
      /^Paid £\d+\.\d{2} by card \(Visa •••• 3184\)$/,
    );
  },
);

test(
  'the return page (after PayPal or a bank): cancelled, then paid elsewhere, back to the booking',
  { tag: '@behaviour' },
  async ({ page, request }) => {
    await reachPayment(page, 'Re Turn', 'return@example.com');
    await page.getByTestId('payment-stripe').click();
    await page.getByTestId('card-number').fill('4000000000000002');
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('payment-declined')).toBeVisible();
    const pending = await page.evaluate(() => {
      const draft = JSON.parse(sessionStorage.getItem('rt-booking-draft-v1') ?? '{}') as {
        pending?: { booking: { trackingToken: string }; payment: { id: string } };
      };
      return { id: draft.pending!.payment.id, token: draft.pending!.booking.trackingToken };
    });

    await page.goto(`/pay/return?payment=${pending.id}&cancelled=1`);
    const card = page.getByTestId('pay-return');
    await expect(card).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByRole('heading', { name: 'You cancelled the payment' })).toBeFocused();
    // (one axe run for the return page: its paid state differs only in words)
    await expectAccessible(page, 'return page, cancelled');
    await page.getByTestId('pay-return-next').click();
    await expect(page).toHaveURL(/\/book-repair$/);
    await expect(page.getByTestId('payment-hold')).toContainText(/Booking RT-\w{6} is reserved/);

    // the payment completes outside this page (as at PayPal); the return page settles and says so
    const paid = await request.post(`/api/payments/${pending.id}/card`, {
      data: { token: pending.token, cardNumber: '4242424242424242' },
    });
    expect(paid.status()).toBe(200);
    await page.goto(`/pay/return?payment=${pending.id}`);
    await expect(card).toHaveAttribute('data-state', 'paid');
    await expect(page.getByTestId('pay-return-text')).toContainText('Paid £');
    await page.getByTestId('pay-return-next').click();
    await expect(page.getByTestId('booking-success')).toBeVisible();
    await expect(page.getByTestId('payment-status')).toHaveText(PAID);
  },
);

test('tracking page: a pay-on-collection booking shows what is due; pay it by card', async ({
  page,
  request,
}) => {
  const res = await request.post('/api/bookings', {
    headers: { 'idempotency-key': uniqueKey('balance') },
    data: {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      service: { type: 'mail_in' },
      customer: { name: 'Bal Ance', email: `balance-${Date.now()}@example.com` },
      paymentMethod: 'collection',
    },
  });
  expect(res.status()).toBe(201);
  const booking = (await res.json()) as { trackingUrl: string; quote: { totalMinor: number } };
  const total = `£${(booking.quote.totalMinor / 100).toFixed(2)}`;
  const url = new URL(booking.trackingUrl);
  await page.goto(`${url.pathname}${url.search}`);

  const payments = page.getByTestId('order-payments');
  await expect(payments).toBeVisible();
  await expect(payments.getByTestId('summary-due')).toHaveText(total);
  await expect(payments.getByTestId('no-payments')).toBeVisible();
  await expectAccessible(page, 'tracking page with payments');
  await shot(page, 'payments-card', payments);

  await page.getByTestId('pay-balance').click();
  await expect(page.getByTestId('pay-balance')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `Pay ${total}` })).toBeFocused();
  await expect(page.getByTestId('payment-collection')).toHaveCount(0);
  await expect(page.getByTestId('submit-payment')).toHaveText(`Pay ${total}`);
  await expectAccessible(page, 'tracking page, paying the balance');
  await shot(page, 'payments-card-gateway', payments);

  await page.getByTestId('card-number').fill('4242424242424242');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('payment-thanks')).toContainText(`we received ${total}`);
  await expect(payments.getByTestId('summary-due')).toHaveText('£0.00');
  await expect(payments.getByTestId('summary-paid')).toHaveText(total);
  const row = payments.getByTestId('payment-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'succeeded');
  await expect(row).toContainText('Paid');
  await expect(payments.locator('[data-testid^="invoice-link-"]')).toBeVisible();
  await expect(page.getByTestId('pay-balance')).toHaveCount(0);
  await expectAccessible(page, 'tracking page, paid');
  await shot(page, 'payments-card-paid', payments);
});

test(
  'signed in: the repair page in My account shows Payments; the owner pays the balance',
  { tag: '@behaviour' },
  async ({ page, baseURL }) => {
    test.slow();
    // a customer of their own, signed up and in through the API
    const email = uniqueEmail('pay-owner');
    await signUpContext(page.context(), baseURL!, {
      name: 'Owen Owner',
      email,
      password: 'owner-password-123',
    });
    // booked while signed in (through the page's own session), to pay on collection
    const res = await page.request.post('/api/bookings', {
      headers: { 'idempotency-key': uniqueKey('owner') },
      data: {
        modelSlug: 'iphone-15',
        repairSlugs: ['screen-crack'],
        service: { type: 'mail_in' },
        customer: { name: 'Owen Owner', email },
        paymentMethod: 'collection',
      },
    });
    expect(res.status()).toBe(201);
    const booking = (await res.json()) as { reference: string; quote: { totalMinor: number } };
    const total = `£${(booking.quote.totalMinor / 100).toFixed(2)}`;

    await page.goto(`/account/repairs/${booking.reference}`);
    const payments = page.getByTestId('order-payments');
    await expect(payments.getByTestId('summary-due')).toHaveText(total);
    // (axe: this page with its payments card due is checked in portal.spec, the card paid below
    // on the tracking page: the same OrderPaymentsCard)
    await page.getByTestId('pay-balance').click();
    await page.getByTestId('card-number').fill('4242 4242 4242 4242');
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('payment-thanks')).toBeVisible();
    await expect(payments.getByTestId('summary-due')).toHaveText('£0.00');

    // the owner's receipt needs no token: the session is enough
    const link = payments.locator('[data-testid^="invoice-link-"]');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/invoices\/[\w-]+\/pdf$/);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    // and a reload shows the same, rendered on the server
    await page.reload();
    await expect(page.getByTestId('order-payments').getByTestId('summary-due')).toHaveText('£0.00');
    await expect(page.getByTestId('pay-balance')).toHaveCount(0);
  },
);
