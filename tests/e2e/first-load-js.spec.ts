import { expect, test } from '@playwright/test';
import { firstLoadJs } from '../../scripts/lib/first-load-js.mjs';

/**
 * Less JavaScript before a page works (issue 18): what a visitor's phone downloads before the
 * page is usable, gzipped as scripts/bench/lighthouse.mjs measures it (scripts/lib/first-load-js.mjs).
 * The budgets are this build's figures plus a little room (docs/benchmarks.md, "Pages on a
 * phone"): a part that slips back into every page's first load (the signed-in users' notification
 * bell, next-intl's ICU parser in the browser) fails here. Byte counts, not timings.
 */
// measured 161.5, 181.5 and 202.5 kB (docs/benchmarks.md, third pass); the target for
// /book-repair is < 150. Byte counts do not depend on the viewport: desktop only (@behaviour).
const BUDGET_KB: Record<string, number> = { '/': 163, '/book-repair': 183 };
const TRACKING_BUDGET_KB = 204;

for (const [path, budget] of Object.entries(BUDGET_KB)) {
  test(`${path}: first-load JavaScript under ${budget} kB gzipped @behaviour`, async ({ baseURL }) => {
    const js = await firstLoadJs(baseURL!, path);
    expect(js.scripts, 'scripts found in the HTML').toBeGreaterThan(3);
    expect(js.gzipKb, JSON.stringify(js.files, null, 1)).toBeLessThan(budget);
  });
}

// a guest's tracking page (its photo viewer and revised-quote dialog load when first opened)
test(`a tracking page: first-load JavaScript under ${TRACKING_BUDGET_KB} kB gzipped @behaviour`, async ({
  baseURL,
  request,
}) => {
  const res = await request.post('/api/bookings', {
    headers: { 'idempotency-key': `first-load-js-${Date.now()}-${Math.random()}` },
    data: {
      modelSlug: 'iphone-15',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
      service: { type: 'mail_in' },
      customer: { name: 'First Load', email: 'first-load@example.com' },
      paymentMethod: 'collection',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { trackingUrl } = (await res.json()) as { trackingUrl: string };
  const tracking = new URL(trackingUrl, baseURL);
  const js = await firstLoadJs(baseURL!, tracking.pathname + tracking.search);
  expect(js.scripts, 'scripts found in the HTML').toBeGreaterThan(3);
  expect(js.gzipKb, JSON.stringify(js.files, null, 1)).toBeLessThan(TRACKING_BUDGET_KB);
});
