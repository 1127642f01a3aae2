import { afterEach, describe, expect, it, vi } from 'vitest';
import { assetOrigin, assetUrl } from './asset-url';
import { pageCsp } from './security-headers';

describe('ASSET_PREFIX', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is Next's assetPrefix, validated and without a trailing slash", async () => {
    vi.stubEnv('ASSET_PREFIX', 'https://cdn.example.com/rt/');
    vi.resetModules();
    const { default: config } = await import('../../../next.config');
    expect(config.assetPrefix).toBe('https://cdn.example.com/rt');
  });

  it('is unset by default: assets stay on the app origin', async () => {
    vi.stubEnv('ASSET_PREFIX', '');
    vi.resetModules();
    const { default: config } = await import('../../../next.config');
    expect(config.assetPrefix).toBeUndefined();
    expect(assetUrl('/icons/icon-192.png', undefined)).toBe('/icons/icon-192.png');
  });

  it('refuses a value that is not an absolute URL', async () => {
    vi.stubEnv('ASSET_PREFIX', 'cdn.example.com?x=1');
    vi.resetModules();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(import('@/env')).rejects.toThrow(/ASSET_PREFIX/);
  });

  it('prefixes our own static URLs and opens the pages CSP to its origin', () => {
    expect(assetUrl('/icons/icon-192.png', 'https://cdn.example.com/rt')).toBe(
      'https://cdn.example.com/rt/icons/icon-192.png',
    );
    const origin = assetOrigin('https://cdn.example.com/rt');
    expect(origin).toBe('https://cdn.example.com');
    const csp = pageCsp({ nonce: 'n', stripe: false, https: true, assetOrigin: origin });
    for (const d of ['script-src', 'style-src', 'img-src', 'font-src']) {
      expect(csp.split('; ').find((x) => x.startsWith(d))).toContain('https://cdn.example.com');
    }
    expect(pageCsp({ nonce: 'n', stripe: false, https: true })).not.toContain('cdn.example.com');
  });
});
