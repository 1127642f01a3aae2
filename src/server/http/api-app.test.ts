/**
 * The API frame's request ids and error handling, on a small app made with the same
 * createApiApp/finishApiApp as the real one: the id from the proxy or a new one, on the response
 * and on every log line; a thrown error is a 500 without internals whose stack is in the log;
 * an unreachable database is a 503 with Retry-After.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logger } from '@/server/logger';
import { createApiApp, finishApiApp } from './api-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function testApi() {
  const app = createApiApp({ resolveUser: () => null });
  app.get('/hello', (c) => {
    logger.info({ greeting: 'hello' }, 'inside the handler');
    return c.json({ ok: true });
  });
  app.get('/boom', () => {
    throw new Error('kaboom: the secret internals');
  });
  app.get('/db-down', () => {
    const driver = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    throw new Error('Failed query: select * from orders where email = $1\nparams: someone@example.com', {
      cause: driver,
    });
  });
  app.get('/db-timeout', () => {
    throw new Error('timeout exceeded when trying to connect');
  });
  finishApiApp(app);
  return app;
}

describe('API request ids, logs and errors', () => {
  const app = testApi();
  let lines: Array<Record<string, unknown>> = [];
  let restore: () => void = () => undefined;

  beforeEach(() => {
    // the app's own logger, its output caught at its stream
    const stream = (logger as unknown as Record<symbol, { write(s: string): boolean }>)[
      pino.symbols.streamSym
    ]!;
    const write = stream.write;
    const level = logger.level;
    logger.level = 'debug';
    lines = [];
    stream.write = (s: string) => {
      lines.push(JSON.parse(s) as Record<string, unknown>);
      return true;
    };
    restore = () => {
      stream.write = write;
      logger.level = level;
    };
  });
  afterEach(() => restore());

  it("keeps a safe id from the proxy, echoes it, and puts it on every line of the request's log", async () => {
    const res = await app.request('/api/hello', { headers: { 'x-request-id': 'nginx-1f2e3d.42:7' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('nginx-1f2e3d.42:7');
    const inside = lines.find((l) => l.msg === 'inside the handler');
    const request = lines.find((l) => l.msg === 'api request');
    expect(inside).toMatchObject({ reqId: 'nginx-1f2e3d.42:7', greeting: 'hello' });
    expect(request).toMatchObject({ reqId: 'nginx-1f2e3d.42:7', path: '/api/hello', status: 200 });
  });

  it('replaces a missing, long or unsafe id with a new UUID', async () => {
    for (const sent of [undefined, 'x'.repeat(65), 'has space', 'a"b', '<script>', 'é']) {
      const res = await app.request('/api/hello', {
        headers: sent === undefined ? {} : { 'x-request-id': sent },
      });
      const id = res.headers.get('x-request-id');
      expect(id, String(sent)).toMatch(UUID);
      expect(lines.filter((l) => l.msg === 'api request').at(-1)?.reqId).toBe(id);
    }
  });

  it('answers a thrown error with a 500 problem without internals, and logs its stack with the id', async () => {
    const res = await app.request('/api/boom', { headers: { 'x-request-id': 'boom-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('kaboom');
    expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|stack/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'INTERNAL', requestId: 'boom-1' });

    const logged = lines.find((l) => l.msg === 'unhandled API error') as
      { reqId: string; err: { message: string; stack: string } } | undefined;
    expect(logged?.reqId).toBe('boom-1');
    expect(logged?.err.message).toBe('kaboom: the secret internals');
    expect(logged?.err.stack).toMatch(/kaboom[\s\S]*\n {4}at .*api-app\.test\.ts/);
  });

  it('answers an unreachable database with 503 and Retry-After, never a 500 or its query', async () => {
    for (const path of ['/api/db-down', '/api/db-timeout']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after'), path).toBe('5');
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(text).not.toMatch(/ECONNREFUSED|someone@|select|timeout/);
    }
    const warned = lines.filter((l) => l.msg === 'database unavailable');
    expect(warned).toHaveLength(2);
    expect(JSON.stringify(warned)).not.toContain('someone@example.com');
    expect(lines.some((l) => l.msg === 'unhandled API error')).toBe(false);
  });
});
