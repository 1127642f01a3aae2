/** The first admin, created at start from ADMIN_EMAIL / ADMIN_PASSWORD (playwright.config.ts). */
export const ADMIN_CREDENTIALS = { email: 'admin@e2e.test', password: 'e2e-admin-password' } as const;
