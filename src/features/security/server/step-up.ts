/**
 * The e-mailed step-up code: a risky sign-in (see risk.ts) that has no second factor of its own
 * gets a 6-digit code by e-mail instead of a session; entering it creates the session. The
 * challenge lives in better-auth's verification table behind a signed, short-lived cookie.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { GenericEndpointContext } from '@better-auth/core';
import { APIError } from 'better-auth/api';
import { expireCookie, setSessionCookie } from 'better-auth/cookies';
import { generateRandomString } from 'better-auth/crypto';
import type { Db } from '@/server/db/runtime';
import type { AuditRequest } from '@/features/audit/server';
import { lockedUntil, lockSubject } from './lockout';
import { completePendingEvent } from './monitor';
import { sendSignInCode } from './notify';
import { countFailure, lockedError, signInCompleted } from './sign-in-events';
import { ensureDeviceId } from './device-cookie';

export const STEP_UP_MINUTES = 10;
export const STEP_UP_MAX_TRIES = 5;
const COOKIE = 'step_up';

interface Challenge {
  userId: string;
  codeHash: string;
  tries: number;
  score: number;
}

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function challengeCookie(ctx: GenericEndpointContext) {
  return ctx.context.createAuthCookie(COOKIE, { maxAge: STEP_UP_MINUTES * 60 });
}

/** Starts a challenge for this user: stores it, sets the cookie, e-mails the code. */
export async function startStepUp(
  db: Db,
  ctx: GenericEndpointContext,
  account: { id: string; email: string; name: string },
  score: number,
  request: AuditRequest | null,
): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const identifier = `step-up-${generateRandomString(32)}`;
  const challenge: Challenge = { userId: account.id, codeHash: hashCode(code), tries: 0, score };
  await ctx.context.internalAdapter.createVerificationValue({
    identifier,
    value: JSON.stringify(challenge),
    expiresAt: new Date(Date.now() + STEP_UP_MINUTES * 60_000),
  });
  const cookie = challengeCookie(ctx);
  await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
  await sendSignInCode(db, account, code, STEP_UP_MINUTES, request);
}

function expired(): APIError {
  return new APIError('UNAUTHORIZED', {
    code: 'STEP_UP_EXPIRED',
    message: 'This sign-in code has expired or was used up. Sign in again to get a new one.',
  });
}

/** POST /api/auth/security/step-up {code}: the code from the e-mail completes the sign-in. */
export async function verifyStepUp(
  db: Db,
  ctx: GenericEndpointContext & { body: { code: string } },
  request: AuditRequest | null,
) {
  const cookie = challengeCookie(ctx);
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) throw expired();
  const record = await ctx.context.internalAdapter.findVerificationValue(identifier);
  if (!record || record.expiresAt <= new Date()) {
    expireCookie(ctx, cookie);
    throw expired();
  }
  const challenge = JSON.parse(record.value) as Challenge;
  const account = await ctx.context.internalAdapter.findUserById(challenge.userId);
  if (!account) throw expired();
  const until = await lockedUntil(db, lockSubject(account.email));
  if (until) throw lockedError(until);

  const given = hashCode(ctx.body.code.replace(/\s+/g, ''));
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(challenge.codeHash))) {
    const tries = challenge.tries + 1;
    if (tries >= STEP_UP_MAX_TRIES) {
      await ctx.context.internalAdapter.deleteVerificationByIdentifier(identifier);
      expireCookie(ctx, cookie);
    } else {
      await ctx.context.internalAdapter.updateVerificationByIdentifier(identifier, {
        value: JSON.stringify({ ...challenge, tries }),
      });
    }
    await countFailure(db, account.email, request, 'email_code');
    if (tries >= STEP_UP_MAX_TRIES) throw expired();
    throw new APIError('BAD_REQUEST', {
      code: 'INVALID_CODE',
      message: 'That code is not right. Check the latest e-mail and try again.',
    });
  }
  // one use only, even when two requests race with the right code
  const consumed = await ctx.context.internalAdapter.consumeVerificationValue(identifier);
  if (!consumed) throw expired();
  const session = await ctx.context.internalAdapter.createSession(account.id, false);
  await setSessionCookie(ctx, { session, user: account });
  expireCookie(ctx, cookie);
  await completePendingEvent(db, account.id, 'step_up_sent', 'step_up_passed');
  const role = (account as { role?: string }).role ?? null;
  await signInCompleted(db, {
    user: { id: account.id, email: account.email, role },
    deviceId: ensureDeviceId(ctx),
    request,
    method: 'email_code',
    score: challenge.score,
  });
  return ctx.json({ status: true, user: { id: account.id, email: account.email, name: account.name } });
}
