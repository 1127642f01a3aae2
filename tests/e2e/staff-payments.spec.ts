/**
 * Payments on the staff order page: a manager sees a card payment with its invoice, refunds part
 * of it, is stopped on the field when asking for more than is left, then refunds the rest; money
 * taken at the counter settles a pay-on-collection order; a technician sees the history (kept
 * current by the order's live stream) but cannot refund.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, uniqueEmail, uniqueKey } from './helpers';
import { apiAs, FIXTURE_USERS, storageStateOf } from './users';

const MANAGER = FIXTURE_USERS.manager.name;

/** set (e.g. to /tmp/shots-staff) to keep screenshots of the panel and its dialogs */
const SHOTS = process.env.STAFF_PAYMENTS_SHOTS;

/** API clients of the fixture staff (tests/e2e/users.ts), disposed after each test */
const contexts: APIRequestContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.dispose()));
});

/** An API client signed in as this London member of staff (their storage state: no sign-in). */
async function staffApi(baseURL: string, name: 'manager' | 'technician') {
  const api = await apiAs(baseURL, name);
  contexts.push(api);
  return api;
}

interface PaymentView {
  id: string;
  status: string;
  amountMinor: number;
  refundedMinor: number;
  methodDetail: string | null;
  invoice: { id: string; number: string } | null;
}
interface Booked {
  reference: string;
  trackingToken: string;
  quote: { totalMinor: number };
  payment: PaymentView | null;
}

/** A guest's drop-off booking at London through the public API, paid as asked. */
async function book(baseURL: string, paymentMethod: 'card' | 'collection'): Promise<Booked> {
  const api = await request.newContext({ baseURL });
  const booking = await bookDropOff<Booked>(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Pat Payer', email: uniqueEmail('payer') },
    paymentMethod,
  });
  if (paymentMethod === 'card') {
    // the sandbox card form's request, as the customer's browser would send it
    const paid = await api.post(`/api/payments/${booking.payment!.id}/card`, {
      data: { token: booking.trackingToken, cardNumber: '4242424242424242' },
    });
    expect(paid.status(), await paid.text()).toBe(200);
    booking.payment = (await paid.json()) as PaymentView;
    expect(booking.payment).toMatchObject({ status: 'succeeded', methodDetail: 'Visa •••• 4242' });
    expect(booking.payment.invoice?.number).toMatch(/^LONDON-\d{6}$/);
  }
  await api.dispose();
  return booking;
}

