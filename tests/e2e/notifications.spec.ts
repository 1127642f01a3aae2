/**
 * Live updates in the browser: the tracking page shows a new status without a reload, and a
 * signed-in customer's bell counts a notification the moment a manager changes their order.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { apiAs, signUpContext } from './users';

const PASSWORD = 'live-updates-password';

interface Booked {
  reference: string;
  trackingUrl: string;
  manageUrl: string;
}

/** A mail-in booking made with the page's cookies (so it belongs to the signed-in customer). */
async function book(page: Page, email: string): Promise<Booked> {
  const res = await page.request.post('/api/bookings', {
    data: {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
      service: { type: 'mail_in' },
      customer: { name: 'Lia Live', email },
      paymentMethod: 'collection',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Booked;
}

function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

test('the tracking page shows a cancellation without a reload', { tag: '@behaviour' }, async ({ page }) => {
  const email = uniqueEmail('track-live');
  const booking = await book(page, email);
  await page.goto(pathOf(booking.trackingUrl));
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'booked');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  await expect(page.getByTestId('live-status')).toHaveText('Live');

  // the customer cancels through the manage link's API, e.g. from another device
  const sig = new URL(booking.manageUrl).searchParams.get('sig')!;
  const cancelled = await page.request.post(`/api/bookings/${booking.reference}/cancel`, { data: { sig } });
  expect(cancelled.ok()).toBe(true);

  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('tracking-status')).toHaveText('Cancelled');
  await expect(page.getByRole('status').filter({ hasText: 'Your repair has been updated' })).toBeAttached();
  // (axe: the tracking page is checked in booking-journey.spec and with each of its sections
  // in the specs about them)
});

test("a manager's status change: the bell counts it live, the tracking page moves on, mark all read", async ({
  page,
  baseURL,
}, testInfo) => {
  // the fixture manager of every shop (tests/e2e/users.ts); a customer of their own (their bell)
  const manager = await apiAs(baseURL!, 'regionalManager');
  const email = uniqueEmail('bell');
  await signUpContext(page.context(), baseURL!, { name: 'Lia Live', email, password: PASSWORD });
  const booking = await book(page, email);

  await page.goto(pathOf(booking.trackingUrl));
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName('Notifications, none unread');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

  // the empty state
  await bell.click();
  await expect(page.getByTestId('notifications-empty')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('notification-panel')).toHaveCount(0);
  await expect(bell).toBeFocused();

  // the manager receives the device, through the staff API
  const received = await manager.post(`/api/staff/orders/${booking.reference}/status`, {
    data: { to: 'received' },
  });
  expect(received.ok(), `status change: ${received.status()} ${await received.text()}`).toBe(true);

  await expect(bell).toHaveAccessibleName('1 unread notification');
  await expect(page.getByTestId('notification-count')).toHaveText('1');
  await expect(page.getByTestId('tracking-status')).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('tracking-status')).toHaveText('Received');

  const diagnosing = await manager.post(`/api/staff/orders/${booking.reference}/status`, {
    data: { to: 'diagnosing' },
  });
  expect(diagnosing.ok()).toBe(true);
  await expect(bell).toHaveAccessibleName('2 unread notifications');

  // open with the keyboard
  await bell.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('notification-panel');
  await expect(panel).toBeVisible();
  const items = panel.getByTestId('notification-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(`${booking.reference} is now Diagnosing`);
  await expect(items.nth(1)).toContainText(`${booking.reference} is now Received`);
  await expect(items.first()).toHaveAttribute('data-read', 'false');
  await expect(items.first().getByRole('link')).toHaveAttribute(
    'href',
    `/account/repairs/${booking.reference}`,
  );
  await expectAccessible(page, 'notification panel (open)');
  await reviewShot(page, testInfo.outputPath(`bell-open-${testInfo.project.name}.png`));

  await panel.getByTestId('notifications-mark-all').click();
  await expect(bell).toHaveAccessibleName('Notifications, none unread');
  await expect(page.getByTestId('notification-count')).toHaveCount(0);
  await expect(items.first()).toHaveAttribute('data-read', 'true');

  // stays read after a reload
  await page.reload();
  await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('Notifications, none unread');
  await manager.dispose();
});
