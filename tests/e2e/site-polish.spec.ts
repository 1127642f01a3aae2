/**
 * Issue 13, item 17 (part) and 18 (part): what a newcomer notices first. The app's icon, the
 * 404 page's own title, the home page's popular repairs as ways into booking, the admin's way
 * to the outbox and the e-mail set-up, the outbox preview opening where the admin is looking,
 * the console filters and the calendar button whole on a phone, the two-factor badge telling
 * the truth during the set-up, and the shops page's directions.
 */
import { expect, request, test, type Locator, type Page } from '@playwright/test';
import { bookDropOff, expectAccessible, reviewShot, uniqueEmail } from './helpers';
import { signUpContext, storageStateOf } from './users';
import { totp } from '../totp';

/** Review screenshots with E2E_SHOTS (never asserted): test-results/<test>/<name>-<project>.png */
async function shot(page: Page, name: string, fullPage = false) {
  await reviewShot(page, test.info().outputPath(`${name}-${test.info().project.name}.png`), { fullPage });
}

test(
  'every page has an icon: the one it links to and /favicon.ico answer with an image',
  { tag: '@behaviour' },
  async ({ page }) => {
    await page.goto('/');
    const icon = page.locator('link[rel="icon"]').first();
    await expect(icon, 'a <link rel="icon"> in the head').toHaveAttribute('href', /.+/);
    const href = await icon.getAttribute('href');
    for (const path of [href!, '/favicon.ico']) {
      const res = await page.request.get(path);
      expect(res.status(), `GET ${path}`).toBe(200);
      expect(res.headers()['content-type'], `GET ${path}`).toMatch(/^image\//);
    }
  },
);

test('the 404 page has its own title', { tag: '@behaviour' }, async ({ page }) => {
  const res = await page.goto('/no-such-page-here');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Page not found – RevivaTech');
});

test(
  'a popular repair on the home page opens booking with that model chosen',
  { tag: '@behaviour' },
  async ({ page }) => {
    await page.goto('/');
    const popular = page.getByRole('link', { name: /iPhone 15/ }).first();
    await expect(popular).toBeVisible();
    await popular.click();
    await expect(page).toHaveURL(/\/book-repair\?model=iphone-15$/);
    await expect(page.getByTestId('device-apple')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('model-iphone-15')).toHaveAttribute('aria-pressed', 'true');
    // and its repairs are the next thing to choose
    await expect(page.getByTestId('issue-screen-crack')).toBeVisible();
  },
);

test("the support assistant's booking link opens booking with the model and repairs chosen", async ({
  page,
}) => {
  // ?repairs= keeps only what the model offers (no keyboard on an iPhone)
  await page.goto('/book-repair?model=iphone-15&repairs=screen-crack,battery,keyboard');
  await expect(page.getByTestId('model-iphone-15')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('issue-screen-crack')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('issue-battery')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('issue-camera')).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('issue-keyboard')).toHaveCount(0);
  await expect(page.getByTestId('price-estimate')).toBeVisible();
});

test.describe('as the admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('the admin navigation leads to the outbox and the e-mail set-up', async ({ page }) => {
    test.slow(); // three admin pages, each rendered on the server on a busy machine
    await page.goto('/admin/users');
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
    await shot(page, 'admin-nav');
    await nav.getByRole('link', { name: 'E-mail outbox' }).click();
    await expect(page).toHaveURL(/\/admin\/email\/outbox$/);
    await expect(page.getByRole('heading', { name: 'E-mail outbox', level: 1 })).toBeVisible();
    await nav.getByRole('link', { name: 'E-mail set-up' }).click();
    await expect(page).toHaveURL(/\/admin\/email-setup$/);
    await expect(page.getByRole('heading', { name: 'E-mail set-up', level: 1 })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'E-mail set-up' })).toHaveAttribute('aria-current', 'page');
  });

  test('the outbox preview opens in view, with its title focused', async ({ page, baseURL }) => {
    // a list long enough that the end of it is below the fold: four bookings, four e-mails
    const guest = await request.newContext({ baseURL });
    const emails: string[] = [];
    for (let i = 0; i < 4; i++) {
      const email = uniqueEmail(`outbox${i}`);
      emails.push(email);
      await bookDropOff(guest, {
        modelSlug: 'pixel-8',
        repairSlugs: ['screen-crack'],
        customer: { name: `Outbox Reader ${i}`, email },
        paymentMethod: 'collection',
      });
    }
    await guest.dispose();

    await page.goto('/admin/email/outbox');
    const items = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Preview' }) });
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(4);
    const first = items.first();
    const subject = (await first.locator('p.font-semibold').textContent())?.trim() ?? '';
    expect(subject).not.toBe('');
    await first.getByRole('button', { name: 'Preview' }).click();

    const title = page.getByRole('heading', { name: subject, level: 2 });
    await expect(title).toBeInViewport();
    await expect(title).toBeFocused();
    await expect(page.getByTitle(`Preview of ${subject}`)).toBeInViewport({ ratio: 0.5 });
    await shot(page, 'outbox-preview');
    // closing it gives focus back to the button that opened it
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(first.getByRole('button', { name: 'Preview' })).toBeFocused();
  });
});

