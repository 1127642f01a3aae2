/**
 * PayPal webhook signatures, verified here rather than by a call to PayPal's
 * verify-webhook-signature API (PayPal documents both). PayPal signs
 *
 *   `${paypal-transmission-id}|${paypal-transmission-time}|${webhook id}|${CRC32 of the raw body}`
 *
 * (the CRC as an unsigned decimal) with SHA256withRSA; the public key is in the X.509
 * certificate at `paypal-cert-url`. That URL arrives in the request, so it is trusted only on
 * PayPal's own API host over https (or the configured API base, for a test peer): anyone could
 * otherwise sign with a certificate of their own and point us at it. Certificates are cached by
 * URL for the life of the process.
 */
import { X509Certificate, verify } from 'node:crypto';
import type { PayPalConfig } from '../config';

export class PayPalSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayPalSignatureError';
  }
}

export interface PayPalTransmission {
  transmissionId: string;
  transmissionTime: string;
  transmissionSig: string;
  certUrl: string;
  authAlgo: string;
}

/** The signature headers of a webhook delivery, or null when one is missing. */
export function transmissionFrom(header: (name: string) => string | undefined): PayPalTransmission | null {
  const transmissionId = header('paypal-transmission-id');
  const transmissionTime = header('paypal-transmission-time');
  const transmissionSig = header('paypal-transmission-sig');
  const certUrl = header('paypal-cert-url');
  const authAlgo = header('paypal-auth-algo');
  if (!transmissionId || !transmissionTime || !transmissionSig || !certUrl || !authAlgo) return null;
  return { transmissionId, transmissionTime, transmissionSig, certUrl, authAlgo };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE 802.3, as zlib computes it) as an unsigned integer. Written out because
 * `zlib.crc32` only exists from Node 20.15 and we support 20.9.
 */
export function crc32(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The text PayPal signs for one delivery. */
export function signedMessage(t: PayPalTransmission, webhookId: string, rawBody: string): string {
  return `${t.transmissionId}|${t.transmissionTime}|${webhookId}|${crc32(rawBody)}`;
}

/** Where certificates may be fetched from: PayPal's API hosts, or the configured API base. */
export function certOrigins(config: Pick<PayPalConfig, 'environment' | 'apiBase'>): string[] {
  if (config.apiBase) return [new URL(config.apiBase).origin];
  return config.environment === 'live'
    ? ['https://api.paypal.com', 'https://api-m.paypal.com']
    : ['https://api.sandbox.paypal.com', 'https://api-m.sandbox.paypal.com'];
}

/** The certificate URL, if it is one we may fetch; otherwise null. */
export function trustedCertUrl(
  certUrl: string,
  config: Pick<PayPalConfig, 'environment' | 'apiBase'>,
): URL | null {
  let url: URL;
  try {
    url = new URL(certUrl);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (!certOrigins(config).includes(url.origin)) return null;
  const prefix = config.apiBase ? new URL(config.apiBase).pathname.replace(/\/+$/, '') : '';
  if (!url.pathname.startsWith(`${prefix}/v1/notifications/certs/`)) return null;
  return url;
}

const MAX_CERT_BYTES = 32 * 1024;
const MAX_CACHED = 32;

declare global {
  var __rtPayPalCerts: Map<string, X509Certificate> | undefined;
}

async function certificate(url: URL): Promise<X509Certificate> {
  const cache = (globalThis.__rtPayPalCerts ??= new Map());
  const cached = cache.get(url.href);
  if (cached) return cached;
  let pem: string;
  try {
    // no redirects: a redirect could lead off the trusted host
    const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    pem = await res.text();
  } catch (err) {
    throw new PayPalSignatureError(
      `The signing certificate could not be fetched (${err instanceof Error ? err.message : 'error'}).`,
    );
  }
  if (pem.length > MAX_CERT_BYTES) throw new PayPalSignatureError('The signing certificate is too large.');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new PayPalSignatureError('The signing certificate could not be read.');
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(url.href, cert);
  return cert;
}

/**
 * Verifies one delivery; throws PayPalSignatureError when it is not PayPal's (or not for our
 * webhook id). `now` is for tests of the certificate's validity period.
 */
export async function verifyPayPalSignature(
  rawBody: string,
  transmission: PayPalTransmission | null,
  config: Pick<PayPalConfig, 'environment' | 'apiBase' | 'webhookId'>,
  now = new Date(),
): Promise<void> {
  if (!config.webhookId) throw new PayPalSignatureError('No PayPal webhook id is configured.');
  if (!transmission) throw new PayPalSignatureError('The PayPal signature headers are missing.');
  if (transmission.authAlgo.toUpperCase() !== 'SHA256WITHRSA') {
    throw new PayPalSignatureError('Unsupported signature algorithm.');
  }
  const url = trustedCertUrl(transmission.certUrl, config);
  if (!url) throw new PayPalSignatureError('The signing certificate is not on a PayPal host.');
  const cert = await certificate(url);
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
    throw new PayPalSignatureError('The signing certificate is not valid now.');
  }
  const signature = Buffer.from(transmission.transmissionSig, 'base64');
  const message = Buffer.from(signedMessage(transmission, config.webhookId, rawBody), 'utf8');
  let ok = false;
  try {
    ok = verify('sha256', message, cert.publicKey, signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new PayPalSignatureError('The PayPal signature does not match.');
}
