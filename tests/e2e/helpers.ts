import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ADMIN_CREDENTIALS } from './admin-credentials';
import { totp } from '../totp';
import { rememberTotpSecret, totpCodeFor } from './users';
import { e2eDatabaseKind } from '../../scripts/lib/e2e-database.mjs';

/** Window state of `watchChanges`: how much of the document changed since it started. */
interface ChangeWatch {
  __axeChanges?: number;
  __axeObserver?: MutationObserver;
}

/** Starts counting changes to the document (nodes, text, attributes) in the page. */
function watchChanges(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as ChangeWatch;
    w.__axeObserver?.disconnect();
    w.__axeChanges = 0;
    w.__axeObserver = new MutationObserver((records) => {
      w.__axeChanges = (w.__axeChanges ?? 0) + records.length;
    });
    w.__axeObserver.observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

/** Stops counting; how many changes there were. */
function changesSince(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as ChangeWatch;
    w.__axeObserver?.disconnect();
    return w.__axeChanges ?? 0;
  });
}

/** Waits (up to 5 s) until the document has not changed for `quietMs`. */
function settle(page: Page, quietMs = 200) {
  return page.evaluate(
    (quiet) =>
      new Promise<void>((resolve) => {
        let timer = setTimeout(done, quiet);
        const giveUp = setTimeout(done, 5_000);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(giveUp);
          resolve();
        }
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    quietMs,
  );
}

/**
 * axe-core must find no serious or critical violation on the page as it is now.
 *
 * Once per page (and state: a dialog, an error) and viewport, in the journey that is about that
 * page; journeys that only pass by a page leave it to that one.
 *
 * At rest: a page goes on changing after the step before (hydration, the live pill going from
 * "Connecting" to "Live", a toast closing), and it re-renders when its live stream or that step
 * refreshes it (router.refresh), which takes the <title> out of the document for a moment while
 * Next streams the new metadata. So the check waits until the document has been still for a
 * moment, and an analysis during which it changed anyway judged no one state of the page: it is
 * repeated (up to three times; the last one counts). An analysis of an unchanging document is
 * final, whatever it finds.
 *
 * Legacy mode: axe.run() in the page, instead of runPartial() in every frame plus finishRun() in
 * a blank page the builder opens for each check (a second page and a second injection of
 * axe-core, each time). The same rules run on the same document; our pages have no
 * cross-origin frames, and legacy mode still tests same-origin ones.
 */
export async function expectAccessible(page: Page, label: string) {
  let results: Awaited<ReturnType<AxeBuilder['analyze']>>;
  for (let attempt = 1; ; attempt++) {
    await settle(page);
    await watchChanges(page);
    results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .setLegacyMode()
      .analyze();
    const changes = await changesSince(page);
    if (changes === 0 || attempt === 3) break;
  }
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

/**
 * Screenshots of the journeys' states, to look at (never asserted), when E2E_SHOTS is set; off
 * by default, as each one is a render and a PNG encode (a tall one at the phone's pixel ratio).
 */
export async function reviewShot(target: Page | Locator, path: string, options: { fullPage?: boolean } = {}) {
  if (!process.env.E2E_SHOTS) return;
  if ('goto' in target) await target.screenshot({ path, ...options });
  else await target.screenshot({ path });
}

/** Presses Tab until the element with this test id has focus (keyboard-only journeys). */
export async function tabTo(page: Page, testId: string, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) return;
  }
  throw new Error(`could not reach ${testId} with the Tab key`);
}

/**
 * The first admin, created at start from ADMIN_EMAIL / ADMIN_PASSWORD (playwright.config.ts),
 * with two-factor set up by global-setup.ts.
 */
export const ADMIN = ADMIN_CREDENTIALS;

/** A unique address per call, project and run, so tests never share an account. */
export function uniqueEmail(tag: string): string {
  const project = test.info().project.name;
  return `${tag}-${project}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

/** A key no other request of the run uses (Idempotency-Key headers). */
export function uniqueKey(tag: string): string {
  return `e2e-${tag}-${test.info().project.name}-${Date.now()}-${Math.random().toString(36).slice(2, 9)}`;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: string;
  text: string;
  html: string;
}

/** Waits for the newest e-mail of this template to this address and returns it whole. */
export async function latestMail(
  api: APIRequestContext,
  to: string,
  template: string,
): Promise<OutboxMessage> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const res = await api.get(`/api/email/messages?q=${encodeURIComponent(to)}`);
      expect(res.ok(), `outbox list: ${res.status()}`).toBe(true);
      const list = (await res.json()) as { items: Array<{ id: string; to: string; template: string }> };
      id = list.items.find((m) => m.to === to && m.template === template)?.id;
      return id ?? null;
    }, `a ${template} e-mail to ${to}`)
    .not.toBeNull();
  const res = await api.get(`/api/email/messages/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as OutboxMessage;
}

/** The link to this app path in the e-mail's plain text, as a path to open in the page. */
export function linkIn(message: OutboxMessage, pathname: string): string {
  const match = message.text.match(new RegExp(`https?://[^\\s"<>]+${pathname}\\?token=[^\\s"<>]+`));
  expect(match, `a ${pathname} link in:\n${message.text}`).not.toBeNull();
  const url = new URL(match![0]);
  return `${url.pathname}${url.search}`;
}

