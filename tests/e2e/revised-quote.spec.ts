/**
 * Revised quotes end to end: a technician (the fixture technician) takes an order, diagnoses it,
 * adds a part and sends a revised quote through the API; the customer opens the public tracking
 * page with their link and approves (the repair continues) or declines (back to diagnosis). The
 * job ticket prints at A4 and 80 mm with a QR code that a QR reader decodes to the order's
 * console URL.
 */
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { bookDropOff, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { apiAs, fixtureUser, storageStateOf } from './users';

interface Booked {
  reference: string;
  trackingToken: string;
}

/** the London technician of tests/e2e/users.ts: an API client signed in by its storage state */
let tech: APIRequestContext;

async function staffPost(path: string, data?: unknown) {
  const res = await tech.post(path, data === undefined ? {} : { data });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res;
}

/** A guest's drop-off booking at London, taken by the technician into diagnosis. */
async function bookAndDiagnose(): Promise<Booked> {
  const guest = await request.newContext({ baseURL: test.info().project.use.baseURL });
  const booked = await bookDropOff<Booked>(guest, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Quinn Quote', email: uniqueEmail('quote-customer') },
    paymentMethod: 'collection',
  });
  await guest.dispose();
  const order = `/api/staff/orders/${booked.reference}`;
  await staffPost(`${order}/assign`, { technicianId: fixtureUser('technician').id });
  await staffPost(`${order}/status`, { to: 'received' });
  await staffPost(`${order}/status`, { to: 'diagnosing' });
  return booked;
}

/** Adds a part and sends the revised quote: the order then waits for the customer. */
async function sendQuote(booked: Booked, message: string) {
  const order = `/api/staff/orders/${booked.reference}`;
  await staffPost(`${order}/lines`, {
    kind: 'part',
    description: 'Battery (OEM)',
    quantity: 1,
    unitMinor: 4500,
  });
  const res = await staffPost(`${order}/quotes`, { message });
  const body = (await res.json()) as { status: string; totalMinor: number; agreedTotalMinor: number };
  expect(body.status).toBe('awaiting_approval');
  return body;
}

/** Page sizes (in points) of a PDF that Chromium printed, read from its /MediaBox entries. */
function pdfPages(pdf: Buffer): Array<{ width: number; height: number }> {
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  return boxes.map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}
const MM = 72 / 25.4;

const trackPath = (b: Booked) => `/track/${b.reference}?token=${encodeURIComponent(b.trackingToken)}`;

test.beforeAll(async ({ baseURL }) => {
  tech = await apiAs(baseURL!, 'technician');
});
test.afterAll(async () => {
  await tech?.dispose();
});

test('the customer approves a revised quote on the tracking page and the repair continues', async ({
  page,
}, testInfo) => {
  const booked = await bookAndDiagnose();
  await sendQuote(booked, 'The battery is swollen and must be replaced for the screen to fit.');

  await page.goto(trackPath(booked));
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'awaiting_approval');
  const quote = page.getByTestId('revised-quote');
  await expect(quote).toBeVisible();
  await expect(quote.getByTestId('revised-quote-message')).toHaveText(
    'The battery is swollen and must be replaced for the screen to fit.',
  );
  await expect(quote).toContainText('Battery (OEM)');
  await expect(quote.getByTestId('revised-quote-difference')).toHaveText('+£45.00');
  await expect(page.getByTestId('tracking-timeline')).toContainText('Revised quote sent');
  await expectAccessible(page, 'tracking page with a revised quote');
  await reviewShot(quote, testInfo.outputPath('decision-pending.png'));

  await quote.getByTestId('quote-approve').click();
  const outcome = page.getByTestId('revised-quote-outcome');
  await expect(outcome).toHaveAttribute('data-decision', 'approved');
  await expect(outcome).toContainText('You approved the revised quote');
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'repairing');
  await expect(page.getByTestId('tracking-timeline')).toContainText('Revised quote approved');
  await expectAccessible(page, 'tracking page after approval');
  await reviewShot(outcome, testInfo.outputPath('decision-approved.png'));

  // a reload shows the outcome, with no buttons to decide again
  await page.reload();
  await expect(page.getByTestId('revised-quote-outcome')).toBeVisible();
  await expect(page.getByTestId('quote-approve')).toHaveCount(0);
});

