/**
 * What a live event changes, the open page shows, without a reload (issue 13, items 6, 7 and
 * part of 17): a revised quote's buttons and the decision's text on the tracking page and in
 * My repairs, the agreed total and the add-line form on the staff order page, a decision's
 * text only while it is current, and a declined card never listed as a payment made.
 *
 * The technician (tests/e2e/users.ts) works the repair through the API, as the console does;
 * the customer decides on the page, or "on another device" through the API.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { bookDropOff, reviewShot, uniqueEmail } from './helpers';
import { apiAs, apiContext, fixtureUser, signUpContext, storageStateOf } from './users';

interface Booked {
  reference: string;
  trackingToken: string;
}

const gbp = (minor: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

/** Marks the page; the mark survives only if the page is never reloaded. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __mark: string }).__mark = 'same-page'));
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { __mark?: string }).__mark ?? 'reloaded');

let tech: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  tech = await apiAs(baseURL!, 'technician');
});
test.afterAll(async () => {
  await tech?.dispose();
});

async function staffPost(path: string, data?: unknown) {
  const res = await tech.post(path, data === undefined ? {} : { data });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res;
}

const orderPath = (reference: string) => `/api/staff/orders/${reference}`;

/** A drop-off at London (by `api`: a guest's client, or a signed-in customer's), taken into diagnosis. */
async function bookAndDiagnose(
  api: APIRequestContext,
  name: string,
  email = uniqueEmail('live-quote'),
): Promise<Booked> {
  const booked = await bookDropOff<Booked>(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name, email },
    paymentMethod: 'collection',
  });
  const order = orderPath(booked.reference);
  await staffPost(`${order}/assign`, { technicianId: fixtureUser('technician').id });
  await staffPost(`${order}/status`, { to: 'received' });
  await staffPost(`${order}/status`, { to: 'diagnosing' });
  return booked;
}

/** Adds a part and sends a revised quote; answers the quote's total. */
async function sendQuote(reference: string, part: string, unitMinor: number, message: string) {
  await staffPost(`${orderPath(reference)}/lines`, {
    kind: 'part',
    description: part,
    quantity: 1,
    unitMinor,
  });
  const res = await staffPost(`${orderPath(reference)}/quotes`, { message });
  const body = (await res.json()) as { status: string; totalMinor: number };
  expect(body.status).toBe('awaiting_approval');
  return body.totalMinor;
}

/** The customer decides "on another device": the tracking link's API. */
async function decideByLink(baseURL: string, booked: Booked, decision: 'approve' | 'decline') {
  const api = await apiContext(baseURL);
  const token = booked.trackingToken;
  const list = await api.get(`/api/track/${booked.reference}/quotes`, { params: { token } });
  expect(list.ok()).toBe(true);
  const { quotes } = (await list.json()) as { quotes: Array<{ id: string; canDecide: boolean }> };
  const pending = quotes.find((q) => q.canDecide);
  expect(pending, 'a quote to decide').toBeTruthy();
  const res = await api.post(`/api/track/${booked.reference}/quotes/${pending!.id}/${decision}`, {
    data: { token },
  });
  expect(res.ok(), `${decision}: ${res.status()} ${await res.text()}`).toBe(true);
  await api.dispose();
}

const trackPath = (b: Booked) => `/track/${b.reference}?token=${encodeURIComponent(b.trackingToken)}`;

async function openLive(page: Page, path: string) {
  await page.goto(path);
  // the first stream of a fresh server can take a while to open on a busy machine
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
  await mark(page);
}

