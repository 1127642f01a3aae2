import { env } from '@/env';
import type { SessionUser } from '@/server/http/app';
import { mustSetUpTwoFactor } from '@/features/access';
import type { Role } from '@/server/db/schema';
// type-only: pages must not import auth.ts (it reaches the e-mail renderer, react-dom/server)
import type { Auth } from './auth';

/** Anonymous requests carry no session cookie: answer them without touching the database. */
function hasSessionCookie(headers: Headers): boolean {
  return headers.get('cookie')?.includes('session_token') ?? false;
}

/** The signed-in user for these request headers, or null (anonymous, expired, disabled). */
export async function sessionUserFromHeaders(
  headers: Headers,
  authInstance?: Promise<Auth>,
): Promise<SessionUser | null> {
  if (!hasSessionCookie(headers)) return null;
  // the Node server creates the auth instance at start-up (src/server/main.ts); pages use that one
  const auth = await (authInstance ??
    globalThis.__rtAuth ??
    Promise.reject(new Error('auth is not started')));
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const u = session.user as typeof session.user & {
    role?: Role;
    shopSlug?: string | null;
    disabledAt?: Date | null;
    twoFactorEnabled?: boolean | null;
  };
  if (u.disabledAt) return null;
  const role = u.role ?? 'customer';
  const twoFactorEnabled = u.twoFactorEnabled === true;
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: u.emailVerified,
    role,
    shopSlug: u.shopSlug ?? null,
    twoFactorEnabled,
    mustSetUpTwoFactor: mustSetUpTwoFactor({ role, twoFactorEnabled }, env.STAFF_TWO_FACTOR),
  };
}
