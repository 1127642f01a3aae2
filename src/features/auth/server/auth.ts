/**
 * better-auth, on the app's own database (Drizzle adapter, tables in
 * src/server/db/schema/auth.ts), mounted on the Hono API at /api/auth/*. Created lazily and
 * kept on globalThis like the database (Next and the Node server are two module graphs).
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { env } from '@/env';
import { getDb, type Db } from '@/server/db/runtime';
import * as schema from '@/server/db/schema';
import { getSecrets } from '@/server/secrets';
import { logger } from '@/server/logger';
import { consumeRate } from '@/server/rate-limit';
import { authWebSecurity } from './web-security';
import { betterAuthLogger } from './auth-logger';
import { publicBaseUrl } from '@/server/http/base-url';
import { sendTemplate } from '@/features/email/server';
import { currentAuditRequest, recordAudit } from '@/features/audit/server';
import { shopSecurity } from '@/features/security/server';

export const VERIFICATION_TTL_SECONDS = 24 * 3600;
export const RESET_TTL_SECONDS = 3600;
export const TRUST_DEVICE_DAYS = 30;

/** Guest bookings made with this (now verified) address become the account's. */
export async function claimGuestBookings(db: Db, userId: string, email: string): Promise<number> {
  const rows = await db
    .update(schema.bookings)
    .set({ userId })
    .where(
      and(isNull(schema.bookings.userId), sql`lower(${schema.bookings.customerEmail}) = lower(${email})`),
    )
    .returning({ id: schema.bookings.id });
  return rows.length;
}

function createAuth(db: Db) {
  const webSecurity = authWebSecurity(env.APP_URL);
  return betterAuth({
    appName: env.SHOP_NAME,
    baseURL: publicBaseUrl(),
    basePath: '/api/auth',
    secret: getSecrets().authSecret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        twoFactor: schema.twoFactor,
      },
    }),
    // same-origin requests are trusted wherever the app is served (plus APP_URL)
    trustedOrigins: webSecurity.trustedOrigins,
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'customer', input: false },
        shopSlug: { type: 'string', required: false, input: false },
        disabledAt: { type: 'date', required: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      requireEmailVerification: false,
      // Sign-up answers the same for a new and a registered address (200, no session, the same
      // password-hash work; better-auth's generic duplicate response): the caller signs in next
      // (the sign-up form does). The owner of a registered address gets an e-mail instead.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user }) => {
        await sendTemplate(db, {
          to: user.email,
          template: 'sign-up-attempt',
          data: {
            name: user.name,
            signInUrl: `${publicBaseUrl()}/sign-in`,
            resetUrl: `${publicBaseUrl()}/forgot-password`,
          },
        });
      },
      resetPasswordTokenExpiresIn: RESET_TTL_SECONDS,
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({ user }) => {
        await recordAudit(db, {
          type: 'password_reset',
          actor: { id: user.id, email: user.email },
          target: { type: 'user', id: user.id },
          request: currentAuditRequest(),
        });
      },
      sendResetPassword: async ({ user, token }) => {
        await sendTemplate(db, {
          to: user.email,
          template: 'password-reset',
          data: {
            name: user.name,
            url: `${publicBaseUrl()}/reset-password?token=${encodeURIComponent(token)}`,
          },
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // Opening the link only confirms the address. better-auth would otherwise create a session
      // for whoever holds the link, past the password and the second factor (verify-email in
      // node_modules/better-auth/dist/api/routes/email-verification.mjs).
      autoSignInAfterVerification: false,
      expiresIn: VERIFICATION_TTL_SECONDS,
      sendVerificationEmail: async ({ user, token }) => {
        await sendTemplate(db, {
          to: user.email,
          template: 'verification',
          data: {
            name: user.name,
            url: `${publicBaseUrl()}/verify-email?token=${encodeURIComponent(token)}`,
          },
        });
      },
      afterEmailVerification: async (user) => {
        const claimed = await claimGuestBookings(db, user.id, user.email);
        if (claimed) logger.info({ userId: user.id, claimed }, 'guest bookings joined the account');
      },
    },
    session: {
      expiresIn: 30 * 24 * 3600,
      updateAge: 24 * 3600,
      // no cookie cache: disabling an account or revoking a session takes effect at once
    },
    databaseHooks: {
      session: {
        create: {
          // a disabled account cannot sign in
          before: async (session) => {
            const [u] = await db
              .select({ disabledAt: schema.user.disabledAt })
              .from(schema.user)
              .where(eq(schema.user.id, session.userId));
            return u?.disabledAt ? false : undefined;
          },
        },
      },
    },
    plugins: [
      twoFactor({
        issuer: env.SHOP_NAME,
        // "trust this device": the challenge is skipped on this browser for 30 days
        trustDeviceMaxAge: TRUST_DEVICE_DAYS * 24 * 3600,
        backupCodeOptions: { amount: 10, length: 10 },
        // wrong codes count towards the app's own account lockout (features/security)
        accountLockout: { enabled: false },
      }),
      // after twoFactor: lockout, risk check, step-up, and the sign-in audit rows
      shopSecurity(db),
    ],
    // per-IP limits, counted by the app's own limiter (src/server/rate-limit.ts): in memory, or in
    // Redis with REDIS_URL so every instance spends one budget; the lockout (features/security)
    // guards each account
    rateLimit: {
      enabled: env.AUTH_RATE_LIMIT === 'on',
      window: 60,
      max: 100,
      customStorage: {
        consume: async (key, rule) => {
          const decision = await consumeRate('auth', { points: rule.max, seconds: rule.window }, key);
          return decision.allowed
            ? { allowed: true, retryAfter: null }
            : { allowed: false, retryAfter: decision.retryAfterSeconds };
        },
      },
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
        '/sign-up/email': { window: 60, max: 5 },
        '/request-password-reset': { window: 60, max: 5 },
      },
    },
    // Secure cookies over https; HttpOnly, SameSite=Lax always
    advanced: webSecurity.advanced,
    telemetry: { enabled: false },
    // JSON through pino like every other line, not better-auth's coloured console text
    logger: betterAuthLogger(logger),
  });
}

export type Auth = ReturnType<typeof createAuth>;

declare global {
  var __rtAuth: Promise<Auth> | undefined;
}

export function getAuth(): Promise<Auth> {
  return (globalThis.__rtAuth ??= getDb().then(createAuth));
}

/** For tests: forget the instance (the database changed). */
export function resetAuth(): void {
  globalThis.__rtAuth = undefined;
}
