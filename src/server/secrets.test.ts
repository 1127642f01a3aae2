import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './secrets';

describe('encryptSecret / decryptSecret (AES-256-GCM)', () => {
  const key = crypto.randomBytes(32);

  it('round-trips and never stores the plain text', () => {
    const sealed = encryptSecret('smtp-p@ssw0rd', key);
    expect(sealed).not.toContain('smtp-p@ssw0rd');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(decryptSecret(sealed, key)).toBe('smtp-p@ssw0rd');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('rejects a tampered value or the wrong key', () => {
    const sealed = encryptSecret('secret', key);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
    expect(() => decryptSecret(sealed, crypto.randomBytes(32))).toThrow();
    expect(() => decryptSecret('garbage', key)).toThrow();
  });
});
