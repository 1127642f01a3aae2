/**
 * A push service for the Web Push tests, speaking the protocol the real `web-push` library
 * speaks (RFC 8030 over HTTPS with a certificate made at test time, VAPID per RFC 8292), and
 * the browser's side of the encryption: a subscription's P-256 key pair and auth secret, and
 * the decryption of an aes128gcm message (RFC 8188 + RFC 8291), written here with node:crypto.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { writeTestCertificates } from './email-smtp-peer';

export interface PushRequest {
  /** the endpoint's path, e.g. /push/ab12 */
  path: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** the status the peer answered */
  answered: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

/** A browser's side of a subscription: its key pair and auth secret. */
export interface TestBrowser {
  endpoint: string;
  ecdh: crypto.ECDH;
  auth: Buffer;
  /** the body for POST /api/notifications/push/subscribe */
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export interface PushPeer {
  origin: string;
  requests: PushRequest[];
  /** a new endpoint on this peer with its browser keys; `answers` are used in turn (then 201) */
  browser(answers?: Answer[]): TestBrowser;
  /** the requests to this browser's endpoint */
  requestsFor(b: TestBrowser): PushRequest[];
  waitFor(b: TestBrowser, count?: number, timeoutMs?: number): Promise<PushRequest[]>;
  stop(): Promise<void>;
}

export async function startPushPeer(): Promise<PushPeer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-push-peer-'));
  const caFile = path.join(dir, 'ca.pem');
  const tls = await writeTestCertificates(caFile);
  const ca = fs.readFileSync(caFile, 'utf8');
  // web-push sends with Node's global HTTPS agent: it trusts this test CA as well (in this
  // process only; nothing in the app changes)
  const agentOptions = https.globalAgent.options as { ca?: string | string[] };
  const previousCa = agentOptions.ca;
  agentOptions.ca = [...(previousCa ? [previousCa].flat() : []), ca];

  const requests: PushRequest[] = [];
  const scripts = new Map<string, Answer[]>();
  const waiters = new Set<() => void>();

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const p = (req.url ?? '/').split('?')[0]!;
      const answer =
        req.method === 'POST' && scripts.has(p)
          ? (scripts.get(p)!.shift() ?? { status: 201 })
          : { status: 404 };
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      requests.push({ path: p, headers, body: Buffer.concat(chunks), answered: answer.status });
      res.writeHead(answer.status, {
        ...(answer.status === 201 ? { location: `${p}/messages/${crypto.randomUUID()}` } : {}),
        ...answer.headers,
      });
      res.end();
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `https://127.0.0.1:${port}`;

  const requestsFor = (b: TestBrowser) => requests.filter((r) => r.path === new URL(b.endpoint).pathname);

  return {
    origin,
    requests,
    browser(answers = []) {
      const p = `/push/${crypto.randomBytes(12).toString('base64url')}`;
      scripts.set(p, [...answers]);
      const ecdh = crypto.createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = crypto.randomBytes(16);
      const endpoint = `${origin}${p}`;
      return {
        endpoint,
        ecdh,
        auth,
        subscription: {
          endpoint,
          expirationTime: null,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      };
    },
    requestsFor,
    waitFor(b, count = 1, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const got = requestsFor(b);
          if (got.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(got);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`push peer: ${requestsFor(b).length} of ${count} requests to ${b.endpoint}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agentOptions.ca = previousCa;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const hmac = (key: Buffer, data: Buffer) => crypto.createHmac('sha256', key).update(data).digest();

/**
 * Decrypts an aes128gcm Web Push message (RFC 8291 section 3.4 + RFC 8188) as the browser
 * does: the header carries the salt, record size and the sender's ephemeral public key; ECDH
 * with the subscription's private key and the auth secret give the content key and nonce.
 */
export function decryptPush(body: Buffer, browser: Pick<TestBrowser, 'ecdh' | 'auth'>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not a P-256 point`);
  if (record.length > recordSize) throw new Error('more than one record');

  const uaPublic = browser.ecdh.getPublicKey();
  const ecdhSecret = browser.ecdh.computeSecret(asPublic);
  // RFC 8291: IKM = HMAC(HMAC(auth, ecdh), "WebPush: info" 0x00 ua_public as_public 0x01)
  const prkKey = hmac(browser.auth, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  // RFC 8188: PRK = HMAC(salt, IKM); CEK and NONCE from it
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);

  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // the last record ends with the delimiter 0x02, then zero padding
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/**
 * Checks a VAPID `Authorization: vapid t=<JWT>, k=<public key>` header (RFC 8292): the ES256
 * signature with `k`, the audience (the push service's origin), an expiry within 24 h and a
 * subject. Returns the key and the claims.
 */
export function verifyVapid(
  authorization: string | undefined,
  audience: string,
  now = Date.now(),
): { publicKey: string; claims: { aud: string; exp: number; sub: string } } {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!m) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, jwt, k] = m as unknown as [string, string, string];
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string };
  if (header.alg !== 'ES256') throw new Error(`alg ${header.alg}`);
  const point = Buffer.from(k, 'base64url');
  const key = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = crypto.verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('the VAPID signature does not verify');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    aud: string;
    exp: number;
    sub: string;
  };
  if (claims.aud !== audience) throw new Error(`aud ${claims.aud}, expected ${audience}`);
  if (claims.exp * 1000 <= now || claims.exp * 1000 > now + 24 * 3600_000)
    throw new Error('exp out of range');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return { publicKey: k, claims };
}
