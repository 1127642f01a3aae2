import { fileURLToPath } from 'node:url';

/** The first admin, created at start from ADMIN_EMAIL / ADMIN_PASSWORD (playwright.config.ts). */
export const ADMIN_CREDENTIALS = { email: 'admin@e2e.test', password: 'e2e-admin-password' } as const;

/** The admin's authenticator secret, written by global-setup.ts (the output folder is emptied each run). */
export const ADMIN_TOTP_FILE = fileURLToPath(
  new URL('../../test-results/e2e-admin-totp.json', import.meta.url),
);
