import { expect, request, test, type Page } from '@playwright/test';
import { bookDropOff, uniqueEmail } from './helpers';

/**
 * The battery saver (src/components/device/saver.ts, wired by SaverWatcher in the root layout):
 * reduced motion, Save-Data or a low battery (navigator.getBattery) turn it on; then nothing
 * animates, and a live stream that keeps failing is retried slowly instead of in a storm.
 * Browser behaviour, not layout: it runs once, in the phone project (a `.mobile` spec).
 */

/** A battery as navigator.getBattery() reports it, in place before any page script runs. */
function fakeBattery(page: Page, battery: { level: number; charging: boolean }) {
  return page.addInitScript((b) => {
    const target = Object.assign(new EventTarget(), b, { chargingTime: Infinity, dischargingTime: 3600 });
    Object.defineProperty(Navigator.prototype, 'getBattery', {
      configurable: true,
      value: () => Promise.resolve(target),
    });
  }, battery);
}

/** Puts a loading placeholder (the Skeleton's animate-pulse) and a Button-like element on the page. */
async function animatedProbe(page: Page) {
  return page.evaluate(() => {
    const pulse = document.createElement('div');
    pulse.className = 'animate-pulse size-8';
    pulse.id = 'probe-pulse';
    const spin = document.createElement('span');
    spin.className = 'animate-spin size-4';
    spin.id = 'probe-spin';
    // the Button's `transition` (colours and shadows on hover)
    const button = document.createElement('button');
    button.className = 'transition';
    button.id = 'probe-transition';
    button.textContent = 'probe';
    document.getElementById('main')!.prepend(pulse, spin, button);
    const s = (id: string) => getComputedStyle(document.getElementById(id)!);
    return {
      pulse: s('probe-pulse').animationName,
      spin: s('probe-spin').animationName,
      running: document.getAnimations().length,
      transition: s('probe-transition').transitionDuration,
    };
  });
}

const html = (page: Page) => page.locator('html');

test.describe('battery saver', () => {
  test('is off by default: things animate', async ({ page }) => {
    await page.goto('/');
    // the watcher has run (hydrated) and found nothing to save for
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(300);
    await expect(html(page)).not.toHaveAttribute('data-saver', /.*/);
    const probe = await animatedProbe(page);
    expect(probe.pulse).toBe('pulse');
    expect(probe.spin).toBe('spin');
    expect(probe.running).toBeGreaterThan(0);
    expect(probe.transition).not.toBe('0s');
    await expect(page.getByTestId('saver-notice')).toHaveCount(0);
  });

  test('turns on with reduced motion, and nothing animates', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    await expect(html(page)).toHaveAttribute('data-saver', 'on');
    await expect(html(page)).toHaveAttribute('data-saver-reasons', 'reduced-motion');
    const probe = await animatedProbe(page);
    expect(probe.pulse).toBe('none');
    expect(probe.spin).toBe('none');
    expect(probe.running).toBe(0);
    await expect(page.getByTestId('saver-notice')).toContainText('reduced motion');

    // the preference goes away: so does the saver, and animations are back
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect(html(page)).not.toHaveAttribute('data-saver', /.*/);
    expect((await animatedProbe(page)).pulse).toBe('pulse');
  });

  test('turns on with a low battery that is not charging, and off once it charges', async ({ page }) => {
    await fakeBattery(page, { level: 0.12, charging: false });
    await page.goto('/');
    await expect(html(page)).toHaveAttribute('data-saver', 'on');
    await expect(html(page)).toHaveAttribute('data-saver-reasons', 'low-battery');
    const probe = await animatedProbe(page);
    expect(probe.pulse).toBe('none');
    expect(probe.transition).toBe('0s');
    await expect(page.getByTestId('saver-notice')).toContainText('low battery');

    // plugged in: the battery says so, and the saver lets go
    await page.evaluate(() =>
      (navigator as Navigator & { getBattery: () => Promise<EventTarget & { charging: boolean }> })
        .getBattery()
        .then((b) => {
          b.charging = true;
          b.dispatchEvent(new Event('chargingchange'));
        }),
    );
    await expect(html(page)).not.toHaveAttribute('data-saver', /.*/);
  });

  test('stays off for a low battery that is charging', async ({ page }) => {
    await fakeBattery(page, { level: 0.05, charging: true });
    await page.goto('/');
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(300);
    await expect(html(page)).not.toHaveAttribute('data-saver', /.*/);
  });
});

test.describe('a live stream that keeps failing', () => {
  let trackUrl: string;
  test.beforeAll(async ({ baseURL }) => {
    const api = await request.newContext({ baseURL });
    const booking = await bookDropOff(api, {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
      customer: { name: 'Bea Battery', email: uniqueEmail('saver') },
      paymentMethod: 'collection',
    });
    await api.dispose();
    trackUrl = `/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`;
  });

  /** Opens the tracking page with its stream refused (503), counts the attempts for `ms`. */
  async function attemptsWhileDown(page: Page, ms: number) {
    let attempts = 0;
    await page.route(/\/api\/track\/[^/]+\/live/, (route) => {
      attempts++;
      return route.fulfill({ status: 503, body: 'down' });
    });
    await page.goto(trackUrl);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'reconnecting');
    await page.waitForTimeout(ms);
    return attempts;
  }

  test('is retried with growing, jittered waits, and comes back when the server does', async ({ page }) => {
    // waits of 0.5-1, 1-2, 2-4 s: three to five attempts in 6 s (EventSource's own retry would not stop)
    const attempts = await attemptsWhileDown(page, 6_000);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(5);
    await page.unroute(/\/api\/track\/[^/]+\/live/);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
  });

  test('is retried far less often while the battery saver is on', async ({ page }) => {
    await fakeBattery(page, { level: 0.1, charging: false });
    // the first wait is 2.5-5 s, the next 5-10 s: at most two attempts in 6 s
    const attempts = await attemptsWhileDown(page, 6_000);
    await expect(page.locator('html')).toHaveAttribute('data-saver', 'on');
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(2);
  });
});
