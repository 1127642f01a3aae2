import { describe, expect, it } from 'vitest';
import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import {
  API_CSP,
  DOCS_CSP,
  apiCsp,
  commonSecurityHeaders,
  csrfDecision,
  isHttps,
  newNonce,
  pageRunsWasm,
  pageCsp,
  type CsrfInput,
} from './security-headers';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('newNonce', () => {
  it('is fresh each time and in the form Next reads back from the header', () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(getScriptNonceFromHeader(pageCsp({ nonce: a, stripe: false, https: false }))).toBe(a);
  });
});

describe('pageCsp', () => {
  it('allows scripts only by nonce (strict-dynamic), forbids framing, plugins, foreign forms', () => {
    const d = directives(pageCsp({ nonce: 'abc123==', stripe: false, https: false }));
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(d.get('script-src')).not.toContain('unsafe-inline');
    expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(d.get('img-src')).toBe("'self' data: blob:");
    expect(d.get('font-src')).toBe("'self' data:");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'self'");
    expect(d.get('form-action')).toBe("'self'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.has('frame-src')).toBe(false);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it('lets Stripe.js in only when Stripe is configured', () => {
    const d = directives(pageCsp({ nonce: 'n', stripe: true, https: false }));
    expect(d.get('script-src')).toBe("'self' 'nonce-n' 'strict-dynamic' https://js.stripe.com");
    expect(d.get('frame-src')).toBe('https://js.stripe.com');
    expect(d.get('connect-src')).toBe("'self' https://api.stripe.com");
  });

  it("lets the console's pages compile WebAssembly (the scanner's decoder), nothing more, and no other page", () => {
    const d = directives(pageCsp({ nonce: 'n', stripe: false, https: false, wasm: true }));
    expect(d.get('script-src')).toBe("'self' 'nonce-n' 'strict-dynamic' 'wasm-unsafe-eval'");
    expect(d.get('script-src')).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    expect(d.get('connect-src')).toBe("'self'");
    expect(directives(pageCsp({ nonce: 'n', stripe: false, https: false })).get('script-src')).not.toContain(
      'wasm',
    );
    expect(pageRunsWasm('/staff/scan')).toBe(true);
    expect(pageRunsWasm('/staff')).toBe(true);
    expect(pageRunsWasm('/staff?status=booked')).toBe(true);
    expect(pageRunsWasm('/staff/orders/RT-7K3M9Q')).toBe(true);
    expect(pageRunsWasm('/')).toBe(false);
    expect(pageRunsWasm('/book-repair')).toBe(false);
    expect(pageRunsWasm('/staffroom')).toBe(false);
    expect(pageRunsWasm('/track/RT-7K3M9Q')).toBe(false);
  });

  it('asks for upgrade-insecure-requests only over https', () => {
    expect(
      directives(pageCsp({ nonce: 'n', stripe: false, https: true })).has('upgrade-insecure-requests'),
    ).toBe(true);
  });
});

describe('apiCsp', () => {
  it.each([
    ['/api/catalog/devices', API_CSP],
    ['/api/openapi.json', API_CSP],
    ['/api/docsx', API_CSP],
    ['/api/docs', DOCS_CSP],
    ['/api/docs/assets/swagger-ui-bundle.js', DOCS_CSP],
  ])('%s', (path, csp) => {
    expect(apiCsp(path)).toBe(csp);
  });

  it('the docs page may run its own scripts only, nothing may frame it', () => {
    const d = directives(DOCS_CSP);
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(directives(API_CSP).get('default-src')).toBe("'none'");
  });
});

describe('commonSecurityHeaders', () => {
  it('sends the fixed headers, HSTS only over https', () => {
    const http = commonSecurityHeaders(false);
    expect(http).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
      'permissions-policy': 'camera=(self), geolocation=(self), microphone=(), payment=(self), usb=()',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(commonSecurityHeaders(true)['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });
});

describe('isHttps', () => {
  it.each([
    [{ appUrl: 'https://shop.example', trustProxy: false, forwardedProto: undefined }, true],
    [{ appUrl: 'http://shop.example', trustProxy: false, forwardedProto: 'https' }, false],
    [{ appUrl: undefined, trustProxy: false, forwardedProto: 'https' }, false],
    [{ appUrl: undefined, trustProxy: true, forwardedProto: 'https' }, true],
    [{ appUrl: undefined, trustProxy: true, forwardedProto: 'HTTPS, http' }, true],
    [{ appUrl: undefined, trustProxy: true, forwardedProto: 'http' }, false],
    [{ appUrl: undefined, trustProxy: true, forwardedProto: undefined }, false],
    [{ appUrl: undefined, trustProxy: true, forwardedProto: ['https', 'http'] }, true],
  ])('%o → %s', (input, expected) => {
    expect(isHttps(input)).toBe(expected);
  });
});

describe('csrfDecision', () => {
  const base: CsrfInput = {
    method: 'POST',
    path: '/api/bookings',
    secFetchSite: undefined,
    origin: undefined,
    host: 'localhost:3000',
    appUrl: undefined,
  };

  it.each<[string, Partial<CsrfInput>, boolean]>([
    ['a GET from another site (not state-changing)', { method: 'GET', secFetchSite: 'cross-site' }, true],
    ['a HEAD with a foreign Origin', { method: 'HEAD', origin: 'https://evil.example' }, true],
    ['a POST with neither header (server-to-server)', {}, true],
    ['a same-origin POST', { origin: 'http://localhost:3000', secFetchSite: 'same-origin' }, true],
    ['a POST with only Sec-Fetch-Site: none (typed by the user)', { secFetchSite: 'none' }, true],
    ['a POST from APP_URL', { origin: 'https://shop.example', appUrl: 'https://shop.example/' }, true],
    [
      'a POST whose Host writes out the default port',
      { origin: 'http://shop.example', host: 'shop.example:80' },
      true,
    ],
    ['a cross-site POST by Sec-Fetch-Site', { secFetchSite: 'cross-site' }, false],
    [
      'a cross-site POST with our Origin but Sec-Fetch-Site cross-site',
      { secFetchSite: 'cross-site', origin: 'http://localhost:3000' },
      false,
    ],
    ['a POST from a foreign Origin', { origin: 'https://evil.example' }, false],
    [
      'a same-site (sibling subdomain) POST from a foreign Origin',
      { origin: 'https://evil.localhost:3000', secFetchSite: 'same-site' },
      false,
    ],
    ['a POST from the right host on another port', { origin: 'http://localhost:4000' }, false],
    ['a POST with Origin null', { origin: 'null' }, false],
    ['a POST with a garbage Origin', { origin: 'not a url' }, false],
    ['a PUT from a foreign Origin', { method: 'PUT', origin: 'https://evil.example' }, false],
    ['a PATCH from a foreign Origin', { method: 'PATCH', origin: 'https://evil.example' }, false],
    ['a DELETE from a foreign Origin', { method: 'delete', origin: 'https://evil.example' }, false],
    [
      'a foreign Origin when APP_URL is set and the Host matches neither',
      { origin: 'https://evil.example', appUrl: 'https://shop.example' },
      false,
    ],
    [
      'a sign-in from another site',
      { path: '/api/auth/sign-in/email', origin: 'https://evil.example' },
      false,
    ],
    [
      'a Stripe webhook (signed)',
      { path: '/api/payments/webhooks/stripe', origin: 'https://evil.example', secFetchSite: 'cross-site' },
      true,
    ],
    ['a PayPal webhook (signed)', { path: '/api/payments/webhooks/paypal', origin: 'null' }, true],
  ])('%s', (_name, input, allowed) => {
    expect(csrfDecision({ ...base, ...input }).allowed).toBe(allowed);
  });
});