test('tracking page: a decision made elsewhere and a second revised quote show live', async ({
  page,
  baseURL,
  request,
}, testInfo) => {
  test.slow(); // a repair worked through two quotes on a busy machine
  const booked = await bookAndDiagnose(request, 'Tess Tracker');
  const v1 = await sendQuote(booked.reference, 'Battery (OEM)', 4500, 'The battery is swollen.');
  await openLive(page, trackPath(booked));
  await expect(page.getByTestId('quote-approve')).toBeVisible();

  // approved on another device: this page drops the buttons and shows the outcome and total
  await decideByLink(baseURL!, booked, 'approve');
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'repairing');
  await expect(page.getByTestId('quote-approve')).toHaveCount(0);
  const outcome = page.getByTestId('revised-quote-outcome');
  await expect(outcome).toHaveAttribute('data-decision', 'approved');
  await expect(page.getByTestId('agreed-total')).toContainText(gbp(v1));

  // the shop sends a second quote: its buttons replace the first decision, no reload
  const v2 = await sendQuote(booked.reference, 'Adhesive seal', 1500, 'The frame needs a new seal.');
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'awaiting_approval');
  const quote = page.getByTestId('revised-quote');
  await expect(quote.getByTestId('quote-approve')).toBeVisible();
  await expect(quote.getByTestId('revised-quote-message')).toHaveText('The frame needs a new seal.');
  await expect(quote.getByTestId('revised-quote-total')).toHaveText(gbp(v2));
  await expect(page.getByTestId('revised-quote-outcome')).toHaveCount(0);
  await reviewShot(page, testInfo.outputPath('track-second-quote.png'), { fullPage: true });

  // approved here: the outcome of the second quote and its total
  await quote.getByTestId('quote-approve').click();
  await expect(outcome).toHaveAttribute('data-decision', 'approved');
  await expect(outcome).toContainText(gbp(v2));
  await expect(page.getByTestId('agreed-total')).toContainText(gbp(v2));
  expect(await stillSamePage(page)).toBe('same-page');
});

test('My repairs: a revised quote brings its buttons live; a decline elsewhere shows live', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.slow();
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = uniqueEmail('live-quote-owner');
  await signUpContext(context, baseURL!, { name: 'Owen Owner', email, password: 'owner-password-123' });
  // booked while signed in: the repair is in My repairs
  const booked = await bookAndDiagnose(context.request, 'Owen Owner', email);
  await openLive(page, `/account/repairs/${booked.reference}`);
  await expect(page.getByTestId('status-badge')).toHaveText('Diagnosing');

  const v1 = await sendQuote(booked.reference, 'Battery (OEM)', 4500, 'The battery is swollen.');
  await expect(page.getByTestId('status-badge')).toHaveText('Awaiting your approval');
  const quote = page.getByTestId('revised-quote');
  await expect(quote.getByTestId('quote-approve')).toBeVisible();
  await expect(quote.getByTestId('revised-quote-total')).toHaveText(gbp(v1));
  await quote.getByTestId('quote-approve').click();
  await expect(page.getByTestId('revised-quote-outcome')).toHaveAttribute('data-decision', 'approved');
  await expect(page.getByTestId('agreed-total')).toContainText(gbp(v1));

  // a second quote: buttons, and no "You approved the revised quote" under them
  const v2 = await sendQuote(booked.reference, 'Adhesive seal', 1500, 'The frame needs a new seal.');
  await expect(quote.getByTestId('quote-approve')).toBeVisible();
  await expect(quote.getByTestId('revised-quote-total')).toHaveText(gbp(v2));
  await expect(page.getByTestId('revised-quote-outcome')).toHaveCount(0);
  await reviewShot(page, testInfo.outputPath('portal-second-quote.png'), { fullPage: true });

  // declined through the tracking link (another device): the outcome shows here, live
  await decideByLink(baseURL!, booked, 'decline');
  await expect(page.getByTestId('status-badge')).toHaveText('Diagnosing');
  await expect(page.getByTestId('quote-approve')).toHaveCount(0);
  await expect(page.getByTestId('revised-quote-outcome')).toHaveAttribute('data-decision', 'declined');
  expect(await stillSamePage(page)).toBe('same-page');
  await context.close();
});

test.describe('the technician’s order page', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('follows the customer’s approval: agreed total, add-line form, quote and payments', async ({
    page,
    baseURL,
    request,
  }, testInfo) => {
    test.slow();
    const booked = await bookAndDiagnose(request, 'Stella Staffside');
    const total = await sendQuote(booked.reference, 'Battery (OEM)', 4500, 'The battery is swollen.');
    await openLive(page, `/staff/orders/${booked.reference}`);
    const lines = page.getByTestId('order-lines');
    await expect(lines.getByTestId('lines-locked')).toBeVisible();
    await expect(lines.getByTestId('add-line-form')).toHaveCount(0);
    await expect(lines.getByTestId('quote-pending')).toBeVisible();
    const agreedBefore = await lines.getByTestId('lines-agreed').textContent();
    expect(agreedBefore).not.toBe(gbp(total));

    await decideByLink(baseURL!, booked, 'approve');
    await expect(page.getByTestId('order-status').locator('[data-status]')).toHaveAttribute(
      'data-status',
      'repairing',
    );
    await expect(lines.getByTestId('lines-agreed')).toHaveText(gbp(total));
    await expect(lines.getByTestId('lines-locked')).toHaveCount(0);
    await expect(lines.getByTestId('add-line-form')).toBeVisible();
    await expect(lines.getByTestId('quote-approved')).toBeVisible();
    await expect(page.getByTestId('staff-payments').getByTestId('payments-total')).toHaveText(gbp(total));
    await reviewShot(page, testInfo.outputPath('staff-after-approval.png'), { fullPage: true });
    expect(await stillSamePage(page)).toBe('same-page');
  });
});

