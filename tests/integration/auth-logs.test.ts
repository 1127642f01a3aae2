/**
 * better-auth's own log lines go through the app's pino logger: one JSON object per line, like
 * every other log line, never better-auth's coloured text on the console.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// the app's logger writes here: set before any app module makes the real one (src/server/logger.ts)
const lines: string[] = [];
globalThis.__rtLogger = pino(
  { level: 'debug', base: { app: 'revivatech' } },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  }),
);

describe('better-auth logs through pino', () => {
  let harness: typeof import('./harness');
  let app: import('./harness').TestApp;
  beforeAll(async () => {
    harness = await import('./harness');
    app = await harness.startApp({ name: 'pglite' });
  }, 300_000);
  afterAll(() => app.close());

  it('writes a better-auth message as a JSON line', async () => {
    await harness.signUp(app, 'logged.twice@example.com');
    // a second sign-up with the same address: better-auth logs it
    const res = await app.request('/api/auth/sign-up/email', {
      method: 'POST',
      json: { email: 'logged.twice@example.com', password: 'correct-horse-battery', name: 'Again' },
    });
    expect(res.status).toBeLessThan(500);
    const fromAuth = lines.filter((l) => l.includes('Sign-up attempt for existing email'));
    expect(fromAuth).toHaveLength(1);
    const entry = JSON.parse(fromAuth[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ app: 'revivatech', component: 'better-auth', level: 30 });
    expect(String(entry.msg)).toContain('Sign-up attempt for existing email');
    expect(fromAuth[0]).not.toContain('\u001b[');
  });
});
