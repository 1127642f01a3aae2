import { expect, request, test, type Page } from '@playwright/test';
import { bookDropOff, reviewShot, uniqueEmail } from './helpers';
import { storageStateOf } from './users';
import { collectedRepairWithRatingLink } from './rating-link';

/**
 * The main customer and staff pages at 320 px (the narrowest phone we support): no horizontal
 * scrolling, and every visible control a finger can hit: at least 44x44 CSS px.
 *
 * What counts as a target, and the exceptions (decided here, WCAG 2.5.5 AAA size, with the
 * 2.5.8 "inline" exception):
 * - links, buttons, form fields, [role=button|tab|switch|checkbox|radio], <summary>;
 * - not what is not there for a finger: display:none, visibility:hidden, zero-size or
 *   visually hidden (the sr-only skip link, at 1x1 px until focused), inside aria-hidden;
 * - a checkbox, radio or file input counts by the label around it (or for it): the label is the
 *   target, which is how the forms here are built;
 * - a link that is part of a sentence (display:inline, inside a paragraph or list item with
 *   other text) is exempt: making it 44 px tall would tear the text apart (WCAG 2.5.8's inline
 *   exception). A link alone in its block is no sentence and must be 44 px.
 */

interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(400);
}

/** Controls on the page now that are smaller than 44x44 and not exempt. */
function smallTargets(page: Page): Promise<SmallTarget[]> {
  return page.evaluate(() => {
    const MIN = 44 - 0.5; // sub-pixel rounding
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="switch"], [role="checkbox"], [role="radio"]';
    const out: Array<{ what: string; width: number; height: number }> = [];
    const seen = new Set<Element>();
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest('[aria-hidden="true"], [inert]')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let target: Element = el;
      if (el instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(el.type)) {
        const label =
          el.closest('label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (label) target = label;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      const rect = target.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // not there
      // visually hidden (sr-only: clipped away), like the skip link until it has focus
      const clip = getComputedStyle(target);
      if (clip.clip === 'rect(0px, 0px, 0px, 0px)' || clip.clipPath === 'inset(50%)') continue;
      if (el.tagName === 'A' && style.display === 'inline') {
        const block = el.parentElement?.closest('p, li, dd, td, label, span') ?? el.parentElement;
        const text = (block?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const own = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text.length > own.length) continue; // a link inside a sentence
      }
      if (rect.width >= MIN && rect.height >= MIN) continue;
      const name =
        el.getAttribute('data-testid') ??
        el.getAttribute('aria-label') ??
        (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40) ??
        '';
      out.push({
        what: `${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''} "${name || (el as HTMLInputElement).name || el.id}"`,
        width: Math.round(rect.width),
        height: Math.round(rect.height),
      });
    }
    return out;
  });
}

async function checkAt320(page: Page, path: string) {
  await page.setViewportSize({ width: 320, height: 720 });
  const res = await page.goto(path);
  expect(res?.status(), `${path} answers`).toBeLessThan(400);
  await settle(page);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect.soft(scrollWidth, `${path}: no horizontal scrolling at 320 px`).toBeLessThanOrEqual(clientWidth);
  expect.soft(await smallTargets(page), `${path}: touch targets under 44x44 px at 320 px`).toEqual([]);
  // the bar is there and fits
  await expect(page.getByTestId('bottom-nav')).toBeVisible();
  const slug =
    path
      .split('?')[0]!
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '') || 'home';
  await reviewShot(page, test.info().outputPath(`layout-320-${slug}.png`), { fullPage: true });
}

let booking: { reference: string; trackingToken: string };

test.beforeAll(async ({ baseURL }) => {
  const api = await request.newContext({ baseURL });
  booking = await bookDropOff(api, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Nell Narrow', email: uniqueEmail('narrow') },
    paymentMethod: 'collection',
  });
  await api.dispose();
});

test.describe('customer pages at 320 px', () => {
  for (const path of ['/', '/book-repair', '/shops', '/track', '/sign-in', '/sign-up', '/forgot-password']) {
    test(`${path} fits and has finger-sized targets`, async ({ page }) => {
      await checkAt320(page, path);
    });
  }

  test('a tracking page fits and has finger-sized targets', async ({ page }) => {
    await checkAt320(page, `/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`);
  });

  test('a rating page (signed link after collection) fits and has finger-sized targets', async ({
    page,
    baseURL,
  }) => {
    test.slow();
    const repair = await collectedRepairWithRatingLink(baseURL!, 'narrow-rater');
    await checkAt320(page, repair.ratePath);
  });

  test.describe('signed in', () => {
    test.use({ storageState: storageStateOf('customer') });
    for (const path of ['/account', '/account/security']) {
      test(`${path} fits and has finger-sized targets`, async ({ page }) => {
        await checkAt320(page, path);
      });
    }
  });
});

test.describe('staff pages at 320 px', () => {
  test.use({ storageState: storageStateOf('technician') });

  for (const path of [
    '/staff',
    '/staff/walk-in',
    '/staff/notifications',
    '/staff/support',
    '/staff/insights',
  ]) {
    test(`${path} fits and has finger-sized targets`, async ({ page }) => {
      await checkAt320(page, path);
    });
  }

  test('an order page fits and has finger-sized targets', async ({ page }) => {
    await checkAt320(page, `/staff/orders/${booking.reference}`);
  });
});

test.describe('admin pages at 320 px', () => {
  test.use({ storageState: storageStateOf('admin') });

  for (const path of [
    '/admin/users',
    '/admin/audit',
    '/admin/security',
    '/admin/email/outbox',
    '/admin/email-setup',
    '/admin/analytics',
  ]) {
    test(`${path} fits and has finger-sized targets`, async ({ page }) => {
      await checkAt320(page, path);
    });
  }
});
