import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';

/** axe-core must find no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
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

/** Presses Tab until the element with this test id has focus (keyboard-only journeys). */
export async function tabTo(page: Page, testId: string, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) return;
  }
  throw new Error(`could not reach ${testId} with the Tab key`);
}

/** The first admin, created at start from ADMIN_EMAIL / ADMIN_PASSWORD (playwright.config.ts). */
export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password' } as const;

/** A unique address per call, project and run, so tests never share an account. */
export function uniqueEmail(tag: string): string {
  const project = test.info().project.name;
  return `${tag}-${project}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

/**
 * An API client signed in as the admin, with its own cookie jar (apart from the page's). The
 * Origin header is what a browser would send; better-auth checks it on sign-in.
 */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await api.post('/api/auth/sign-in/email', { data: ADMIN });
  expect(res.ok(), `admin sign-in: ${res.status()} ${await res.text()}`).toBe(true);
  return api;
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

/** Signs in through the /sign-in form and waits until the page has left it. */
export async function signIn(page: Page, email: string, password: string, next?: string) {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await expect(page).not.toHaveURL(/\/sign-in/);
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
