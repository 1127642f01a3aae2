/**
 * Secrets the app needs but nobody should have to invent: taken from the environment when
 * given, otherwise generated once into DATA_DIR/secrets.json (mode 0600) and reused. Several
 * app instances must share them: set AUTH_SECRET, ENCRYPTION_KEY and the VAPID_* keys in their
 * environment.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import { env } from '@/env';

export interface VapidKeys {
  /** base64url, the 65-byte uncompressed P-256 point browsers take as applicationServerKey */
  publicKey: string;
  /** base64url, 32 bytes */
  privateKey: string;
}

export interface Secrets {
  authSecret: string;
  encryptionKey: Buffer;
  vapid: VapidKeys;
}

declare global {
  var __rtSecrets: Secrets | undefined;
}

interface Stored {
  authSecret?: string;
  encryptionKey?: string;
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
}

function loadOrCreate(): Secrets {
  let stored: Stored = {};
  const file = path.join(env.DATA_DIR, 'secrets.json');
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    throw new Error(
      'Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (then a pair is generated).',
    );
  }
  const vapidFromEnv = Boolean(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY);
  if (!env.AUTH_SECRET || !env.ENCRYPTION_KEY || !vapidFromEnv) {
    if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
    let changed = false;
    if (!env.AUTH_SECRET && !stored.authSecret) {
      stored.authSecret = crypto.randomBytes(32).toString('base64url');
      changed = true;
    }
    if (!env.ENCRYPTION_KEY && !stored.encryptionKey) {
      stored.encryptionKey = crypto.randomBytes(32).toString('hex');
      changed = true;
    }
    if (!vapidFromEnv && (!stored.vapidPublicKey || !stored.vapidPrivateKey)) {
      const pair = webpush.generateVAPIDKeys();
      stored.vapidPublicKey = pair.publicKey;
      stored.vapidPrivateKey = pair.privateKey;
      changed = true;
    }
    if (changed) {
      fs.mkdirSync(env.DATA_DIR, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
  }
  return {
    authSecret: env.AUTH_SECRET ?? stored.authSecret!,
    encryptionKey: Buffer.from(env.ENCRYPTION_KEY ?? stored.encryptionKey!, 'hex'),
    vapid: vapidFromEnv
      ? { publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY! }
      : { publicKey: stored.vapidPublicKey!, privateKey: stored.vapidPrivateKey! },
  };
}

export function getSecrets(): Secrets {
  return (globalThis.__rtSecrets ??= loadOrCreate());
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. For secrets that must be used again. */
export function encryptSecret(plain: string, key = getSecrets().encryptionKey): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptSecret(sealed: string, key = getSecrets().encryptionKey): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not an encrypted secret');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** HMAC-SHA256 signature (base64url) for signed links. */
export function sign(value: string, purpose: string): string {
  return crypto
    .createHmac('sha256', getSecrets().authSecret)
    .update(`${purpose}:${value}`)
    .digest('base64url');
}

export function verifySignature(value: string, purpose: string, signature: string): boolean {
  const expected = Buffer.from(sign(value, purpose));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** The sender identity push services see in the VAPID JWT (`sub`): mailto: or an https: URL. */
export function vapidSubject(): string {
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  if (env.APP_URL?.startsWith('https://')) return new URL(env.APP_URL).origin;
  return 'mailto:admin@localhost';
}
