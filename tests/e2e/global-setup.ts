/**
 * Once per run, after the server is up on its fresh database (scripts/e2e-server.mjs): the
 * admin sets up two-factor through the API, as staff must (STAFF_TWO_FACTOR=required), and
 * the secret goes to a file in the test output folder for the workers (tests/e2e/helpers.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request, type FullConfig } from '@playwright/test';
import { ADMIN_CREDENTIALS, ADMIN_TOTP_FILE } from './admin-credentials';
import { totp } from '../totp';

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('no baseURL in playwright.config.ts');
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  try {
    const signIn = await api.post('/api/auth/sign-in/email', { data: ADMIN_CREDENTIALS });
    if (!signIn.ok()) throw new Error(`admin sign-in: ${signIn.status()} ${await signIn.text()}`);
    const answer = (await signIn.json()) as { twoFactorRedirect?: boolean };
    if (answer.twoFactorRedirect) {
      throw new Error(
        'the admin already has two-factor on this database: the e2e server must start on an empty data folder',
      );
    }
    const enable = await api.post('/api/auth/two-factor/enable', {
      data: { password: ADMIN_CREDENTIALS.password },
    });
    if (!enable.ok()) throw new Error(`two-factor enable: ${enable.status()} ${await enable.text()}`);
    const { totpURI } = (await enable.json()) as { totpURI: string };
    const secret = new URL(totpURI).searchParams.get('secret');
    if (!secret) throw new Error(`no secret in ${totpURI}`);
    const verify = await api.post('/api/auth/two-factor/verify-totp', { data: { code: totp(secret) } });
    if (!verify.ok()) throw new Error(`two-factor verify: ${verify.status()} ${await verify.text()}`);
    mkdirSync(path.dirname(ADMIN_TOTP_FILE), { recursive: true });
    writeFileSync(ADMIN_TOTP_FILE, JSON.stringify({ email: ADMIN_CREDENTIALS.email, secret }), {
      mode: 0o600,
    });
  } finally {
    await api.dispose();
  }
}
