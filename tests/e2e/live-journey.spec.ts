/**
 * The live acceptance journey, in two browser contexts: a manager moves a customer's
 * repair to "ready for collection" and the customer's open page shows it without a reload;
 * the customer writes to the shop and the manager's open order page shows the message live.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseWorkerShop, uniqueEmail } from './helpers';
import { signUpContext, storageStateOf } from './users';

const PASSWORD = 'live-journey-password-1';

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

/** Marks the page; the mark survives only if the page is never reloaded. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __mark: string }).__mark = 'same-page'));
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { __mark?: string }).__mark ?? 'reloaded');

test('staff and customer see each other’s changes live, without reloading', async ({ browser, baseURL }) => {
  test.slow(); // two users, a booking and a handful of round trips on a busy machine

  // the customer: signed up (through the API: a customer of their own), books while signed
  // in, keeps their repair's page open
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  const customerEmail = uniqueEmail('live-customer');
  await signUpContext(customerContext, baseURL!, {
    name: 'Cara Customer',
    email: customerEmail,
    password: PASSWORD,
  });
  const reference = await bookWhileSignedIn(customer, 'Cara Customer', customerEmail);
  await customer.goto(`/account/repairs/${reference}`);
  await expect(customer.getByTestId('status-badge')).toHaveText('Booked');
  await expect(customer.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  await mark(customer);

  // the manager (the fixture manager of every shop, signed in by its storage state): the order
  // open in the console
  const staffContext = await browser.newContext({ storageState: storageStateOf('regionalManager') });
  const staff = await staffContext.newPage();
  await staff.goto(`/staff/orders/${reference}`);
  await expect(staff.getByTestId('order-reference')).toHaveText(reference);
  await expect(staff.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  await mark(staff);

  // receive and work the repair through the staff API (the console's own calls) up to QC ...
  const id = reference;
  const intake = await staff.request.post(`/api/staff/orders/${id}/intake`, {
    data: { conditionNotes: 'Cracked screen', accessories: [], passcodePolicy: 'none' },
  });
  expect(intake.status(), await intake.text()).toBe(200);
  for (const to of ['diagnosing', 'repairing', 'quality_check']) {
    const res = await staff.request.post(`/api/staff/orders/${id}/status`, { data: { to } });
    expect(res.status(), await res.text()).toBe(200);
  }
  // ... the customer's page followed along without a reload
  await expect(customer.getByTestId('status-badge')).toHaveText('Quality check');

  // ... and the last step in the console's UI, with its QC note
  await staff.reload();
  await mark(staff);
  await staff.getByTestId('move-ready_for_collection').click();
  await staff.getByTestId('status-qc-note').fill('Display and touch tested');
  await staff.getByTestId('status-confirm').click();
  await expect(staff.getByTestId('order-status').locator('[data-status]')).toHaveAttribute(
    'data-status',
    'ready_for_collection',
  );

  // the customer's open page shows it within a few seconds, same page
  await expect(customer.getByTestId('status-badge')).toHaveText('Ready for collection', { timeout: 10_000 });
  await expect(customer.getByTestId('next-step')).toHaveAttribute('data-key', /collect/);
  expect(await stillSamePage(customer)).toBe('same-page');

  // the customer writes; the manager's open page shows the message live
  await customer.getByTestId('message-body').fill('Great, I will come by at 5pm.');
  await customer.getByTestId('message-send').click();
  await expect(customer.getByTestId('message-status')).toHaveText('Message sent.');
  const message = staff.getByTestId('timeline-event-message');
  await expect(message).toContainText('Great, I will come by at 5pm.', { timeout: 10_000 });
  expect(await stillSamePage(staff)).toBe('same-page');
  // axe: these pages in these states are checked where they are the subject, at both viewports:
  // the staff order page in staff-console.spec, the customer's with a message in portal.spec

  await customerContext.close();
  await staffContext.close();
});