const gbp = (minor: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

async function shot(target: Page | Locator, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({
    path: path.join(SHOTS, `${name}-${test.info().project.name}.png`),
    animations: 'disabled',
  });
}

/** The payments panel after it has loaded. */
async function openPanel(page: Page, reference: string): Promise<Locator> {
  await page.goto(`/staff/orders/${reference}`);
  await expect(page.getByTestId('order-reference')).toHaveText(reference);
  const panel = page.getByTestId('staff-payments');
  await expect(panel.getByRole('heading', { name: 'Payments', level: 2 })).toBeVisible();
  await expect(panel.getByTestId('payments-due')).toBeVisible();
  return panel;
}

test.describe('as the London manager', () => {
  // the fixture manager of tests/e2e/users.ts, signed in by global-setup.ts
  test.use({ storageState: storageStateOf('manager') });

  test('a manager refunds part of a card payment, cannot refund more than is left, then refunds the rest', async ({
    page,
    baseURL,
  }) => {
    test.slow(); // a booking, a payment, three refunds and two axe runs
    const manager = { api: await staffApi(baseURL!, 'manager') };
    const booking = await book(baseURL!, 'card');
    const payment = booking.payment!;
    const total = booking.quote.totalMinor;
    const invoice = payment.invoice!;

    const panel = await openPanel(page, booking.reference);
    await expect(panel.getByTestId('payments-total')).toHaveText(gbp(total));
    await expect(panel.getByTestId('payments-paid')).toHaveText(gbp(total));
    await expect(panel.getByTestId('payments-due')).toHaveText('£0.00');
    await expect(panel.getByTestId('record-payment')).toHaveCount(0); // nothing is due

    const row = panel.getByTestId(`payment-${payment.id}`);
    await expect(row).toContainText('Card (test mode)');
    await expect(row).toContainText('Visa •••• 4242');
    await expect(row).toContainText('Paid when booking');
    await expect(row.getByTestId('payment-status')).toHaveText('Paid');
    const link = row.getByTestId(`staff-invoice-${invoice.number}`);
    await expect(link).toHaveText(`Invoice ${invoice.number}`);
    await expect(link).toHaveAttribute('href', `/api/invoices/${invoice.id}/pdf`);
    // the payment is on the timeline, under its own label
    await expect(page.getByTestId('timeline-event-payment_received')).toContainText('Payment received');
    await expect(page.getByTestId('timeline-event-payment_received')).toContainText(invoice.number);
    await expectAccessible(page, 'order page with payments');
    await shot(panel, 'panel-paid');

    // refund £10.00: the dialog offers what is left, and asks for a reason
    await row.getByTestId(`refund-${payment.id}`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('refund-dialog')).toBeVisible();
    await expect(page.getByTestId('refund-amount')).toHaveValue((total / 100).toFixed(2));
    await expect(page.getByTestId('refund-summary')).toHaveText(
      `Refund ${gbp(total)} of ${gbp(total)} to Visa •••• 4242?`,
    );
    await page.getByTestId('refund-amount').fill('£10.00');
    await expect(page.getByTestId('refund-summary')).toHaveText(
      `Refund £10.00 of ${gbp(total)} to Visa •••• 4242?`,
    );
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByTestId('refund-reason')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('refund-reason')).toBeFocused();
    await expect(dialog.getByRole('alert')).toHaveText('Give a reason (at least 3 characters).');
    // (one axe run for the dialog: in its error state, everything of the plain one and the error)
    await expectAccessible(page, 'refund dialog with an error');
    await page.getByTestId('refund-reason').fill('Screen protector was not fitted');
    await expect(page.getByTestId('refund-reason')).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'refund-dialog');
    await page.getByTestId('refund-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Refunded £10.00' }).first()).toBeAttached();

    await expect(row).toHaveAttribute('data-status', 'partially_refunded');
    await expect(row.getByTestId('payment-status')).toHaveText('Partially refunded');
    const refunds = row.getByTestId('refund-row');
    await expect(refunds).toHaveCount(1);
    await expect(refunds.first()).toContainText('−£10.00');
    await expect(refunds.first()).toContainText('Screen protector was not fitted');
    await expect(refunds.first()).toContainText(MANAGER);
    // figures that add up: paid (as taken) − refunded = net received; total − paid = due
    await expect(panel.getByTestId('payments-paid')).toHaveText(gbp(total));
    await expect(panel.getByTestId('payments-refunded')).toHaveText('£10.00');
    await expect(panel.getByTestId('payments-net')).toHaveText(gbp(total - 1000));
    // given back, not owed again
    await expect(panel.getByTestId('payments-due')).toHaveText('£0.00');
    await expect(panel.getByTestId('payments-settled')).toHaveText(
      'Paid in full; £10.00 given back, not asked for again',
    );
    await expect(panel.getByTestId('payments-owed')).toHaveCount(0);
    await expect(panel.getByTestId('record-payment')).toHaveCount(0);
    // the live stream brings the refund onto the timeline without a reload
    await expect(page.getByTestId('timeline-event-payment_refunded')).toContainText('Payment refunded');
    await expect(page.getByTestId('timeline-event-payment_refunded')).toContainText(
      'Refunded £10.00: Screen protector was not fitted',
    );
    await shot(panel, 'panel-partly-refunded');

    // more than is left: the server's answer is shown on the amount, and nothing changes
    await row.getByTestId(`refund-${payment.id}`).click();
    await expect(page.getByTestId('refund-amount')).toHaveValue(((total - 1000) / 100).toFixed(2));
    await page.getByTestId('refund-amount').fill((total / 100).toFixed(2));
    await page.getByTestId('refund-reason').fill('Whole repair refunded');
    await page.getByTestId('refund-confirm').click();
    const amount = page.getByTestId('refund-amount');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toBeFocused();
    await expect(dialog.getByRole('alert')).toHaveText(
      `At most ${gbp(total - 1000)} of this payment can still be refunded.`,
    );
    await expect(dialog).toBeVisible();
    await shot(page, 'refund-dialog-too-much');
    const after422 = (await (
      await manager.api.get(`/api/staff/orders/${booking.reference}/payments`)
    ).json()) as { payments: PaymentView[] };
    expect(after422.payments[0]).toMatchObject({ status: 'partially_refunded', refundedMinor: 1000 });
    await expect(refunds).toHaveCount(1);

    // the rest: refunded in full, and no refund button any more
    await amount.fill(((total - 1000) / 100).toFixed(2));
    await expect(amount).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('refund-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveAttribute('data-status', 'refunded');
    await expect(row.getByTestId('payment-status')).toHaveText('Refunded');
    await expect(refunds).toHaveCount(2);
    await expect(refunds.nth(1)).toContainText(`−${gbp(total - 1000)}`);
    await expect(refunds.nth(1)).toContainText('Whole repair refunded');
    await expect(row.getByTestId(`refund-${payment.id}`)).toHaveCount(0);
    await expect(panel.getByTestId('payments-paid')).toHaveText(gbp(total));
    await expect(panel.getByTestId('payments-refunded')).toHaveText(gbp(total));
    await expect(panel.getByTestId('payments-net')).toHaveText('£0.00');
    await expect(panel.getByTestId('payments-due')).toHaveText('£0.00');
    await shot(panel, 'panel-refunded');
  });

  test('a pay-on-collection order: the manager records cash for what is due and gets an invoice', async ({
    page,
    baseURL,
  }) => {
    test.slow();
    const manager = { api: await staffApi(baseURL!, 'manager') };
    const booking = await book(baseURL!, 'collection');
    const total = booking.quote.totalMinor;

    const panel = await openPanel(page, booking.reference);
    await expect(panel.getByTestId('payments-empty')).toContainText('No payments yet');
    await expect(panel.getByTestId('payments-due')).toHaveText(gbp(total));
    await shot(panel, 'panel-empty');

    await panel.getByTestId('record-payment').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('record-amount')).toHaveValue((total / 100).toFixed(2));
    await expect(page.getByTestId('record-kind-cash')).toBeChecked();
    // more than is due is refused on the field by the server
    await page.getByTestId('record-amount').fill(((total + 100) / 100).toFixed(2));
    await page.getByTestId('record-confirm').click();
    await expect(page.getByTestId('record-amount')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('alert')).toHaveText(`At most ${gbp(total)} is due.`);
    await expectAccessible(page, 'record payment dialog');
    await shot(page, 'record-dialog');
    await page.getByTestId('record-amount').fill((total / 100).toFixed(2));
    await expect(page.getByTestId('record-confirm')).toHaveText(`Record ${gbp(total)}`);
    await page.getByTestId('record-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Payment of ${gbp(total)} recorded` })
        .first(),
    ).toBeAttached();

    await expect(panel.getByTestId('payments-due')).toHaveText('£0.00');
    await expect(panel.getByTestId('payments-paid')).toHaveText(gbp(total));
    await expect(panel.getByTestId('record-payment')).toHaveCount(0);
    const list = (await (
      await manager.api.get(`/api/staff/orders/${booking.reference}/payments`)
    ).json()) as {
      payments: PaymentView[];
    };
    expect(list.payments).toHaveLength(1);
    const recorded = list.payments[0]!;
    expect(recorded).toMatchObject({ status: 'succeeded', amountMinor: total, methodDetail: 'Cash' });
    const row = panel.getByTestId(`payment-${recorded.id}`);
    await expect(row).toContainText('Cash');
    await expect(row).toContainText(`Recorded by ${MANAGER}`);
    await expect(row.getByTestId('payment-status')).toHaveText('Paid');
    const link = row.getByTestId(`staff-invoice-${recorded.invoice!.number}`);
    await expect(link).toHaveAttribute('href', `/api/invoices/${recorded.invoice!.id}/pdf`);
    // the link answers the PDF to the signed-in manager (the page's own cookies)
    const pdf = await page.request.get(`/api/invoices/${recorded.invoice!.id}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.getByTestId('timeline-event-payment_received')).toContainText(
      `Payment received: ${gbp(total)} (invoice ${recorded.invoice!.number})`,
    );
    await shot(panel, 'panel-cash');
  });
});

test.describe('as a London technician', () => {
  // the fixture technician of tests/e2e/users.ts, signed in by global-setup.ts
  test.use({ storageState: storageStateOf('technician') });

  test(
    'a technician sees the payment history, kept current live, but no refund buttons',
    { tag: '@behaviour' },
    async ({ page, baseURL }) => {
      test.slow();
      const tech = { api: await staffApi(baseURL!, 'technician') };
      const manager = { api: await staffApi(baseURL!, 'manager') };
      const booking = await book(baseURL!, 'card');
      const payment = booking.payment!;

      const listed = (await (
        await tech.api.get(`/api/staff/orders/${booking.reference}/payments`)
      ).json()) as {
        canRefund: boolean;
      };
      expect(listed.canRefund).toBe(false);

      const panel = await openPanel(page, booking.reference);
      const row = panel.getByTestId(`payment-${payment.id}`);
      await expect(row).toContainText('Visa •••• 4242');
      await expect(row.getByTestId(`staff-invoice-${payment.invoice!.number}`)).toBeVisible();
      await expect(row.getByTestId('payment-status')).toHaveText('Paid');
      await expect(panel.getByTestId(`refund-${payment.id}`)).toHaveCount(0);
      await expect(panel.getByRole('button', { name: /refund/i })).toHaveCount(0);

      // a manager refunds elsewhere: the open page shows it without a reload
      await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
      const refunded = await manager.api.post(`/api/staff/payments/${payment.id}/refunds`, {
        headers: { 'idempotency-key': uniqueKey('refund') },
        data: { amountMinor: 500, reason: 'Goodwill for the wait' },
      });
      expect(refunded.status(), await refunded.text()).toBe(201);
      await expect(row).toHaveAttribute('data-status', 'partially_refunded');
      await expect(row.getByTestId('refund-row')).toContainText('Goodwill for the wait');
      await expect(row.getByTestId('refund-row')).toContainText(MANAGER);
      await expect(panel.getByTestId('payments-refunded')).toHaveText('£5.00');
      await expect(panel.getByTestId('payments-due')).toHaveText('£0.00');
      await expect(panel.getByTestId(`refund-${payment.id}`)).toHaveCount(0);
      // (axe: the order page with this payments panel is checked as the manager, who has more on it)
      await shot(panel, 'panel-technician');
    },
  );
});
