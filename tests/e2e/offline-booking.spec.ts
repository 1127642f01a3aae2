/**
 * Offline booking drafts: "Book" while offline keeps the finished booking on the device
 * (IndexedDB outbox) and it is sent when the connection returns, in the page or on the next
 * visit; a slot taken meanwhile sends the customer back to the slot step with everything else
 * kept. The staff API checks that each booking exists exactly once. With E2E_SHOTS=1,
 * screenshots of the states go to /tmp/shots/<project>-offline-*.png for review.
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { chooseWorkerShop, expectAccessible, reviewShot, uniqueEmail, workerShop } from './helpers';
import { apiAs } from './users';

const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string) {
  if (!process.env.E2E_SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await reviewShot(page, `${SHOTS}/${test.info().project.name}-offline-${name}.png`, { fullPage: true });
}

/** The form filled up to the payment step; returns the preselected drop-off slot. */
async function fillBooking(page: Page, name: string, email: string): Promise<string> {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await expect(page.getByTestId('price-estimate')).toContainText('£');
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill(name);
  await page.getByTestId('customer-email').fill(email);
  await page.getByTestId('payment-collection').click();
  return selectedSlot(page);
}

async function selectedSlot(page: Page): Promise<string> {
  const chosen = page.locator('[data-testid^="slot-"][aria-pressed="true"]');
  await expect(chosen).toHaveCount(1);
  return ((await chosen.getAttribute('data-testid')) ?? '').replace(/^slot-/, '');
}

/** How many bookings wait in this origin's outbox (IndexedDB `revivatech-offline`). */
function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('revivatech-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) return resolve(0);
          const req = db.transaction('outbox').objectStore('outbox').count();
          req.onsuccess = () => {
            resolve(req.result);
            db.close();
          };
        };
      }),
  );
}

/** The staff console's orders for a customer e-mail (the staff API's search). */
async function ordersOf(staff: APIRequestContext, email: string) {
  const res = await staff.get(`/api/staff/orders?q=${encodeURIComponent(email)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Array<{ reference: string; status: string }> }).items;
}

let staff: APIRequestContext;
test.beforeAll(async ({ baseURL }) => {
  staff = await apiAs(baseURL!, 'regionalManager');
});
test.afterAll(async () => {
  await staff?.dispose();
});

test('a booking made offline is saved on the device, sent when back online, and booked once', async ({
  page,
  context,
}) => {
  const email = uniqueEmail('offline-book');
  await fillBooking(page, 'Offline Olivia', email);

  await context.setOffline(true);
  await page.getByTestId('submit-payment').click();
  const saved = page.getByTestId('offline-saved');
  await expect(saved).toBeVisible();
  await expect(page.getByTestId('offline-status')).toContainText(
    'Your booking is saved on this device; it will be sent when you are back online.',
  );
  await expect(saved).toContainText('Offline Olivia');
  await expect(saved).toContainText('Apple iPhone 15: Cracked or broken screen');
  await expect(page.getByRole('heading', { name: 'Saved on this device' })).toBeFocused();
  expect(await outboxCount(page)).toBe(1);
  expect(await ordersOf(staff, email)).toHaveLength(0);
  await expectAccessible(page, 'booking saved offline');
  await shot(page, 'saved');

  await context.setOffline(false);
  await expect(page.getByTestId('booking-success')).toBeVisible();
  const reference = (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^RT-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
  await expect.poll(() => outboxCount(page)).toBe(0);
  const orders = await ordersOf(staff, email);
  expect(orders.map((o) => [o.reference, o.status])).toEqual([[reference, 'booked']]);
});

test('a booking saved offline can be cancelled and is never sent', async ({ page, context }) => {
  const email = uniqueEmail('offline-cancel');
  await fillBooking(page, 'Cancel Carla', email);
  await context.setOffline(true);
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('offline-saved')).toBeVisible();
  await page.getByTestId('offline-cancel').click();
  await expect(page.getByTestId('offline-saved')).toHaveCount(0);
  // back to the form with everything kept
  await expect(page.getByTestId('customer-name')).toHaveValue('Cancel Carla');
  expect(await outboxCount(page)).toBe(0);
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('customer-name')).toHaveValue('Cancel Carla');
  expect(await ordersOf(staff, email)).toHaveLength(0);
});

test(
  'a booking saved offline is sent on the next visit, from any page',
  { tag: '@behaviour' },
  async ({ page, context }) => {
    const email = uniqueEmail('offline-visit');
    await fillBooking(page, 'Visiting Victor', email);
    await context.setOffline(true);
    await page.getByTestId('submit-payment').click();
    await expect(page.getByTestId('offline-saved')).toBeVisible();
    await page.close();

    // later, online again: any page of the site sends it
    await context.setOffline(false);
    const later = await context.newPage();
    await later.goto('/');
    await expect(later.getByText(/^Booking RT-[A-Z0-9]{6} confirmed$/).first()).toBeVisible();
    await expect.poll(() => outboxCount(later)).toBe(0);
    const orders = await ordersOf(staff, email);
    expect(orders).toHaveLength(1);
    await expect(
      later.getByText(`Booking ${orders[0]!.reference} confirmed`, { exact: true }).first(),
    ).toBeVisible();
  },
);

test('a slot taken while offline: the customer picks another and the booking completes', async ({
  page,
  context,
  request,
}) => {
  const email = uniqueEmail('offline-slot');
  const shop = workerShop();
  const slot = await fillBooking(page, 'Slot Sam', email);

  await context.setOffline(true);
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('offline-saved')).toBeVisible();

  // meanwhile other customers take every place left in that slot
  const slots = await request.get(`/api/shops/${shop}/slots`);
  const left = ((await slots.json()) as { items: Array<{ startsAt: string; available: number }> }).items.find(
    (s) => s.startsAt === slot,
  )!.available;
  expect(left).toBeGreaterThan(0);
  for (let i = 0; i < left; i++) {
    const res = await request.post('/api/bookings', {
      data: {
        modelSlug: 'pixel-8',
        repairSlugs: ['screen-crack'],
        service: { type: 'drop_off', shopSlug: shop, slotStartsAt: slot },
        customer: { name: 'Someone Else', email: uniqueEmail(`offline-other-${i}`) },
        paymentMethod: 'collection',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }

  await context.setOffline(false);
  const notice = page.getByTestId('offline-slot-taken');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The drop-off time you chose was taken while you were offline.');
  // everything else is kept; a free slot is offered in place of the taken one
  await expect(page.getByTestId('customer-name')).toHaveValue('Slot Sam');
  await expect(page.getByTestId('customer-email')).toHaveValue(email);
  await expect(page.getByTestId('issue-screen-crack')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  // the slots reload: the taken one is no longer offered, a free one is chosen instead
  await expect(page.getByTestId(`slot-${slot}`)).toHaveCount(0);
  await expect.poll(() => selectedSlot(page)).not.toBe(slot);
  expect(await ordersOf(staff, email)).toHaveLength(0);
  await expectAccessible(page, 'slot taken while offline');
  await shot(page, 'slot-taken');

  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
  const reference = (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
  await expect.poll(() => outboxCount(page)).toBe(0);
  expect((await ordersOf(staff, email)).map((o) => o.reference)).toEqual([reference]);
});
