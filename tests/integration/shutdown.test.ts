/**
 * Graceful shutdown of a real app process (the API-only entry, src/server/api-server.ts, on its
 * own PGlite folder): after SIGTERM the port refuses new connections, a request already in
 * flight (its body still arriving) is answered, and the process exits 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startInstance, stopInstance, type Instance } from './instances';

describe('graceful shutdown', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-shutdown-'));
  let app: Instance | undefined;
  afterAll(async () => {
    await stopInstance(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the request in flight, refuses new connections, then exits 0', async () => {
    app = await startInstance('shutdown', { DATA_DIR: dataDir, SEED_ON_START: 'false', LOG_LEVEL: 'info' });
    const port = Number(new URL((await app.request('/api/health')).url).port);
    const exited = new Promise<number | null>((resolve) => app!.child.once('exit', resolve));

    let inFlight: http.ClientRequest | undefined;
    // a request in flight: headers and half its body sent, the rest still to come
    const body = JSON.stringify({
      modelSlug: 'no-such-model',
      repairSlugs: ['screen-crack'],
      urgency: 'standard',
    });
    const answer = new Promise<{ status: number; connection: string | undefined; text: string }>(
      (resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/pricing/quote',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }),
            );
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 20));
        inFlight = req;
      },
    );
    await new Promise((r) => setTimeout(r, 300));

    app.child.kill('SIGTERM');
    // the process says it is shutting down, with one request in flight
    for (let i = 0; i < 100 && !app.output.join('').includes('"shutting down"'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(app.output.join('')).toMatch(/"inFlight":1,.*"msg":"shutting down"/);

    // new connections are refused
    const refused = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => `answered ${r.status}`,
      (err: { cause?: { code?: string } }) => err.cause?.code ?? 'failed',
    );
    expect(refused).toBe('ECONNREFUSED');
    expect(app.child.exitCode).toBeNull();

    // the request in flight completes and is answered in full, its connection closed after it
    inFlight!.end(body.slice(20));
    const res = await answer;
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text)).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(res.connection).toBe('close');

    expect(await exited).toBe(0);
    expect(app.output.join('')).toContain('"msg":"stopped"');
  });
});
