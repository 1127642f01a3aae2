function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * Where to go after signing in or after a forced two-factor set-up: only a path on this site
 * is accepted (an open redirect to another host would make phishing links look like ours).
 */
export function safeNextPath(next: string | null | undefined, fallback = '/account'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  // "//host" and "/\host" are protocol-relative to browsers; control characters and
  // backslashes have no place in our paths
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || hasControlCharacter(next)) {
    return fallback;
  }
  const base = 'http://same-site.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
