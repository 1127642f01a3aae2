/** Reading an otpauth:// URI (the one better-auth's two-factor "enable" answers with). */
export interface TotpUriParts {
  /** base32, as authenticator apps take it when typed */
  secret: string;
  issuer: string | null;
  account: string | null;
}

export function parseTotpUri(uri: string): TotpUriParts | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'otpauth:') return null;
  const secret = url.searchParams.get('secret')?.replace(/[\s=]/g, '').toUpperCase();
  if (!secret || !/^[A-Z2-7]+$/.test(secret)) return null;
  // the label is "issuer:account", each part percent-encoded
  const label = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/^totp\//, ''));
  const colon = label.indexOf(':');
  return {
    secret,
    issuer: url.searchParams.get('issuer') ?? (colon >= 0 ? label.slice(0, colon) : null),
    account: colon >= 0 ? label.slice(colon + 1) : label || null,
  };
}

/** "ABCD EFGH IJKL …": groups of four are easier to type and to check. */
export function groupSecret(secret: string, size = 4): string[] {
  const groups: string[] = [];
  for (let i = 0; i < secret.length; i += size) groups.push(secret.slice(i, i + size));
  return groups;
}
