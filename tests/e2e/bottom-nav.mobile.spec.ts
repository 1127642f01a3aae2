import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, reviewShot, tabTo } from './helpers';
import { storageStateOf } from './users';

/**
 * The phone's bottom navigation (src/app/_shell/bottom-nav-bar.tsx): the customer's bar on the
 * site, the staff bar on console pages, the current place marked, 44x44 targets, room kept for
 * it (--bottom-nav-height), hidden from md (768 px) up where the header's links serve.
 */

const nav = (page: Page) => page.getByTestId('bottom-nav');
const item = (page: Page, key: string) => page.getByTestId(`bottom-nav-${key}`);

/** Every link of the bar: at least 44x44, inside the viewport, and the bar flush with its bottom. */
async function expectUsableBar(page: Page, keys: string[]) {
  const viewport = page.viewportSize()!;
  const bar = await nav(page).boundingBox();
  expect(bar, 'the bar is on screen').not.toBeNull();
  expect(Math.round(bar!.y + bar!.height)).toBe(viewport.height);
  for (const key of keys) {
    const box = await item(page, key).boundingBox();
    expect(box, key).not.toBeNull();
    expect(box!.width, `${key} width`).toBeGreaterThanOrEqual(44);
    expect(box!.height, `${key} height`).toBeGreaterThanOrEqual(44);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 0.5);
  }
}

/** How the stylesheet defines --bottom-nav-height on phones (computed, env() is already resolved). */
const cssVar = (page: Page) =>
  page.evaluate(() => {
    for (const sheet of Array.from(document.styleSheets)) {
      for (const rule of Array.from(sheet.cssRules)) {
        if (/--bottom-nav-height:\s*calc/.test(rule.cssText)) return rule.cssText;
      }
    }
    return '';
  });
const px = (page: Page, value: string) =>
  page.evaluate((v) => {
    const probe = document.createElement('div');
    probe.style.height = v;
    document.body.append(probe);
    const h = probe.getBoundingClientRect().height;
    probe.remove();
    return h;
  }, value);

async function shots(page: Page, name: string) {
  for (const width of [320, 390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    if (width < 768) await expect(nav(page)).toBeVisible();
    await reviewShot(page, test.info().outputPath(`${name}-${width}.png`));
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

test.describe('a guest', () => {
  test('finds Book, Track, My repairs and Account at the bottom, with the current place marked', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(nav(page)).toBeVisible();
    await expect(nav(page)).toHaveAttribute('data-bar', 'customer');
    await expect(nav(page).getByRole('link')).toHaveText(['Book', 'Track', 'My repairs', 'Account']);
    await expect(item(page, 'book')).toHaveAttribute('href', '/book-repair');
    await expect(item(page, 'track')).toHaveAttribute('href', '/track');
    await expect(item(page, 'repairs')).toHaveAttribute('href', '/account');
    // signed out, "Account" is the way in
    await expect(item(page, 'account')).toHaveAttribute('href', '/sign-in');
    // the home page is none of the four
    await expect(nav(page).locator('[aria-current="page"]')).toHaveCount(0);
    await expectUsableBar(page, ['book', 'track', 'repairs', 'account']);
    await expectAccessible(page, 'home with the bottom navigation');
    await shots(page, 'bottom-nav-customer');

    // the bar's height is --bottom-nav-height (no inset in the emulator), and the body keeps it clear
    const bar = (await nav(page).boundingBox())!;
    expect(await px(page, 'var(--bottom-nav-height)')).toBeCloseTo(bar.height, 0);
    expect(await cssVar(page)).toContain('safe-area-inset-bottom');
    await expect(page.locator('body')).toHaveCSS('padding-bottom', `${Math.round(bar.height)}px`);
    // the viewport lets content run under the home indicator: the bar pads itself
    await expect(page.locator('meta[name="viewport"]')).toHaveAttribute('content', /viewport-fit=cover/);

    // nothing hides behind it: the footer's last link, scrolled to the end, is above the bar
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const footerLink = page.getByRole('contentinfo').getByRole('link').last();
    const linkBox = (await footerLink.boundingBox())!;
    expect(linkBox.y + linkBox.height).toBeLessThanOrEqual(bar.y + 0.5);
    // the toasts' corner sits above it too
    const toastBottom = await page.evaluate(() => {
      const viewport = document.querySelector('ol[tabindex="-1"]');
      return viewport ? getComputedStyle(viewport).bottom : null;
    });
    expect(toastBottom).toBe(`${Math.round(bar.height) + 16}px`);
    // and the open menu of the header ends above it
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Open menu' }).click();
    const menu = (await page.locator('#mobile-nav').boundingBox())!;
    expect(menu.y + menu.height).toBeLessThanOrEqual(bar.y + 0.5);
    await page.getByRole('button', { name: 'Close menu' }).click();

    // Track: the page and the tracking pages under it are marked
    await item(page, 'track').click();
    await expect(page).toHaveURL(/\/track$/);
    await expect(item(page, 'track')).toHaveAttribute('aria-current', 'page');
    await expect(nav(page).locator('[aria-current="page"]')).toHaveCount(1);
    // visibly too, not by colour alone: bold label, filled icon pill
    await expect(item(page, 'track')).toHaveCSS('font-weight', '600');
    await expect(item(page, 'book')).toHaveCSS('font-weight', '500');

    await item(page, 'book').click();
    await expect(page).toHaveURL(/\/book-repair/);
    await expect(item(page, 'book')).toHaveAttribute('aria-current', 'page');
    await expect(item(page, 'track')).not.toHaveAttribute('aria-current', /.*/);

    // My repairs asks a guest to sign in first; the sign-in page is the Account place
    await item(page, 'repairs').click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
    await expect(item(page, 'account')).toHaveAttribute('aria-current', 'page');
  });

  test('reaches the bar by keyboard, with a visible focus ring', async ({ page }) => {
    await page.goto('/track');
    await tabTo(page, 'bottom-nav-book');
    const ring = await item(page, 'book').evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        style: s.outlineStyle,
        width: parseFloat(s.outlineWidth),
        offset: parseFloat(s.outlineOffset),
      };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    // drawn inside the link, so the bar's edge never clips it
    expect(ring.offset).toBeLessThan(0);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/book-repair/);
  });

  test('is gone from 768 px up, where the header has the links', async ({ page }) => {
    await page.goto('/');
    await expect(nav(page)).toBeVisible();
    await page.setViewportSize({ width: 768, height: 900 });
    await expect(nav(page)).toBeHidden();
    expect(await px(page, 'var(--bottom-nav-height)')).toBe(0);
    await expect(page.locator('body')).toHaveCSS('padding-bottom', '0px');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });
});

