import { describe, expect, it } from 'vitest';
import { deviceFingerprint, ipPrefix } from './network';

describe('ipPrefix', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.4', '198.51.100.0/24'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::/48'],
    ['2001:0db8:0000::1', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['not an address', null],
    ['', null],
    [null, null],
  ])('%s → %s', (ip, prefix) => {
    expect(ipPrefix(ip)).toBe(prefix);
  });
});

describe('deviceFingerprint', () => {
  const chrome = (v: string) =>
    `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/${v} Safari/537.36`;
  it('survives a browser update', () => {
    expect(deviceFingerprint('dev-1234567890abcdef', chrome('120.0.1'))).toBe(
      deviceFingerprint('dev-1234567890abcdef', chrome('121.0.7')),
    );
  });
  it('differs for another cookie or another browser', () => {
    const a = deviceFingerprint('dev-1234567890abcdef', chrome('120'));
    expect(deviceFingerprint('dev-other000000000000', chrome('120'))).not.toBe(a);
    expect(deviceFingerprint('dev-1234567890abcdef', 'Mozilla/5.0 Firefox/120.0')).not.toBe(a);
  });
});
