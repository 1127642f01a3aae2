/**
 * The shop's sign-in security as a better-auth plugin: account lockout, the security monitor's
 * risk check with its step-up and block, and the audit rows of sign-ins and second factors.
 * It is listed after `twoFactor` in src/features/auth/server/auth.ts, so its after-hooks see
 * the sign-in as twoFactor left it (a session, or a pending second-factor challenge).
 */
import type { BetterAuthPlugin } from 'better-auth';
import type { GenericEndpointContext, HookEndpointContext } from '@better-auth/core';
import {
  APIError,
  createAuthEndpoint,
  createAuthMiddleware,
  getSessionFromCtx,
  isAPIError,
} from 'better-auth/api';
import { deleteSessionCookie, expireCookie } from 'better-auth/cookies';
import { and, eq, like, sql } from 'drizzle-orm';
import * as z from 'zod';
import { env } from '@/env';
import type { Db } from '@/server/db/runtime';
import { user as userTable, verification, type Role } from '@/server/db/schema';
import { twoFactorRequiredFor } from '@/features/access';
import { currentAuditRequest, recordAudit } from '@/features/audit/server';
import { claimAttempt, lockSubject, recentFailures, releaseAttempt } from './lockout';
import { assessSignIn, completePendingEvent, recordSecurityEvent } from './monitor';
import { sendBlockedAlerts } from './notify';
import { countFailure, lockedError, signInCompleted } from './sign-in-events';
import { ensureDeviceId, readDeviceId } from './device-cookie';
import { startStepUp, verifyStepUp } from './step-up';

const SECOND_FACTOR_PATHS = new Set(['/two-factor/verify-totp', '/two-factor/verify-backup-code']);
const WRONG_CODE = new Set(['INVALID_CODE', 'INVALID_BACKUP_CODE']);

type Ctx = HookEndpointContext & GenericEndpointContext;
type AccountRow = { id: string; email: string; name: string; role?: string | null };

function errorCode(returned: unknown): string | null {
  if (!isAPIError(returned)) return null;
  const code = (returned.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : String(returned.status);
}

function bodyEmail(ctx: Ctx): string | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().slice(0, 320) : null;
}

/** A second-factor check that completes a sign-in (not one made while signed in, at set-up). */
function isSignInChallenge(ctx: Ctx): boolean {
  const twoFactor = ctx.context.createAuthCookie('two_factor');
  return !!ctx.getCookie(twoFactor.name) && !ctx.getCookie(ctx.context.authCookies.sessionToken.name);
}

/** The user a pending second-factor challenge belongs to (from twoFactor's signed cookie). */
async function challengedUser(ctx: Ctx): Promise<AccountRow | null> {
  const cookie = ctx.context.createAuthCookie('two_factor');
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const record = await ctx.context.internalAdapter.findVerificationValue(identifier);
  if (!record) return null;
  return (await ctx.context.internalAdapter.findUserById(record.value)) as AccountRow | null;
}

async function findAccount(db: Db, email: string): Promise<AccountRow | null> {
  const [row] = await db
    .select({ id: userTable.id, email: userTable.email, name: userTable.name, role: userTable.role })
    .from(userTable)
    .where(sql`lower(${userTable.email}) = ${lockSubject(email)}`);
  return row ?? null;
}

async function beforeSignIn(db: Db, ctx: Ctx) {
  const email = bodyEmail(ctx);
  if (!email) return;
  // the attempt takes its place in the lockout budget before the password is checked, so a
  // burst of parallel guesses cannot all be checked before any of them is counted
  const claim = await claimAttempt(db, lockSubject(email));
  if (!claim.ok) {
    // the password is not even checked while locked; the attempt is still on record
    await recordAudit(db, {
      type: 'sign_in_failed',
      request: currentAuditRequest(),
      details: { email, reason: 'ACCOUNT_LOCKED' },
    });
    throw lockedError(claim.lockedUntil);
  }
}