test('the customer declines with a note and the order goes back to diagnosis', async ({ page }, testInfo) => {
  const booked = await bookAndDiagnose();
  await sendQuote(booked, 'We also found water damage on the board.');

  await page.goto(trackPath(booked));
  const quote = page.getByTestId('revised-quote');
  await quote.getByTestId('quote-decline').click();
  const dialog = page.getByRole('dialog', { name: 'Decline the revised quote?' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Note for the shop (optional)').fill('Just the screen, please.');
  await expectAccessible(page, 'decline dialog');
  await reviewShot(dialog, testInfo.outputPath('decision-decline-dialog.png'));
  await dialog.getByTestId('quote-decline-confirm').click();

  const outcome = page.getByTestId('revised-quote-outcome');
  await expect(outcome).toHaveAttribute('data-decision', 'declined');
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'diagnosing');
  await expect(page.getByTestId('tracking-timeline')).toContainText(
    'Customer declined the revised quote: Just the screen, please.',
  );

  // the shop sees the decision and the note
  const lines = (await (await tech.get(`/api/staff/orders/${booked.reference}/lines`)).json()) as {
    status: string;
    quotes: Array<{ status: string; decisionNote: string | null }>;
  };
  expect(lines.status).toBe('diagnosing');
  expect(lines.quotes[0]).toMatchObject({ status: 'declined', decisionNote: 'Just the screen, please.' });
});

test.describe('signed in as the technician', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('the job ticket prints at A4 and 80 mm with a QR code of the console URL', async ({
    page,
    baseURL,
  }, testInfo) => {
    test.slow(); // two sizes, two PDFs and two axe runs on a busy machine
    const booked = await bookAndDiagnose();
    await page.goto(`/staff/orders/${booked.reference}/ticket`);
    await expect(page).toHaveURL(new RegExp(`/staff/orders/${booked.reference}/ticket`));
    const ticket = page.getByTestId('job-ticket');
    await expect(ticket.getByTestId('ticket-reference')).toHaveText(booked.reference);
    await expect(ticket).toContainText('Quinn Quote');
    await expect(ticket).toContainText('iPhone 15');
    await expect(ticket).toContainText('Customer signature');
    await expectAccessible(page, 'job ticket (A4)');

    // any QR reader gets the order's console URL from the code on the page
    const png = PNG.sync.read(await ticket.getByTestId('ticket-qr').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${baseURL}/staff/orders/${booked.reference}`);

    await reviewShot(page, testInfo.outputPath('ticket-a4.png'), { fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('ticket-print')).toBeHidden();
    await expect(page.locator('body > header')).toBeHidden();
    await reviewShot(page, testInfo.outputPath('ticket-a4-print.png'), { fullPage: true });
    // printed, the ticket is one A4 page (the stylesheet's @page size)
    const a4 = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(a4).toHaveLength(1);
    expect(a4[0]!.width).toBeCloseTo(210 * MM, 0);
    expect(a4[0]!.height).toBeCloseTo(297 * MM, 0);
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('ticket-size-receipt').click();
    await expect(page).toHaveURL(/size=receipt/);
    await expect(page.getByTestId('job-ticket')).toHaveAttribute('data-size', 'receipt');
    await expectAccessible(page, 'job ticket (receipt)');
    await reviewShot(page, testInfo.outputPath('ticket-receipt.png'), { fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await reviewShot(page, testInfo.outputPath('ticket-receipt-print.png'), { fullPage: true });
    // printed on 80 mm paper
    const receipt = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    expect(receipt.length).toBeGreaterThanOrEqual(1);
    expect(receipt[0]!.width).toBeCloseTo(80 * MM, 0);
  });
});