/**
 * Signs in through the /sign-in form and waits until the page has left it, as a person would:
 * with the code of their authenticator app when the account asks for one, and through the
 * two-factor set-up when their role requires it (staff; see page-guard.ts) and it is not done.
 */
export async function signIn(page: Page, email: string, password: string, next?: string) {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  const challenge = page.getByTestId('signin-totp');
  await expect
    .poll(async () => !/\/sign-in/.test(new URL(page.url()).pathname) || (await challenge.isVisible()), {
      message: `sign-in of ${email} went on`,
    })
    .toBe(true);
  if (/\/sign-in/.test(new URL(page.url()).pathname)) {
    await challenge.fill(totpCodeFor(email));
    await page.getByTestId('signin-verify').click();
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
  // staff without two-factor are sent to the set-up (STAFF_TWO_FACTOR=required in
  // playwright.config.ts); the URL may show `next` for a moment before that redirect arrives,
  // so ask the server rather than the address bar
  const me = await page.request.get('/api/account');
  expect(me.ok(), `GET /api/account after signing in ${email}: ${me.status()}`).toBe(true);
  const account = (await me.json()) as { role: string; twoFactorEnabled: boolean };
  if (account.role !== 'customer' && !account.twoFactorEnabled) {
    await expect(page).toHaveURL(/\/account\/security\?setup=required/);
    await completeTwoFactorSetup(page, email, password);
  }
}

/**
 * Goes through the two-factor set-up on /account/security as a person would, with the
 * authenticator app computed here from the key the page shows. Returns the secret and backup codes.
 */
export async function completeTwoFactorSetup(page: Page, email: string, password: string) {
  const forced = /setup=required/.test(page.url());
  await page.getByTestId('setup-password').fill(password);
  await page.getByTestId('setup-submit').click();
  const key = page.getByTestId('totp-secret');
  await expect(key).toBeVisible();
  const secret = (await key.getAttribute('data-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  rememberTotpSecret(email, secret);
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-code').fill(totp(secret));
  await page.getByTestId('setup-verify').click();
  await expect(page.getByTestId('backup-codes')).toBeVisible();
  const backupCodes = await page.getByTestId('backup-code').allTextContents();
  expect(backupCodes).toHaveLength(10);
  await page.getByTestId('setup-saved').click();
  if (forced) await expect(page).not.toHaveURL(/\/account\/security/);
  else await expect(page.getByTestId('two-factor-status')).toHaveAttribute('data-enabled', 'true');
  return { secret, backupCodes };
}

/** Signs up through the /sign-up form; the app then shows /account. */
export async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto('/sign-up');
  await page.getByTestId('signup-name').fill(name);
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-submit').click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByTestId('account-email')).toContainText(email);
}

export type ShopSlug = 'london' | 'manchester';

/**
 * The shop whose drop-off slots this worker's booking-form journeys take. Two workers run at
 * once and the form preselects the earliest free slot; on one shop, that slot could fill up
 * with the other worker's bookings between the page load and the submit (3 places a slot in
 * London, 2 in Manchester) and the journey would meet "this slot is now full". So each worker
 * books at its own shop, and bookings made through the API (`bookDropOff`) take the latest
 * slots of the horizon, far from the earliest ones.
 */
export function workerShop(): ShopSlug {
  return test.info().parallelIndex % 2 === 0 ? 'london' : 'manchester';
}

/** On /book-repair with drop-off chosen: picks this worker's shop (the form starts on London). */
export async function chooseWorkerShop(page: Page) {
  const select = page.getByTestId('shop-select');
  await select.selectOption(workerShop());
  await expect(select).toHaveValue(workerShop());
}

interface BookingBody {
  modelSlug: string;
  repairSlugs: string[];
  urgency?: string;
  customer: { name: string; email: string; phone?: string };
  paymentMethod: 'collection' | 'card';
}

/**
 * A drop-off booking through the public API (`api`: a guest's or a customer's client) in one of
 * the latest free slots of `shop` (see `workerShop`). When a journey on the other worker fills
 * that slot first (409 SLOT_FULL), it takes the next free one back, as a client would.
 */
export async function bookDropOff<T = { reference: string; trackingToken: string }>(
  api: APIRequestContext,
  booking: BookingBody,
  shop: ShopSlug = 'london',
): Promise<T> {
  const res = await api.get(`/api/shops/${shop}/slots`);
  expect(res.ok(), `slots of ${shop}: ${res.status()}`).toBe(true);
  const { items } = (await res.json()) as { items: Array<{ startsAt: string; available: number }> };
  const free = items.filter((s) => s.available > 0).reverse();
  for (const slot of free.slice(0, 20)) {
    const booked = await api.post('/api/bookings', {
      data: { ...booking, service: { type: 'drop_off', shopSlug: shop, slotStartsAt: slot.startsAt } },
    });
    if (booked.status() === 409 && ((await booked.json()) as { code?: string }).code === 'SLOT_FULL')
      continue;
    expect(booked.status(), await booked.text()).toBe(201);
    return (await booked.json()) as T;
  }
  throw new Error(`no free drop-off slot at ${shop}`);
}

/** The database this run's server is on (scripts/lib/e2e-database.mjs, as e2e-server.mjs chose). */
export function e2eDatabase(): 'pglite' | 'postgres' {
  return e2eDatabaseKind();
}