async function afterSignIn(db: Db, ctx: Ctx) {
  const request = currentAuditRequest();
  const returned = ctx.context.returned;
  const email = bodyEmail(ctx);
  const failure = errorCode(returned);
  if (failure || !returned) {
    await recordAudit(db, {
      type: 'sign_in_failed',
      request,
      details: { email, reason: failure ?? 'refused' },
    });
    if (email && failure === 'INVALID_EMAIL_OR_PASSWORD') {
      await countFailure(db, email, request, 'password', { claimed: true });
    } else if (email) {
      await releaseAttempt(db, lockSubject(email));
    }
    return;
  }
  // the password was right: this attempt gives its place back (a second factor claims its own)
  if (email) await releaseAttempt(db, lockSubject(email));
  const pendingSecondFactor = (returned as { twoFactorRedirect?: unknown }).twoFactorRedirect === true;
  const newSession = ctx.context.newSession;
  const account: AccountRow | null = newSession
    ? (newSession.user as AccountRow)
    : pendingSecondFactor && email
      ? await findAccount(db, email)
      : null;
  if (!account) return;

  const now = new Date();
  const signIn = {
    userId: account.id,
    email: account.email,
    ip: request?.ip ?? null,
    userAgent: request?.userAgent ?? null,
    deviceId: readDeviceId(ctx),
    now,
    recentFailures: await recentFailures(db, lockSubject(account.email), now),
  };
  const assessment = await assessSignIn(db, signIn);

  if (assessment.decision === 'block' || (assessment.decision === 'step_up' && newSession)) {
    // no session for this sign-in (yet)
    if (newSession) {
      await ctx.context.internalAdapter.deleteSession(newSession.session.token);
      deleteSessionCookie(ctx, true);
      ctx.context.setNewSession(null);
    }
  }
  if (assessment.decision === 'block') {
    if (pendingSecondFactor) {
      // the challenge twoFactor just opened must not be usable with its cookie either
      expireCookie(ctx, ctx.context.createAuthCookie('two_factor'));
      await db
        .delete(verification)
        .where(and(eq(verification.value, account.id), like(verification.identifier, '2fa-%')));
    }
    await recordSecurityEvent(db, signIn, assessment, 'blocked');
    await recordAudit(db, {
      type: 'sign_in_blocked',
      target: { type: 'user', id: account.id },
      request,
      details: { email: account.email, score: assessment.score, factors: assessment.factors },
    });
    await sendBlockedAlerts(db, account, assessment.factors, assessment.score, request, now);
    throw new APIError('FORBIDDEN', {
      code: 'SIGN_IN_BLOCKED',
      message:
        'This sign-in looked too risky and was blocked. We have e-mailed you and the shop’s administrators; if it was you, ask an administrator for help.',
    });
  }
  if (pendingSecondFactor) {
    // the second factor twoFactor asks for is the step-up
    await recordSecurityEvent(db, signIn, assessment, 'two_factor');
    return;
  }
  if (assessment.decision === 'step_up') {
    await recordSecurityEvent(db, signIn, assessment, 'step_up_sent');
    await startStepUp(db, ctx, account, assessment.score, request);
    return ctx.json({ stepUp: true, method: 'email' });
  }
  await recordSecurityEvent(db, signIn, assessment, 'signed_in');
  await signInCompleted(db, {
    user: account,
    deviceId: ensureDeviceId(ctx),
    request,
    method: 'password',
    score: assessment.score,
  });
}

async function beforeSecondFactor(db: Db, ctx: Ctx) {
  if (!isSignInChallenge(ctx)) return;
  const account = await challengedUser(ctx);
  if (!account) return;
  // as for passwords: the code's place in the budget is taken before it is checked
  const claim = await claimAttempt(db, lockSubject(account.email));
  if (!claim.ok) throw lockedError(claim.lockedUntil);
}

