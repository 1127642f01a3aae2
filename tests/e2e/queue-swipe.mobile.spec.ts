/**
 * Issue 15: the staff queue on a phone as swipeable cards with a real Undo, and pull to refresh.
 * A technician (fixture storage state) swipes a card right: an unassigned job is taken (Undo:
 * unassigned again), a received one moves one step (Undo: the server puts it back); a swipe the
 * rules refuse says why and changes nothing; a change made meanwhile appears after a pull.
 * Every server state is checked through the API, not just the page.
 */
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { apiAs, fixtureUser, storageStateOf } from './users';

test.use({ storageState: storageStateOf('technician') });

interface OrderDetail {
  reference: string;
  status: string;
  version: number;
  assignedTechnician: { id: string; name: string } | null;
}

async function bookOrder(baseURL: string, customerName: string) {
  const api = await request.newContext({ baseURL });
  const booking = await bookDropOff(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: customerName, email: uniqueEmail('swipe') },
    paymentMethod: 'collection',
  });
  await api.dispose();
  return booking;
}

async function detail(api: APIRequestContext, reference: string): Promise<OrderDetail> {
  const res = await api.get(`/api/staff/orders/${reference}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as OrderDetail;
}

/** Takes the job for the technician and receives it (intake), through the API. */
async function receiveAsTechnician(api: APIRequestContext, reference: string) {
  const me = fixtureUser('technician');
  const take = await api.post(`/api/staff/orders/${reference}/assign`, { data: { technicianId: me.id } });
  expect(take.ok(), await take.text()).toBe(true);
  const intake = await api.post(`/api/staff/orders/${reference}/intake`, {
    data: { conditionNotes: 'Screen cracked', accessories: [], passcodePolicy: 'none' },
  });
  expect(intake.ok(), await intake.text()).toBe(true);
}

/** A right swipe across the card with the pointer (pointer events, as a finger makes them). */
async function swipeRight(page: Page, reference: string, distance = 240, midShot?: string) {
  const card = page.getByTestId(`swipe-${reference}`);
  await card.scrollIntoViewIfNeeded();
  const box = (await card.boundingBox())!;
  const y = box.y + box.height / 2;
  const x = box.x + 24;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(x + (distance * i) / 12, y + i);
    if (midShot && i === 6) {
      await expect(card).toHaveAttribute('data-dragging', 'true');
      await reviewShot(page, midShot);
    }
  }
  await page.mouse.up();
}

/** Pulls the page down from the top with a real touch (CDP touch events) and lets go. */
async function pullDown(page: Page, distance = 260) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByTestId('pull-indicator')).toHaveAttribute('data-phase', 'idle');
  const cdp = await page.context().newCDPSession(page);
  const x = 195;
  const y = 140;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x, y: y + (distance * i) / 10 }],
    });
  }
  await expect(page.getByTestId('pull-indicator')).toHaveAttribute('data-phase', 'ready');
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const queueOf = (reference: string) => `/staff?q=${reference}`;

test('a technician takes a job with a swipe and undoes it, then moves a job one step with a swipe and undoes that', async ({
  page,
  baseURL,
}) => {
  test.slow();
  const api = await apiAs(baseURL!, 'technician');
  const me = fixtureUser('technician');
  const booking = await bookOrder(baseURL!, 'Sam Swipe');
  const ref = booking.reference;

  await page.goto(queueOf(ref));
  const card = page.getByTestId(`order-card-${ref}`);
  await expect(card).toBeVisible();
  await expect(page.getByTestId('orders-table')).toBeHidden();
  await expect(page.getByTestId(`card-action-${ref}`)).toHaveAccessibleName(`Take ${ref}: assign it to me`);
  await expectAccessible(page, 'queue cards');
  await reviewShot(page, test.info().outputPath('queue-cards-390.png'), { fullPage: true });

  // swipe on an unassigned job: take it (the card follows the finger and shows what it will do)
  await swipeRight(page, ref, 240, test.info().outputPath('queue-dragging-390.png'));
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText(`Took ${ref}`);
  // the toast waits while it has the focus (here: axe and a screenshot on a busy machine)
  await page.getByTestId('undo-button').focus();
  await expect.poll(async () => (await detail(api, ref)).assignedTechnician?.id).toBe(me.id);
  await expect(card).toContainText(me.name);
  await expectAccessible(page, 'undo toast');
  await reviewShot(page, test.info().outputPath('queue-toast-390.png'));
  // the toast sits above the bottom of the screen and is a polite status with a real button
  await expect(page.getByTestId('undo-toast-region')).toHaveAttribute('role', 'status');
  await page.getByTestId('undo-button').click();
  await expect(toast).toContainText(`${ref} is unassigned again`);
  await expect.poll(async () => (await detail(api, ref)).assignedTechnician).toBeNull();

  // receive it (take + intake through the API), then swipe: received -> diagnosing
  await receiveAsTechnician(api, ref);
  await page.goto(queueOf(ref));
  await expect(card).toHaveAttribute('data-status', 'received');
  const before = await detail(api, ref);
  await expect(page.getByTestId(`card-action-${ref}`)).toHaveAccessibleName(`Move ${ref} to Diagnosing`);
  await swipeRight(page, ref);
  await expect(toast).toContainText(`Moved ${ref} to Diagnosing`);
  // Undo with the keyboard: the button is reachable and pressed with Enter
  await page.getByTestId('undo-button').focus();
  await expect.poll(async () => (await detail(api, ref)).status).toBe('diagnosing');
  await expect(card).toHaveAttribute('data-status', 'diagnosing');

  await page.keyboard.press('Enter');
  await expect(toast).toContainText(`${ref} is back to Received`);
  const after = await detail(api, ref);
  expect(after.status).toBe('received');
  expect(after.version).toBeGreaterThan(before.version + 1);
  await expect(card).toHaveAttribute('data-status', 'received');

  // the card's button does the same as the swipe: diagnosing, then the two-way choice
  await page.getByTestId(`card-action-${ref}`).click();
  await expect.poll(async () => (await detail(api, ref)).status).toBe('diagnosing');
  await expect(page.getByTestId(`card-action-${ref}`)).toHaveAccessibleName(
    `Choose the next step for ${ref}`,
  );
  await swipeRight(page, ref);
  const choose = page.getByTestId('card-choose');
  await expect(choose).toBeVisible();
  // nothing moved yet: the person picks
  expect((await detail(api, ref)).status).toBe('diagnosing');
  await expectAccessible(page, 'next-step choice');
  await page.getByTestId('card-choose-repairing').click();
  await expect.poll(async () => (await detail(api, ref)).status).toBe('repairing');
  await expect(card).toHaveAttribute('data-status', 'repairing');

  // repairing -> quality check, then QC needs its note: the swipe opens the dialog, no move
  await page.getByTestId(`card-action-${ref}`).click();
  await expect.poll(async () => (await detail(api, ref)).status).toBe('quality_check');
  await expect(card).toHaveAttribute('data-status', 'quality_check');
  await swipeRight(page, ref);
  await expect(page.getByTestId('card-note')).toBeVisible();
  await page.getByTestId('card-note-confirm').click();
  await expect(page.getByTestId('card-qc-note')).toHaveAttribute('aria-invalid', 'true');
  expect((await detail(api, ref)).status).toBe('quality_check');
  await page.getByTestId('card-qc-note').fill('Display and touch tested');
  await page.getByTestId('card-note-confirm').click();
  await expect.poll(async () => (await detail(api, ref)).status).toBe('ready_for_collection');
  await expect(toast).toContainText(`Moved ${ref} to Ready for collection`);
  // left alone, the toast goes after a few seconds
  await page.getByTestId('results-count').focus();
  await expect(toast).toBeHidden({ timeout: 15_000 });
  await api.dispose();
});

test("a swipe the rules refuse (someone else's job) says why, springs back and changes nothing", async ({
  page,
  baseURL,
}) => {
  test.slow(); // several server round trips and axe runs on a shared machine
  const manager = await apiAs(baseURL!, 'manager');
  const api = await apiAs(baseURL!, 'technician');
  const booking = await bookOrder(baseURL!, 'Rita Refused');
  const ref = booking.reference;
  const managerId = fixtureUser('manager').id;
  const assigned = await manager.post(`/api/staff/orders/${ref}/assign`, {
    data: { technicianId: managerId },
  });
  expect(assigned.ok(), await assigned.text()).toBe(true);
  const before = await detail(api, ref);

  await page.goto(queueOf(ref));
  const card = page.getByTestId(`order-card-${ref}`);
  await expect(card).toBeVisible();
  // no button offers a move the rules do not allow; the reason is on the card
  await expect(page.getByTestId(`card-action-${ref}`)).toHaveCount(0);
  await swipeRight(page, ref);
  await expect(page.getByTestId(`card-refusal-${ref}`)).toHaveText(
    'Assigned to Mia Manager: only they or a manager can move it.',
  );
  // it sprang back
  await expect(page.getByTestId(`swipe-${ref}`)).not.toHaveAttribute('style', /translateX/);
  await expect(page.getByTestId('undo-toast')).toHaveCount(0);
  const after = await detail(api, ref);
  expect(after.version).toBe(before.version);
  expect(after.status).toBe(before.status);
  expect(after.assignedTechnician?.id).toBe(managerId);
  await expectAccessible(page, 'refused card');

  // and the server refuses it as well, whatever the page offers
  const direct = await api.post(`/api/staff/orders/${ref}/status`, { data: { to: 'received' } });
  expect(direct.status()).toBe(403);
  await manager.dispose();
  await api.dispose();
});

test('pull to refresh shows a change made meanwhile; the Refresh button does the same', async ({
  page,
  baseURL,
}) => {
  test.slow(); // several server round trips and axe runs on a shared machine
  const manager = await apiAs(baseURL!, 'manager');
  const booking = await bookOrder(baseURL!, 'Paul Pull');
  const ref = booking.reference;
  // no live stream: only the pull (or the button) may bring the change
  await page.route('**/api/staff/live**', (route) => route.abort());
  await page.goto(queueOf(ref));
  const card = page.getByTestId(`order-card-${ref}`);
  await expect(card).toContainText('Unassigned');

  // meanwhile a manager gives the job to the technician
  const me = fixtureUser('technician');
  const given = await manager.post(`/api/staff/orders/${ref}/assign`, { data: { technicianId: me.id } });
  expect(given.ok()).toBe(true);
  await pullDown(page);
  await expect(card).toContainText(me.name);
  await expect(page.getByTestId('refresh-status')).toHaveText('Up to date');

  // the button: a second change, then Refresh
  const moved = await manager.post(`/api/staff/orders/${ref}/status`, { data: { to: 'received' } });
  expect(moved.ok(), await moved.text()).toBe(true);
  const button = page.getByTestId('refresh-button');
  await expect(button).toHaveAccessibleName('Refresh the list');
  const size = (await button.boundingBox())!;
  expect(size.height).toBeGreaterThanOrEqual(44);
  expect(size.width).toBeGreaterThanOrEqual(44);
  await button.click();
  await expect(card).toHaveAttribute('data-status', 'received');
  await manager.dispose();
});

test('the queue cards and My repairs at 320, 390 and 768 px: no sideways scroll, refresh on My repairs', async ({
  page,
  baseURL,
  browser,
}) => {
  test.slow(); // several server round trips and axe runs on a shared machine
  const booking = await bookOrder(baseURL!, 'Wendy Width');
  for (const width of [320, 390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(queueOf(booking.reference));
    await expect(page.getByTestId('results-count')).toBeVisible();
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(sideways, `sideways scroll at ${width}px`).toBe(false);
    if (width < 768) await expect(page.getByTestId(`order-card-${booking.reference}`)).toBeVisible();
    else await expect(page.getByTestId('orders-table')).toBeVisible();
    await reviewShot(page, test.info().outputPath(`queue-${width}.png`), { fullPage: true });
  }

  // the customer's My repairs: the Refresh control, and a pull
  const context = await browser.newContext({
    storageState: storageStateOf('customer'),
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const customerPage = await context.newPage();
  await customerPage.goto('/account');
  const button = customerPage.getByTestId('refresh-button');
  await expect(button).toBeVisible();
  await button.click();
  await expect(customerPage.getByTestId('refresh-status')).toHaveText('Up to date');
  await pullDown(customerPage);
  await expect(customerPage.getByTestId('refresh-status')).toHaveText('Up to date');
  await expectAccessible(customerPage, 'my repairs with refresh');
  for (const width of [320, 390]) {
    await customerPage.setViewportSize({ width, height: 844 });
    await button.scrollIntoViewIfNeeded();
    await reviewShot(customerPage, test.info().outputPath(`account-${width}.png`));
  }
  await context.close();
});
