import { describe, expect, it } from 'vitest';
import { cacheScopeOf } from './cache-scope';

describe('cache scope of a request', () => {
  it('is "anon" without a session cookie', () => {
    expect(cacheScopeOf(undefined)).toBe('anon');
    expect(cacheScopeOf('')).toBe('anon');
    expect(cacheScopeOf('locale=en-GB; other=1')).toBe('anon');
    expect(cacheScopeOf('better-auth.session_token=')).toBe('anon');
  });

  it('is a hash of the session token: the same for one session, different for another', () => {
    const a = cacheScopeOf('locale=en-GB; better-auth.session_token=abc.def');
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(cacheScopeOf('better-auth.session_token=abc.def; locale=pt-BR')).toBe(a);
    expect(cacheScopeOf('__Secure-better-auth.session_token=abc.def')).toBe(a);
    expect(cacheScopeOf('better-auth.session_token=xyz.def')).not.toBe(a);
    expect(a).not.toContain('abc');
  });
});