/**
 * Every select of the element is as wide as its chosen option needs (Chromium draws the arrow
 * inside the box, beside the padding, so the text's own width says too little: a copy of the
 * select sized to its content with `field-sizing: content` says how wide it must be), and
 * neither the element nor the page scrolls sideways.
 */
async function expectFieldsFit(area: Locator, label: string) {
  await expect(area).toBeVisible();
  const report = await area.evaluate((root) => {
    const clipped: string[] = [];
    for (const select of Array.from(root.querySelectorAll('select'))) {
      const text = select.selectedOptions[0]?.text ?? '';
      const probe = select.cloneNode(false) as HTMLSelectElement;
      probe.append(new Option(text));
      probe.style.cssText +=
        ';field-sizing:content;width:auto;min-width:0;max-width:none;position:absolute;visibility:hidden';
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      const width = select.getBoundingClientRect().width;
      if (needed > width + 0.5) clipped.push(`"${text}" (${Math.round(width)} px of ${Math.ceil(needed)})`);
    }
    const el = root as HTMLElement;
    return { clipped, overflow: el.scrollWidth > el.clientWidth };
  });
  expect(report.clipped, `clipped filters ${label}`).toEqual([]);
  expect(report.overflow, `the filters scroll sideways ${label}`).toBe(false);
  const docOverflow = await area
    .page()
    .evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(docOverflow, `the page scrolls sideways ${label}`).toBe(false);
}

test.describe('as a technician', () => {
  test.use({ storageState: storageStateOf('technician') });

  test('the console filters fit on a phone, at 390 and at 320 px', async ({ page }) => {
    test.slow(); // the console is the heaviest page, measured twice
    await page.goto('/staff');
    const filters = page.getByRole('region', { name: 'Filters' });
    await expectFieldsFit(filters, `at ${page.viewportSize()?.width} px`);
    await shot(page, 'console-filters');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectFieldsFit(filters, 'at 320 px');
    await shot(page, 'console-filters-320');
  });
});

test('the calendar button of a cancelled booking keeps its text inside its border', async ({
  page,
  baseURL,
}) => {
  const guest = await request.newContext({ baseURL });
  const booking = await bookDropOff<{ reference: string; manageUrl: string }>(guest, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    customer: { name: 'Calendar Person', email: uniqueEmail('ics') },
    paymentMethod: 'collection',
  });
  const url = new URL(booking.manageUrl);
  const sig = url.searchParams.get('sig')!;
  const cancelled = await guest.post(`/api/bookings/${booking.reference}/cancel`, { data: { sig } });
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  await guest.dispose();

  await page.goto(`${url.pathname}${url.search}`);
  const button = page.getByTestId('manage-ics');
  await expect(button).toContainText('Remove from your calendar');
  const box = await button.evaluate((el) => {
    const outer = el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    return {
      top: text.top - outer.top,
      bottom: outer.bottom - text.bottom,
      left: text.left - outer.left,
      right: outer.right - text.right,
    };
  });
  // the text (and its icon) sits inside the border with room to spare on every side
  for (const [side, gap] of Object.entries(box))
    expect(gap, `space ${side} of the label`).toBeGreaterThanOrEqual(4);
  await shot(page, 'manage-cancelled', true);
});

test(
  'the two-factor badge turns on when the first code is accepted, before the backup codes are saved',
  { tag: '@behaviour' },
  async ({ page, baseURL }) => {
    test.slow(); // sign-up, the password check and the code check: three slow auth calls
    const email = uniqueEmail('badge');
    const password = 'badge-password-1';
    await signUpContext(page.context(), baseURL!, { name: 'Badge Person', email, password });
    await page.goto('/account/security');
    const badge = page.getByTestId('two-factor-status');
    await expect(badge).toHaveText('Off');

    await page.getByTestId('setup-password').fill(password);
    await page.getByTestId('setup-submit').click();
    const key = page.getByTestId('totp-secret');
    await expect(key).toBeVisible();
    const secret = (await key.getAttribute('data-secret')) ?? '';
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-code').fill(totp(secret));
    await page.getByTestId('setup-verify').click();
    await expect(page.getByTestId('backup-codes')).toBeVisible();
    // the backup-code step says two-factor is on: so does the badge
    await expect(badge).toHaveAttribute('data-enabled', 'true');
    await expect(badge).toHaveText('On');
    await shot(page, 'two-factor-codes-step', true);
    await page.getByTestId('setup-saved').click();
    await expect(badge).toHaveText('On');
  },
);

test('the shops page gives each shop its address, opening hours and directions', async ({ page }) => {
  await page.goto('/shops');
  const shop = page.getByTestId('shop-london');
  await expect(shop.getByRole('table')).toContainText('Monday');
  const directions = shop.getByRole('link', { name: /^Directions to / });
  await expect(directions).toHaveAttribute(
    'href',
    /^https:\/\/www\.openstreetmap\.org\/directions\?to=-?\d+(\.\d+)?%2C-?\d+(\.\d+)?$/,
  );
  await expect(directions).toHaveAttribute('rel', /noopener/);
  await shot(page, 'shops', true);
  await expectAccessible(page, 'shops page');
});
