/**
 * A customer cancels a card-paid booking from its manage link: before confirming the page says
 * what will be refunded, after it what was refunded, and the tracking page shows the refund and
 * its reason instead of "nothing to pay" (issue 13, item 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request, test, type Locator, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, uniqueEmail } from './helpers';

/** set (e.g. to /tmp/shots-cancel) to keep screenshots of the pages */
const SHOTS = process.env.CANCEL_REFUND_SHOTS;

async function shot(target: Page | Locator, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({
    path: path.join(SHOTS, `${name}-${test.info().project.name}.png`),
    animations: 'disabled',
    ...('goto' in target ? { fullPage: true } : {}),
  });
}

interface Booked {
  reference: string;
  trackingToken: string;
  manageUrl: string;
  quote: { totalMinor: number };
  payment: { id: string } | null;
}

const gbp = (minor: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

test('a paid booking cancelled from its manage link says what is refunded, then shows the refund', async ({
  page,
  baseURL,
}) => {
  test.slow();
  const api = await request.newContext({ baseURL });
  const booking = await bookDropOff<Booked>(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Cass Cancel', email: uniqueEmail('cancel') },
    paymentMethod: 'card',
  });
  const paid = await api.post(`/api/payments/${booking.payment!.id}/card`, {
    data: { token: booking.trackingToken, cardNumber: '4242424242424242' },
  });
  expect(paid.status(), await paid.text()).toBe(200);
  await api.dispose();
  const total = gbp(booking.quote.totalMinor);

  const manage = new URL(booking.manageUrl);
  await page.goto(`${manage.pathname}${manage.search}`);
  await expect(page.getByTestId('cancel-refund')).toHaveText(
    `You paid ${total}: you will be refunded ${total}, all of it, to the card or account you paid with.`,
  );
  await shot(page, 'manage-before');
  await page.getByTestId('cancel-open').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('cancel-refund')).toContainText(`you will be refunded ${total}`);
  await shot(page, 'manage-dialog');
  await dialog.getByTestId('cancel-confirm').click();
  // the refund goes to the provider before the answer: allow for a slow one
  await expect(page.getByTestId('manage-notice')).toContainText('Your booking has been cancelled', {
    timeout: 45_000,
  });
  await expect(page.getByTestId('cancelled-money')).toContainText(
    `${total} has been refunded to the card or account you paid with.`,
  );
  await expectAccessible(page, 'manage page after a refunded cancel');
  await shot(page, 'manage-after');

  await page.goto(`/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`);
  const payments = page.getByTestId('order-payments');
  await expect(payments.getByTestId('payments-cancelled')).toHaveText(
    `This repair was cancelled and ${total} has been refunded to you.`,
  );
  await expect(payments).not.toContainText('nothing to pay');
  await expect(payments.getByTestId('summary-refunded')).toHaveText(total);
  const refund = payments.getByTestId('customer-refund');
  await expect(refund).toHaveCount(1);
  await expect(refund).toContainText(`${total} refunded`);
  await expect(refund).toContainText('Reason: Booking cancelled by the customer');
  await shot(payments, 'tracking-payments');
});
