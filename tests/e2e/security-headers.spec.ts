import { readFileSync } from 'node:fs';
import { expect, test, type APIResponse, type Page } from '@playwright/test';

const BOOKING = {
  modelSlug: 'iphone-15',
  repairSlugs: ['screen-crack'],
  urgency: 'standard',
  service: { type: 'mail_in' },
  customer: { name: 'Csrf Test', email: 'csrf@example.com' },
  paymentMethod: 'collection',
};

/** The nonce in a response's CSP header (script-src 'nonce-…'). */
function nonceOf(res: APIResponse): string {
  const csp = res.headers()['content-security-policy'] ?? '';
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
  expect(nonce, `a nonce in ${csp}`).toBeTruthy();
  return nonce!;
}

function expectPageHeaders(res: APIResponse) {
  const h = res.headers();
  const directives = (h['content-security-policy'] ?? '').split(';').map((d) => d.trim());
  expect(directives).toContain("frame-ancestors 'none'");
  expect(directives).toContain("object-src 'none'");
  expect(directives.find((d) => d.startsWith('script-src'))).not.toContain('unsafe-inline');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy']).toBe(
    'camera=(self), geolocation=(self), microphone=(), payment=(self), usb=()',
  );
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  // plain http (the test server): no HSTS
  expect(h['strict-transport-security']).toBeUndefined();
}

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
  ];
}

test('pages carry the security headers, with a fresh CSP nonce on every response', async ({ request }) => {
  for (const path of ['/', '/book-repair']) {
    const first = await request.get(path);
    const second = await request.get(path);
    expect(first.status()).toBe(200);
    expectPageHeaders(first);
    expectPageHeaders(second);
    const nonce = nonceOf(first);
    expect(nonceOf(second)).not.toBe(nonce);
    // every script Next rendered carries this response's nonce
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  }
  // static assets and the API too
  const api = await request.get('/api/ready');
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()['x-frame-options']).toBe('DENY');
  const missing = await request.get('/no-such-page');
  expect(missing.status()).toBe(404);
  expectPageHeaders(missing);
});

test("WebAssembly compiles on the console's pages only (the scanner's decoder), served by the app", async ({
  request,
}) => {
  const scriptSrc = (res: APIResponse) =>
    /(?:^|;)\s*script-src ([^;]*)/.exec(res.headers()['content-security-policy'] ?? '')?.[1] ?? '';
  for (const path of ['/', '/book-repair', '/track']) {
    expect(scriptSrc(await request.get(path)), path).not.toContain('wasm');
  }
  for (const path of ['/staff/scan', '/staff']) {
    // signed out: the redirect to sign-in carries the console's policy as well
    const res = await request.get(path, { maxRedirects: 0 });
    expect(scriptSrc(res), path).toContain("'wasm-unsafe-eval'");
    expect(scriptSrc(res), path).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
  }
  const { version } = JSON.parse(readFileSync('node_modules/zxing-wasm/package.json', 'utf8')) as {
    version: string;
  };
  const wasm = await request.get(`/scanner/${version}/zxing_reader.wasm`);
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expect(wasm.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // WebAssembly's magic number: \0asm
  expect([...(await wasm.body()).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
  expect((await request.get('/scanner/0.0.0/zxing_reader.wasm')).status()).toBe(404);
});

test('home and booking pages hydrate and work with no CSP violation', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // client navigation (hydrated React), not a reload
  await page.getByTestId('cta-book').click();
  await expect(page).toHaveURL(/\/book-repair$/);
  await page.getByTestId('device-apple').click();
  await expect(page.getByTestId('model-iphone-15')).toBeVisible();
  // a full load of the booking page as well
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await expect(page.getByTestId('model-iphone-15')).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('an inline script without the nonce (as an injection would be) is blocked and reported', async ({
  page,
}) => {
  const violations = await watchCsp(page);
  // the server's real answer and headers, with a script slipped into the markup
  await page.route('**/book-repair', async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response: res, body: html });
  });
  await page.goto('/book-repair');
  await page.getByTestId('device-apple').click();
  await expect(page.getByTestId('model-iphone-15')).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  await expect.poll(async () => (await violations()).some((v) => v.includes('script-src'))).toBe(true);
});

test('the API docs page runs under its own policy with no CSP violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto('/api/docs');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.locator('.swagger-ui .info .title')).toContainText('RevivaTech API');
  expect(await violations()).toEqual([]);
});

test('a cross-site POST is refused, a same-origin one is taken', async ({ request, baseURL }) => {
  const body = BOOKING;
  const evil = await request.post('/api/bookings', {
    headers: { origin: 'https://evil.example' },
    data: body,
  });
  expect(evil.status()).toBe(403);
  expect(await evil.json()).toMatchObject({ code: 'CSRF_REJECTED' });

  const signIn = await request.post('/api/auth/sign-in/email', {
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    data: { email: 'admin@e2e.test', password: 'e2e-admin-password' },
  });
  expect(signIn.status()).toBe(403);
  expect(signIn.headers()['set-cookie']).toBeUndefined();

  const ours = await request.post('/api/bookings', { headers: { origin: baseURL! }, data: body });
  expect(ours.status()).toBe(201);
});

test('a form on another site posting to the API is refused by the browser request it makes', async ({
  page,
  baseURL,
}) => {
  // a page on another origin with a self-submitting form aimed at our API
  await page.route('http://evil.example/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><form method="post" action="${baseURL}/api/bookings" enctype="text/plain">
        <input name='{"a":"' value='b"}'></form>`,
    }),
  );
  await page.goto('http://evil.example/');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${baseURL}/api/bookings`),
    page.evaluate(() => document.querySelector('form')!.submit()),
  ]);
  expect(answer.status()).toBe(403);
  const sent = answer.request().headers();
  expect(sent['origin']).toBe('http://evil.example');
  expect(await answer.json()).toMatchObject({ code: 'CSRF_REJECTED' });
});