async function afterSecondFactor(db: Db, ctx: Ctx) {
  const request = currentAuditRequest();
  const failure = errorCode(ctx.context.returned);
  const backup = ctx.path === '/two-factor/verify-backup-code';
  if (!isSignInChallenge(ctx)) {
    // set-up: the first good code turned two-factor on (twoFactor then issues a new session)
    if (!failure && !backup && ctx.context.newSession) {
      const u = ctx.context.newSession.user as AccountRow;
      await recordAudit(db, {
        type: 'two_factor_enabled',
        actor: { id: u.id, email: u.email, role: u.role ?? null },
        target: { type: 'user', id: u.id },
        request,
      });
    }
    return;
  }
  if (failure) {
    const account = await challengedUser(ctx);
    if (!account) return;
    if (WRONG_CODE.has(failure)) {
      await countFailure(db, account.email, request, backup ? 'backup_code' : 'totp', { claimed: true });
    } else {
      await releaseAttempt(db, lockSubject(account.email));
    }
    return;
  }
  const session = ctx.context.newSession;
  if (!session) return;
  const u = session.user as AccountRow;
  await completePendingEvent(db, u.id, 'two_factor', 'two_factor_passed');
  await signInCompleted(db, {
    user: u,
    deviceId: ensureDeviceId(ctx),
    request,
    method: backup ? 'backup_code' : 'totp',
    score: null,
  });
}

/** Staff cannot turn two-factor off while the shop requires it for their role. */
async function beforeDisable(ctx: Ctx) {
  const session = await getSessionFromCtx(ctx);
  const role = (session?.user as { role?: Role } | undefined)?.role;
  if (role && twoFactorRequiredFor(role, env.STAFF_TWO_FACTOR)) {
    throw new APIError('FORBIDDEN', {
      code: 'TWO_FACTOR_REQUIRED',
      message: 'Your role requires two-factor authentication, so it cannot be turned off.',
    });
  }
}

async function afterAccountChange(db: Db, ctx: Ctx) {
  if (errorCode(ctx.context.returned) || !ctx.context.returned) return;
  const u = (ctx.context.newSession?.user ?? ctx.context.session?.user) as AccountRow | undefined;
  if (!u) return;
  const type =
    ctx.path === '/change-password'
      ? 'password_changed'
      : ctx.path === '/two-factor/disable'
        ? 'two_factor_disabled'
        : 'two_factor_backup_codes_regenerated';
  await recordAudit(db, {
    type,
    actor: { id: u.id, email: u.email, role: u.role ?? null },
    target: { type: 'user', id: u.id },
    request: currentAuditRequest(),
  });
}

const ACCOUNT_CHANGE_PATHS = new Set([
  '/change-password',
  '/two-factor/disable',
  '/two-factor/generate-backup-codes',
]);

export function shopSecurity(db: Db) {
  return {
    id: 'shop-security',
    endpoints: {
      verifyStepUp: createAuthEndpoint(
        '/security/step-up',
        {
          method: 'POST',
          body: z.object({ code: z.string().trim().min(1, 'Enter the code from the e-mail').max(20) }),
        },
        async (ctx) =>
          verifyStepUp(db, ctx as unknown as Ctx & { body: { code: string } }, currentAuditRequest()),
      ),
    },
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === '/sign-in/email',
          handler: createAuthMiddleware(async (ctx) => beforeSignIn(db, ctx)),
        },
        {
          matcher: (ctx) => SECOND_FACTOR_PATHS.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => beforeSecondFactor(db, ctx)),
        },
        {
          matcher: (ctx) => ctx.path === '/two-factor/disable',
          handler: createAuthMiddleware(async (ctx) => beforeDisable(ctx)),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === '/sign-in/email',
          handler: createAuthMiddleware(async (ctx) => afterSignIn(db, ctx)),
        },
        {
          matcher: (ctx) => SECOND_FACTOR_PATHS.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => afterSecondFactor(db, ctx)),
        },
        {
          matcher: (ctx) => ACCOUNT_CHANGE_PATHS.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => afterAccountChange(db, ctx)),
        },
      ],
    },
    rateLimit: [{ pathMatcher: (path: string) => path === '/security/step-up', window: 60, max: 10 }],
  } satisfies BetterAuthPlugin;
}
