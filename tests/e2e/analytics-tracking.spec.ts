/**
 * The event tracker in Chromium: a visitor walks the booking form and the events reach
 * POST /api/analytics/events (202): a page view, then the funnel steps in their order, one batch
 * sent by navigator.sendBeacon when the page is left. With Global Privacy Control or Do Not Track
 * set in the browser, nothing is sent at all.
 */
import { expect, test, type BrowserContext, type Request } from '@playwright/test';
import { FLUSH_INTERVAL_MS } from '../../src/features/analytics/client/tracker';
import { chooseWorkerShop, uniqueEmail } from './helpers';

interface SentEvent {
  name: string;
  visitId: string;
  path?: string;
  props?: Record<string, string>;
}

/** Every tracker request of the context: its events, how it went (fetch or beacon), its answer. */
function captureEvents(context: BrowserContext) {
  const sent: Array<{ events: SentEvent[]; type: string; request: Request }> = [];
  context.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/analytics/events') {
      // a beacon's Blob body is not shown to Playwright: the page's own copy is read below
      const body = req.postDataJSON() as { events: SentEvent[] } | null;
      if (!body) return;
      sent.push({
        events: body.events,
        type: req.resourceType(),
        request: req,
      });
    }
  });
  return sent;
}

async function walkBooking(page: import('@playwright/test').Page) {
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await page.getByTestId('model-iphone-15').click();
  await page.getByTestId('issue-screen-crack').click();
  await chooseWorkerShop(page);
  await expect(page.getByTestId('slot-chosen')).toContainText('Drop-off:');
  await page.getByTestId('customer-name').fill('Tracked Visitor');
  await page.getByTestId('customer-email').fill(uniqueEmail('tracked'));
  await page.getByTestId('payment-collection').click();
  await page.getByTestId('submit-payment').click();
  await expect(page.getByTestId('booking-success')).toBeVisible();
}

test('a visitor walking the booking form sends a page view and the funnel steps in order, one batch by sendBeacon', async ({
  browser,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // count the page's sendBeacon calls (the real one still sends)
  await context.addInitScript(() => {
    const real = navigator.sendBeacon.bind(navigator);
    const w = window as unknown as { __beacons: string[] };
    w.__beacons = [];
    navigator.sendBeacon = (url, data) => {
      if (data instanceof Blob) void data.text().then((text) => w.__beacons.push(text));
      return real(url, data);
    };
  });
  const sent = captureEvents(context);
  const page = await context.newPage();
  await walkBooking(page);
  // the booking page's events go with fetch on the 10 s timer
  await expect
    .poll(() => sent.flatMap((s) => s.events).some((e) => e.props?.step === 'booked'), { timeout: 15_000 })
    .toBe(true);
  // the shops page's view waits in its queue (the 10 s timer has not run) until the page is
  // hidden: then it goes with sendBeacon
  await page.goto('/shops');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __beacons: string[] }).__beacons.length))
    .toBe(1);
  const beaconBody = await page.evaluate(() => (window as unknown as { __beacons: string[] }).__beacons[0]!);
  const beaconEvents = (JSON.parse(beaconBody) as { events: SentEvent[] }).events;
  // the shops page's view left with the beacon, alone
  expect(beaconEvents.map((e) => [e.name, e.path])).toEqual([['page_view', '/shops']]);

  const events = [...sent.flatMap((s) => s.events), ...beaconEvents];
  const booking = events.filter((e) => e.path === '/book-repair');
  expect(booking[0]).toMatchObject({ name: 'page_view' });
  expect(booking.filter((e) => e.name === 'funnel_step').map((e) => e.props?.step)).toEqual([
    'start',
    'device',
    'repairs',
    'service',
    'details',
    'submit',
    'booked',
  ]);
  // one anonymous visit id for the whole visit (sessionStorage in the default mode), no cookie
  expect(new Set(events.map((e) => e.visitId)).size).toBe(1);
  expect(events[0]!.visitId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect((await context.cookies()).map((c) => c.name).filter((n) => /visit|analytics/i.test(n))).toEqual([]);
  // every batch was accepted
  for (const s of sent) {
    const res = await s.request.response();
    if (res) expect(res.status()).toBe(202);
  }
  await context.close();
});

for (const signal of ['globalPrivacyControl', 'doNotTrack'] as const) {
  // not about the viewport: once, at desktop (playwright.config.ts)
  test(`with ${signal} set, the walk sends nothing @behaviour`, async ({ browser }) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    // the page's clock runs as usual, and jumps over the tracker's flush interval below
    await context.clock.install();
    await context.addInitScript((which) => {
      Object.defineProperty(Navigator.prototype, which, {
        configurable: true,
        get: () => (which === 'doNotTrack' ? '1' : true),
      });
    }, signal);
    const sent = captureEvents(context);
    const page = await context.newPage();
    expect(
      await page.evaluate((which) => (navigator as unknown as Record<string, unknown>)[which], signal),
    ).toBe(signal === 'doNotTrack' ? '1' : true);
    await walkBooking(page);
    await page.goto('/shops');
    await page.goto('/');
    // the tracker had its chance: two pagehides, and its 10 s timer (the clock jumps past it,
    // firing it once, instead of the journey waiting 11 s)
    await page.clock.fastForward(FLUSH_INTERVAL_MS + 1_000);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(sent).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('rt-visit'))).toBeNull();
    await context.close();
  });
}