test.describe('a signed-in customer', () => {
  test.use({ storageState: storageStateOf('customer') });

  test('has My repairs on /account and Account on the security settings', async ({ page }) => {
    await page.goto('/account');
    await expect(nav(page)).toHaveAttribute('data-bar', 'customer');
    await expect(item(page, 'repairs')).toHaveAttribute('aria-current', 'page');
    await expect(item(page, 'account')).toHaveAttribute('href', '/account/security');
    await expectAccessible(page, 'my repairs with the bottom navigation');
    await item(page, 'account').click();
    await expect(page).toHaveURL(/\/account\/security$/);
    await expect(item(page, 'account')).toHaveAttribute('aria-current', 'page');
    await expect(item(page, 'repairs')).not.toHaveAttribute('aria-current', /.*/);
    // a customer on a console address gets no staff bar (and the page is not theirs)
    await page.goto('/staff');
    await expect(nav(page)).toHaveAttribute('data-bar', 'customer');
  });
});

test.describe('a technician', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('has Queue, Scan, Walk-in and Notifications on console pages, the customer bar elsewhere', async ({
    page,
  }) => {
    await page.goto('/staff');
    await expect(nav(page)).toHaveAttribute('data-bar', 'staff');
    await expect(nav(page)).toHaveAttribute('aria-label', 'Console shortcuts');
    await expect(nav(page).getByRole('link')).toHaveText(['Queue', 'Scan', 'Walk-in', 'Notifications']);
    await expect(item(page, 'queue')).toHaveAttribute('aria-current', 'page');
    await expect(item(page, 'scan')).toHaveAttribute('href', '/staff/scan');
    await expectUsableBar(page, ['queue', 'scan', 'walk-in', 'notifications']);
    await expectAccessible(page, 'staff queue with the bottom navigation');
    await shots(page, 'bottom-nav-staff');

    await item(page, 'walk-in').click();
    await expect(page).toHaveURL(/\/staff\/walk-in$/);
    await expect(item(page, 'walk-in')).toHaveAttribute('aria-current', 'page');
    await expect(item(page, 'queue')).not.toHaveAttribute('aria-current', /.*/);

    await item(page, 'notifications').click();
    await expect(page).toHaveURL(/\/staff\/notifications$/);
    await expect(item(page, 'notifications')).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page, 'staff notifications with the bottom navigation');

    await item(page, 'queue').click();
    await expect(page).toHaveURL(/\/staff$/);
    await expect(item(page, 'queue')).toHaveAttribute('aria-current', 'page');

    // away from the console, the customer's bar
    await page.goto('/shops');
    await expect(nav(page)).toHaveAttribute('data-bar', 'customer');
    await expect(nav(page)).toHaveAttribute('aria-label', 'Shortcuts');
  });
});
