import { sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crc32,
  PayPalSignatureError,
  signedMessage,
  transmissionFrom,
  trustedCertUrl,
  verifyPayPalSignature,
  type PayPalTransmission,
} from './paypal-signature';

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    const body = JSON.stringify({ id: 'WH-1', event_type: 'PAYMENT.CAPTURE.COMPLETED', note: 'café ✓' });
    const zlibCrc = (zlib as { crc32?: (d: string | Uint8Array) => number }).crc32;
    if (zlibCrc) expect(crc32(body)).toBe(zlibCrc(body));
    // unsigned: a CRC with the top bit set stays positive
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
    expect(crc32(Buffer.from('hello'))).toBe(crc32('hello'));
  });
});

describe('the signed message and trusted certificate hosts', () => {
  const t: PayPalTransmission = {
    transmissionId: 'b2384410-f8d2-11ef-a0d5-7d2ffa3eef82',
    transmissionTime: '2025-03-04T10:00:00Z',
    transmissionSig: 'x',
    certUrl: 'https://api.paypal.com/v1/notifications/certs/CERT-1',
    authAlgo: 'SHA256withRSA',
  };

  it('joins transmission id, time, webhook id and the body CRC with pipes', () => {
    expect(signedMessage(t, 'WH-9', '123456789')).toBe(
      `b2384410-f8d2-11ef-a0d5-7d2ffa3eef82|2025-03-04T10:00:00Z|WH-9|${0xcbf43926}`,
    );
  });

  it('reads the five headers, or null when one is missing', () => {
    const headers: Record<string, string> = {
      'paypal-transmission-id': 'a',
      'paypal-transmission-time': 'b',
      'paypal-transmission-sig': 'c',
      'paypal-cert-url': 'd',
      'paypal-auth-algo': 'e',
    };
    expect(transmissionFrom((n) => headers[n])).toEqual({
      transmissionId: 'a',
      transmissionTime: 'b',
      transmissionSig: 'c',
      certUrl: 'd',
      authAlgo: 'e',
    });
    delete headers['paypal-cert-url'];
    expect(transmissionFrom((n) => headers[n])).toBeNull();
  });

  it('fetches certificates from PayPal API hosts over https only', () => {
    const live = { environment: 'live' as const, apiBase: null };
    const sandbox = { environment: 'sandbox' as const, apiBase: null };
    expect(trustedCertUrl('https://api.paypal.com/v1/notifications/certs/CERT-1', live)?.host).toBe(
      'api.paypal.com',
    );
    expect(trustedCertUrl('https://api-m.paypal.com/v1/notifications/certs/CERT-1', live)).not.toBeNull();
    expect(
      trustedCertUrl('https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1', sandbox),
    ).not.toBeNull();
    for (const url of [
      'http://api.paypal.com/v1/notifications/certs/CERT-1',
      'https://api.paypal.com.evil.example/v1/notifications/certs/CERT-1',
      'https://evil.example/v1/notifications/certs/CERT-1',
      'https://api.paypal.com:8443/v1/notifications/certs/CERT-1',
      'https://user:pw@api.paypal.com/v1/notifications/certs/CERT-1',
      'https://api.paypal.com/v1/oauth2/token',
      'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1',
      'not a url',
    ]) {
      expect(trustedCertUrl(url, live), url).toBeNull();
    }
    const peer = { environment: 'sandbox' as const, apiBase: 'http://127.0.0.1:4010' };
    expect(trustedCertUrl('http://127.0.0.1:4010/v1/notifications/certs/CERT-1', peer)).not.toBeNull();
    expect(trustedCertUrl('http://127.0.0.1:4011/v1/notifications/certs/CERT-1', peer)).toBeNull();
    expect(trustedCertUrl('https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1', peer)).toBeNull();
  });
});