test('after collection the tracking page no longer shows a declined quote’s "the shop will contact you"', async ({
  page,
  request,
}) => {
  test.slow();
  const booked = await bookAndDiagnose(request, 'Della Decline');
  await sendQuote(booked.reference, 'Battery (OEM)', 4500, 'The battery is swollen.');
  await openLive(page, trackPath(booked));
  await page.getByTestId('quote-decline').click();
  await page.getByTestId('quote-decline-confirm').click();
  const outcome = page.getByTestId('revised-quote-outcome');
  await expect(outcome).toHaveAttribute('data-decision', 'declined');
  await expect(outcome).toContainText('The shop will contact you');

  // the shop repairs it as first agreed; once it has moved on, the decision is history
  await staffPost(`${orderPath(booked.reference)}/status`, { to: 'repairing' });
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'repairing');
  await expect(outcome).toHaveCount(0);
  await staffPost(`${orderPath(booked.reference)}/status`, { to: 'quality_check' });
  await staffPost(`${orderPath(booked.reference)}/status`, {
    to: 'ready_for_collection',
    qcNote: 'Screen tested',
  });
  await staffPost(`${orderPath(booked.reference)}/status`, { to: 'collected' });
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'collected');
  await expect(page.getByTestId('revised-quote-outcome')).toHaveCount(0);
  expect(await stillSamePage(page)).toBe('same-page');
  // the timeline keeps the decision
  await page.reload();
  await expect(page.getByTestId('revised-quote-outcome')).toHaveCount(0);
  await expect(page.getByTestId('tracking-timeline')).toContainText('Customer declined the revised quote');
});

test('a declined card is a failed attempt, not a payment made, for the customer and the shop', async ({
  page,
  request,
  browser,
}, testInfo) => {
  test.slow();
  const booked = await bookAndDiagnose(request, 'Dee Clined');
  await openLive(page, trackPath(booked));
  const payments = page.getByTestId('order-payments');
  await page.getByTestId('pay-balance').click();
  await page.getByTestId('card-number').fill('4000000000000002');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('payment-declined')).toBeVisible();

  // the page as the customer finds it later: nothing paid, the attempt marked as one
  await page.reload();
  await expect(payments.getByTestId('payment-row')).toHaveCount(0);
  await expect(payments.getByTestId('no-payments')).toBeVisible();
  await expect(payments.getByTestId('failed-attempt')).toHaveCount(1);
  await expect(payments.getByTestId('failed-attempt')).toContainText('Failed attempt');
  await expect(payments.getByTestId('summary-paid')).toHaveText(gbp(0));
  await reviewShot(payments, testInfo.outputPath('customer-failed-attempt.png'));

  // the shop's panel marks it as a failed attempt too, and counts nothing paid
  const staffContext = await browser.newContext({ storageState: storageStateOf('technician') });
  const staff = await staffContext.newPage();
  await openLive(staff, `/staff/orders/${booked.reference}`);
  const panel = staff.getByTestId('staff-payments');
  await expect(panel.getByTestId('payment-status')).toHaveText('Failed attempt');
  await expect(panel.getByTestId('payments-paid')).toHaveText(gbp(0));
  await staffContext.close();

  // paid with another card: one payment made, the failed attempt gone (it was the same payment)
  await page.getByTestId('pay-balance').click();
  await page.getByTestId('card-number').fill('4242424242424242');
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('payment-thanks')).toBeVisible();
  await expect(payments.getByTestId('payment-row')).toHaveCount(1);
  await expect(payments.getByTestId('payment-row')).toHaveAttribute('data-status', 'succeeded');
  await expect(payments.getByTestId('failed-attempt')).toHaveCount(0);
});
