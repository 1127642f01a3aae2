import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('VAPID keys (Web Push)', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-secrets-'));
    vi.stubEnv('DATA_DIR', dir);
    for (const name of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT', 'APP_URL']) {
      vi.stubEnv(name, undefined);
    }
    globalThis.__rtSecrets = undefined;
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    globalThis.__rtSecrets = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates a P-256 pair into DATA_DIR/secrets.json on first start and reuses it', async () => {
    const { getSecrets, vapidSubject } = await import('./secrets');
    const first = getSecrets().vapid;
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    const file = path.join(dir, 'secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    expect(stored).toMatchObject({ vapidPublicKey: first.publicKey, vapidPrivateKey: first.privateKey });
    // the next start reads the same pair
    globalThis.__rtSecrets = undefined;
    expect(getSecrets().vapid).toEqual(first);
    expect(vapidSubject()).toBe('mailto:admin@localhost');
  });

  it('takes the pair and subject from the environment, writing no VAPID key to the file', async () => {
    const webpush = (await import('web-push')).default;
    const pair = webpush.generateVAPIDKeys();
    vi.stubEnv('VAPID_PUBLIC_KEY', pair.publicKey);
    vi.stubEnv('VAPID_PRIVATE_KEY', pair.privateKey);
    vi.stubEnv('APP_URL', 'https://repairs.example.co.uk/');
    const { getSecrets, vapidSubject } = await import('./secrets');
    expect(getSecrets().vapid).toEqual(pair);
    expect(vapidSubject()).toBe('https://repairs.example.co.uk');
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(stored.vapidPublicKey).toBeUndefined();
  });

  it('refuses half a pair', async () => {
    vi.stubEnv('VAPID_PUBLIC_KEY', (await import('web-push')).default.generateVAPIDKeys().publicKey);
    const { getSecrets } = await import('./secrets');
    expect(() => getSecrets()).toThrow(/both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/);
  });
});