describe('verifyPayPalSignature against a certificate served over HTTP', () => {
  let server: http.Server;
  let base: string;
  let privateKey: string;
  let otherKey: string;
  let fetches = 0;
  const webhookId = 'WH-8PT597110X687430LKGECATA';
  const body = JSON.stringify({ id: 'WH-EVT-1', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: {} });

  beforeAll(async () => {
    const mine = await generate([{ name: 'commonName', value: 'messageverificationcerts.paypal.com' }], {
      keySize: 2048,
      algorithm: 'sha256',
    });
    const other = await generate([{ name: 'commonName', value: 'someone-else.example' }], {
      keySize: 2048,
      algorithm: 'sha256',
    });
    privateKey = mine.private;
    otherKey = other.private;
    server = http.createServer((req, res) => {
      fetches += 1;
      if (req.url === '/v1/notifications/certs/CERT-test') {
        res.writeHead(200, { 'content-type': 'application/x-pem-file' });
        res.end(mine.cert);
      } else if (req.url === '/v1/notifications/certs/CERT-garbage') {
        res.end('not a certificate');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function transmission(
    raw: string,
    opts: { key?: string; cert?: string; id?: string } = {},
  ): PayPalTransmission {
    const t: PayPalTransmission = {
      transmissionId: opts.id ?? 'b2384410-f8d2-11ef-a0d5-7d2ffa3eef82',
      transmissionTime: new Date().toISOString(),
      transmissionSig: '',
      certUrl: `${base}/v1/notifications/certs/${opts.cert ?? 'CERT-test'}`,
      authAlgo: 'SHA256withRSA',
    };
    t.transmissionSig = sign(
      'sha256',
      Buffer.from(signedMessage(t, webhookId, raw)),
      opts.key ?? privateKey,
    ).toString('base64');
    return t;
  }
  const config = () => ({ environment: 'sandbox' as const, apiBase: base, webhookId });

  it('accepts a delivery signed with the certificate’s key, fetching the certificate once', async () => {
    const before = fetches;
    await expect(verifyPayPalSignature(body, transmission(body), config())).resolves.toBeUndefined();
    await expect(
      verifyPayPalSignature(body, transmission(body, { id: 'second' }), config()),
    ).resolves.toBeUndefined();
    expect(fetches - before).toBeLessThanOrEqual(1);
  });

  it('refuses a changed body, another webhook id, another key, a changed header', async () => {
    const t = transmission(body);
    await expect(verifyPayPalSignature(body.replace('WH-EVT-1', 'WH-EVT-2'), t, config())).rejects.toThrow(
      /does not match/,
    );
    await expect(verifyPayPalSignature(body, t, { ...config(), webhookId: 'WH-OTHER' })).rejects.toThrow(
      PayPalSignatureError,
    );
    await expect(
      verifyPayPalSignature(body, transmission(body, { key: otherKey }), config()),
    ).rejects.toThrow(/does not match/);
    await expect(
      verifyPayPalSignature(body, { ...t, transmissionTime: '2020-01-01T00:00:00Z' }, config()),
    ).rejects.toThrow(/does not match/);
    await expect(
      verifyPayPalSignature(body, { ...t, transmissionSig: 'bm90IGEgc2ln' }, config()),
    ).rejects.toThrow(/does not match/);
  });

  it('refuses missing headers, other algorithms, untrusted and unreadable certificates', async () => {
    const t = transmission(body);
    await expect(verifyPayPalSignature(body, null, config())).rejects.toThrow(/missing/);
    await expect(verifyPayPalSignature(body, { ...t, authAlgo: 'SHA1withRSA' }, config())).rejects.toThrow(
      /algorithm/,
    );
    const before = fetches;
    await expect(
      verifyPayPalSignature(
        body,
        { ...t, certUrl: 'https://evil.example/v1/notifications/certs/CERT-test' },
        config(),
      ),
    ).rejects.toThrow(/not on a PayPal host/);
    expect(fetches).toBe(before);
    await expect(
      verifyPayPalSignature(body, transmission(body, { cert: 'CERT-garbage' }), config()),
    ).rejects.toThrow(/could not be read/);
    await expect(
      verifyPayPalSignature(body, transmission(body, { cert: 'CERT-missing' }), config()),
    ).rejects.toThrow(/could not be fetched/);
    await expect(verifyPayPalSignature(body, t, { ...config(), webhookId: null })).rejects.toThrow(
      /webhook id/,
    );
  });

  it('refuses a certificate outside its validity period', async () => {
    const inTwoYears = new Date(Date.now() + 2 * 365 * 24 * 3600_000);
    await expect(verifyPayPalSignature(body, transmission(body), config(), inTwoYears)).rejects.toThrow(
      /not valid now/,
    );
  });
});
