import { describe, expect, it } from 'vitest';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { authWebSecurity, CLIENT_IP_HEADER, withClientIp } from './web-security';

/** A real better-auth with our settings on its in-memory adapter: what cookies does it set? */
async function signUpCookies(appUrl: string | undefined, requestOrigin: string) {
  const auth = betterAuth({
    baseURL: appUrl ?? requestOrigin,
    basePath: '/api/auth',
    secret: 'a-test-secret-that-is-long-enough-0123456789',
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    ...authWebSecurity(appUrl),
  });
  const res = await auth.handler(
    new Request(`${requestOrigin}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: requestOrigin },
      body: JSON.stringify({ email: 'cookie@example.com', password: 'correct-horse-battery', name: 'C' }),
    }),
  );
  expect(res.status).toBe(200);
  const session = res.headers.getSetCookie().find((c) => /session_token=/.test(c));
  expect(session).toBeDefined();
  return session!;
}

describe('authWebSecurity', () => {
  it('over https: the session cookie is Secure, __Secure- prefixed, HttpOnly, SameSite=Lax', async () => {
    const cookie = await signUpCookies('https://shop.example', 'https://shop.example');
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });

  it('over plain http: HttpOnly and SameSite=Lax, not Secure (the browser would drop it)', async () => {
    const cookie = await signUpCookies(undefined, 'http://localhost:3000');
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });

  it('trusts APP_URL and the origin a request was sent to, nothing else', () => {
    const { trustedOrigins } = authWebSecurity('https://shop.example/');
    expect(trustedOrigins()).toEqual(['https://shop.example']);
    expect(trustedOrigins(new Request('http://10.0.0.5:3000/api/auth/sign-in/email'))).toEqual([
      'https://shop.example',
      'http://10.0.0.5:3000',
    ]);
    expect(authWebSecurity(undefined).trustedOrigins()).toEqual([]);
  });
});

describe('client address for better-auth', () => {
  function signIn(ip: string, spoofed?: string) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      origin: 'http://localhost:3000',
    };
    if (spoofed) {
      headers[CLIENT_IP_HEADER] = spoofed;
      headers['x-forwarded-for'] = spoofed;
    }
    const raw = new Request('http://localhost:3000/api/auth/sign-in/email', {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password-123' }),
    });
    return withClientIp(raw, ip);
  }

  it('keeps the body and replaces whatever address the client sent', async () => {
    const req = signIn('::ffff:203.0.113.5', '6.6.6.6');
    expect(req.headers.get(CLIENT_IP_HEADER)).toBe('203.0.113.5');
    expect(await req.json()).toEqual({ email: 'nobody@example.com', password: 'wrong-password-123' });
  });

  it('limits sign-ins per client address, which a forged header cannot change', async () => {
    const auth = betterAuth({
      baseURL: 'http://localhost:3000',
      basePath: '/api/auth',
      secret: 'a-test-secret-that-is-long-enough-0123456789',
      database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
      emailAndPassword: { enabled: true },
      rateLimit: {
        enabled: true,
        window: 60,
        max: 100,
        customRules: { '/sign-in/email': { window: 60, max: 3 } },
      },
      telemetry: { enabled: false },
      ...authWebSecurity(undefined),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await auth.handler(signIn('198.51.100.7', `10.0.0.${i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await auth.handler(signIn('198.51.100.8'))).status).toBe(401);
  });
});
