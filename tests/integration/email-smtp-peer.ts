/**
 * A real SMTP server for the e-mail tests: STARTTLS with a certificate made at test time (a CA
 * the app trusts through SMTP_CA_FILE, and a server certificate for 127.0.0.1), AUTH required,
 * every accepted message parsed with mailparser.
 */
import fs from 'node:fs';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';

export interface SmtpPeer {
  port: number;
  messages: ParsedMail[];
  /** resolves with the first received message matching `match` */
  waitFor(match: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
  /** listens again on the same port */
  start(): Promise<void>;
  /** the most messages ever being received at once (in the DATA phase together) */
  maxInFlight: number;
  /** keeps each message in the DATA phase this long before accepting it (0: none) */
  holdMs: number;
  /** while set, each message stays in the DATA phase until this settles (a slow server) */
  gate: Promise<void> | null;
}

export async function writeTestCertificates(caFile: string) {
  const ca = await generate([{ name: 'commonName', value: 'RevivaTech test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  fs.writeFileSync(caFile, ca.cert);
  return { key: server.private, cert: server.cert };
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export async function startSmtpPeer(opts: {
  user: string;
  pass: string;
  tls: { key: string; cert: string };
}): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const port = await freePort();
  let server: SMTPServer | null = null;
  let inFlight = 0;

  const make = () =>
    new SMTPServer({
      secure: false,
      key: opts.tls.key,
      cert: opts.tls.cert,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      closeTimeout: 1000,
      onAuth(auth, _session, callback) {
        if (auth.username === opts.user && auth.password === opts.pass)
          return callback(null, { user: auth.username });
        const err = Object.assign(new Error('Authentication failed'), { responseCode: 535 });
        return callback(err);
      },
      onData(stream, _session, callback) {
        inFlight += 1;
        peer.maxInFlight = Math.max(peer.maxInFlight, inFlight);
        simpleParser(stream)
          .then(async (mail) => {
            if (peer.holdMs > 0) await new Promise((r) => setTimeout(r, peer.holdMs));
            if (peer.gate) await peer.gate;
            inFlight -= 1;
            messages.push(mail);
            for (const w of waiters) w();
            callback();
          })
          .catch((err: Error) => {
            inFlight -= 1;
            callback(err);
          });
      },
    });

  const peer: SmtpPeer = {
    port,
    messages,
    maxInFlight: 0,
    holdMs: 0,
    gate: null,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching e-mail arrived in time'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async start() {
      server = make();
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await peer.start();
  return peer;
}
