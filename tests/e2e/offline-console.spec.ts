/**
 * The offline staff console in Chromium on a production build: a technician's status change
 * made with the context offline waits on the device (shown as waiting, counted in the console's
 * sync bar) and is sent when the connection returns; a change a manager made meanwhile (through
 * the API) is shown as a conflict with both versions and is not overwritten; "Keep theirs"
 * discards mine and "Apply mine on top" sends mine based on theirs. The phone runs the journeys
 * whose layout matters (the sync bar and its list, the conflict dialog); the others are
 * tagged @behaviour (desktop only).
 */
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, uniqueEmail } from './helpers';
import { apiAs, storageStateOf } from './users';

test.use({ storageState: storageStateOf('technician') });

const SHOTS = process.env.E2E_SHOTS === '1' || process.env.STAFF_SCREENSHOTS === '1';
const shot = async (page: Page, name: string) => {
  if (SHOTS) {
    await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`) });
  }
};

interface OrderState {
  status: string;
  version: number;
}

/** A London drop-off booked by a guest (unassigned, booked). */
async function bookedOrder(baseURL: string) {
  const guest = await request.newContext({ baseURL });
  const booking = await bookDropOff(guest, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Otto Offline', email: uniqueEmail('offline') },
    paymentMethod: 'collection',
  });
  await guest.dispose();
  return booking.reference;
}

/** A booked order received by the fixture technician (so it is theirs), moved on to `to`. */
async function receivedOrder(baseURL: string, tech: APIRequestContext, to?: string) {
  const reference = await bookedOrder(baseURL);
  const intake = await tech.post(`/api/staff/orders/${reference}/intake`, {
    data: { conditionNotes: 'Screen cracked', accessories: [], passcodePolicy: 'none' },
  });
  expect(intake.status(), await intake.text()).toBe(200);
  if (to) {
    const moved = await tech.post(`/api/staff/orders/${reference}/status`, { data: { to } });
    expect(moved.status(), await moved.text()).toBe(200);
  }
  return reference;
}

async function serverState(api: APIRequestContext, reference: string): Promise<OrderState> {
  const res = await api.get(`/api/staff/orders/${reference}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as OrderState;
}

const status = (page: Page) => page.getByTestId('order-status').locator('[data-status]');

/** Goes offline and moves the order with the button `move-<to>` (no dialog needed). */
async function moveOffline(page: Page, to: string) {
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-online', 'false');
  await page.getByTestId(`move-${to}`).click();
  await expect(page.getByTestId('pending-status')).toHaveAttribute('data-status', to);
  await expect(page.getByTestId('waiting-count')).toContainText('1 change waiting');
}

test.describe('offline staff console', () => {
  let tech: APIRequestContext;
  let manager: APIRequestContext;

  test.beforeEach(async ({ baseURL }) => {
    tech = await apiAs(baseURL!, 'technician');
    manager = await apiAs(baseURL!, 'manager');
  });
  test.afterEach(async () => {
    await tech.dispose();
    await manager.dispose();
  });

  test('a status change made offline waits on the device and syncs when back online', async ({
    page,
    baseURL,
  }) => {
    const reference = await receivedOrder(baseURL!, tech);
    await page.goto(`/staff/orders/${reference}`);
    await expect(status(page)).toHaveAttribute('data-status', 'received');
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-online', 'true');
    await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');

    await moveOffline(page, 'diagnosing');
    // a note written offline waits behind it
    const note = `Charging port cleaned ${Date.now()}`;
    await page.getByTestId('compose-body').fill(note);
    await page.getByTestId('compose-submit').click();
    await expect(page.getByTestId('waiting-count')).toContainText('2 changes waiting');
    // shown as waiting, on the order and in the console's list; the server still has the old one
    await expect(page.getByTestId('order-pending-item').first()).toContainText('Start diagnosis');
    await expect(page.getByTestId('order-pending-item').first()).toContainText('waiting');
    await page.getByTestId('toggle-waiting').click();
    const item = page.getByTestId('waiting-item');
    await expect(item).toHaveCount(2);
    await expect(item.first()).toHaveAttribute('data-state', 'waiting');
    await expect(item.first()).toContainText(`${reference}: Start diagnosis`);
    await expect(item.nth(1)).toContainText(`${reference}: note`);
    expect((await serverState(tech, reference)).status).toBe('received');
    await expectAccessible(page, 'order page with a waiting change (offline)');
    await shot(page, 'offline-waiting-list');

    await page.context().setOffline(false);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-online', 'true');
    await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');
    await expect(status(page)).toHaveAttribute('data-status', 'diagnosing');
    await expect(page.getByTestId('pending-status')).toHaveCount(0);
    expect((await serverState(tech, reference)).status).toBe('diagnosing');
    // the note arrived after the status change, once
    await expect(page.getByText(note)).toHaveCount(1);
    const timeline = (await (await tech.get(`/api/staff/orders/${reference}`)).json()) as {
      timeline: Array<{ type: string; message: string | null; toStatus: string | null }>;
    };
    const mine = timeline.timeline.filter(
      (e) => e.message === note || (e.type === 'status_changed' && e.toStatus === 'diagnosing'),
    );
    expect(mine.map((e) => e.type)).toEqual(['status_changed', 'note']);
  });

  test('a discarded waiting change is never sent', { tag: '@behaviour' }, async ({ page, baseURL }) => {
    const reference = await receivedOrder(baseURL!, tech);
    await page.goto(`/staff/orders/${reference}`);
    await expect(status(page)).toHaveAttribute('data-status', 'received');
    await moveOffline(page, 'diagnosing');
    await page.getByTestId('toggle-waiting').click();
    await page.getByTestId('waiting-discard').click();
    await expect(page.getByRole('dialog')).toContainText('Discard this change?');
    await page.getByTestId('discard-confirm').click();
    await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');
    await expect(page.getByTestId('pending-status')).toHaveCount(0);
    await page.context().setOffline(false);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-online', 'true');
    expect((await serverState(tech, reference)).status).toBe('received');
  });

  test("a manager's change made meanwhile is a conflict; keep theirs discards mine", async ({
    page,
    baseURL,
  }) => {
    const reference = await receivedOrder(baseURL!, tech);
    await page.goto(`/staff/orders/${reference}`);
    await expect(status(page)).toHaveAttribute('data-status', 'received');
    await moveOffline(page, 'diagnosing');

    // meanwhile a manager cancels the order
    const cancelled = await manager.post(`/api/staff/orders/${reference}/status`, {
      data: { to: 'cancelled', reason: 'The customer phoned to cancel' },
    });
    expect(cancelled.status(), await cancelled.text()).toBe(200);

    await page.context().setOffline(false);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Someone else changed this order');
    await expect(page.getByTestId('theirs-status')).toHaveText('Cancelled');
    await expect(page.getByTestId('mine-status')).toHaveText('Diagnosing');
    // mine cannot go on top of a cancelled order: said, and the button is off
    await expect(page.getByTestId('cannot-apply')).toBeVisible();
    await expect(page.getByTestId('conflict-apply-mine')).toBeDisabled();
    // not overwritten
    expect((await serverState(tech, reference)).status).toBe('cancelled');
    await expectAccessible(page, 'conflict dialog');
    await shot(page, 'offline-conflict-keep-theirs');

    await page.getByTestId('conflict-keep-theirs').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-status', 'cancelled');
    expect((await serverState(tech, reference)).status).toBe('cancelled');
  });

  test(
    'apply mine on top sends my change based on theirs',
    { tag: '@behaviour' },
    async ({ page, baseURL }) => {
      const reference = await receivedOrder(baseURL!, tech, 'diagnosing');
      await page.goto(`/staff/orders/${reference}`);
      await expect(status(page)).toHaveAttribute('data-status', 'diagnosing');
      const seen = (await serverState(tech, reference)).version;
      await moveOffline(page, 'repairing');

      // meanwhile a manager asks the customer for approval first
      const theirs = await manager.post(`/api/staff/orders/${reference}/status`, {
        data: { to: 'awaiting_approval' },
      });
      expect(theirs.status(), await theirs.text()).toBe(200);

      await page.context().setOffline(false);
      await expect(page.getByRole('dialog')).toContainText('Someone else changed this order');
      await expect(page.getByTestId('theirs-status')).toHaveText('Awaiting approval');
      await expect(page.getByTestId('mine-status')).toHaveText('Repairing');
      expect((await serverState(tech, reference)).status).toBe('awaiting_approval');
      await shot(page, 'offline-conflict-apply-mine');

      await page.getByTestId('conflict-apply-mine').click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');
      await expect(status(page)).toHaveAttribute('data-status', 'repairing');
      const now = await serverState(tech, reference);
      expect(now.status).toBe('repairing');
      expect(now.version).toBeGreaterThan(seen + 1);
    },
  );

  test(
    'edit: the change is sent as edited, based on their version',
    { tag: '@behaviour' },
    async ({ page, baseURL }) => {
      const reference = await receivedOrder(baseURL!, tech, 'diagnosing');
      await page.goto(`/staff/orders/${reference}`);
      await expect(status(page)).toHaveAttribute('data-status', 'diagnosing');
      await moveOffline(page, 'repairing');
      const theirs = await manager.post(`/api/staff/orders/${reference}/status`, {
        data: { to: 'awaiting_approval' },
      });
      expect(theirs.status()).toBe(200);

      await page.context().setOffline(false);
      await expect(page.getByRole('dialog')).toContainText('Someone else changed this order');
      await page.getByTestId('conflict-edit').click();
      const to = page.getByTestId('edit-to');
      await expect(to).toHaveValue('repairing');
      await to.selectOption('diagnosing');
      await page.getByTestId('edit-reason').fill('Found water damage as well');
      await page.getByTestId('edit-save').click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');
      await expect(status(page)).toHaveAttribute('data-status', 'diagnosing');
      expect((await serverState(tech, reference)).status).toBe('diagnosing');
    },
  );

  test(
    'an intake recorded offline waits and receives the device when back online',
    { tag: '@behaviour' },
    async ({ page, baseURL }) => {
      const reference = await bookedOrder(baseURL!);
      await page.goto(`/staff/orders/${reference}`);
      await expect(status(page)).toHaveAttribute('data-status', 'booked');
      await page.context().setOffline(true);
      await expect(page.getByTestId('connection-state')).toHaveAttribute('data-online', 'false');
      await page.getByTestId('intake-condition').fill('Back glass cracked, camera fine');
      await page.getByTestId('intake-policy-none').check();
      await page.getByTestId('intake-submit').click();
      await expect(page.getByTestId('intake-waiting')).toBeVisible();
      await expect(page.getByTestId('pending-status')).toHaveAttribute('data-status', 'received');
      expect((await serverState(tech, reference)).status).toBe('booked');

      await page.context().setOffline(false);
      await expect(page.getByTestId('waiting-count')).toHaveText('All changes sent');
      await expect(status(page)).toHaveAttribute('data-status', 'received');
      const now = (await (await tech.get(`/api/staff/orders/${reference}`)).json()) as {
        status: string;
        intake: { conditionNotes: string };
      };
      expect(now.status).toBe('received');
      expect(now.intake.conditionNotes).toBe('Back glass cracked, camera fine');
    },
  );
});
