/**
 * better-auth's cookie and origin settings, which follow APP_URL: Secure (and __Secure-
 * prefixed) cookies when the app is served over https, and APP_URL plus the origin a request
 * was sent to as the trusted origins, the same rule as the API's CSRF check
 * (src/server/http/security-headers.ts). Cookies are HttpOnly and SameSite=Lax (better-auth's
 * defaults, kept here explicitly).
 */
export function authWebSecurity(appUrl: string | undefined) {
  const base = appUrl?.replace(/\/$/, '');
  return {
    trustedOrigins: (request?: Request) => [
      ...(base ? [new URL(base).origin] : []),
      ...(request ? [new URL(request.url).origin] : []),
    ],
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: base?.startsWith('https://') ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' as const },
    },
  };
}

/** The header better-auth takes the client address from; only the app sets it. */
export const CLIENT_IP_HEADER = 'x-revivatech-client-ip';

/** The request as better-auth should see it: the client address in CLIENT_IP_HEADER only. */
export function withClientIp(request: Request, ip: string | null): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  if (ip) headers.set(CLIENT_IP_HEADER, ip.replace(/^::ffff:/i, ''));
  return new Request(request, { headers });
}
