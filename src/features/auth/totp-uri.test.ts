import { describe, expect, it } from 'vitest';
import { groupSecret, parseTotpUri } from './totp-uri';

describe('parseTotpUri', () => {
  it("reads better-auth's URI", () => {
    const uri =
      'otpauth://totp/RevivaTech:tech%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=RevivaTech&digits=6&period=30';
    expect(parseTotpUri(uri)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'RevivaTech',
      account: 'tech@example.com',
    });
  });

  it('reads an issuer with spaces and a lower-case, padded secret', () => {
    const uri = 'otpauth://totp/Fix%20It%20Shop:a%40b.c?secret=mzxw6ytb%3D%3D%3D&issuer=Fix+It+Shop';
    expect(parseTotpUri(uri)).toEqual({ secret: 'MZXW6YTB', issuer: 'Fix It Shop', account: 'a@b.c' });
  });

  it.each([
    ['not a uri'],
    ['https://example.com/?secret=ABC'],
    ['otpauth://totp/x?issuer=y'],
    ['otpauth://totp/x?secret=not-base32!'],
  ])('refuses %s', (uri) => {
    expect(parseTotpUri(uri)).toBeNull();
  });
});

describe('groupSecret', () => {
  it('groups by four, the last group shorter', () => {
    expect(groupSecret('ABCDEFGHIJ')).toEqual(['ABCD', 'EFGH', 'IJ']);
    expect(groupSecret('')).toEqual([]);
  });
});
