/** Who is calling a support route: the customer or visitor (cookie), or the staff member. */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '@/server/http/app';
import { publicBaseUrl } from '@/server/http/base-url';
import { abilityOf } from '@/features/access/server';
import type { SupportCaller } from '../server/load-conversation';
import type { SupportStaff } from '../server';
import { VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE, isVisitorSecret, newVisitorSecret } from '../server/visitor';

/**
 * The caller of a customer route. With `issue`, an anonymous caller without a visitor cookie
 * gets one (httpOnly, only sent to the support API) before their first conversation is made.
 */
export function supportCallerOf(c: Context<AppEnv>, issue = false): SupportCaller {
  const user = c.get('user');
  const cookie = getCookie(c, VISITOR_COOKIE);
  let visitorSecret = isVisitorSecret(cookie) ? cookie : null;
  if (!visitorSecret && !user && issue) {
    visitorSecret = newVisitorSecret();
    setCookie(c, VISITOR_COOKIE, visitorSecret, {
      path: '/api/support',
      httpOnly: true,
      sameSite: 'Lax',
      secure: publicBaseUrl().startsWith('https:'),
      maxAge: VISITOR_COOKIE_MAX_AGE,
    });
  }
  return { userId: user?.id ?? null, email: user?.email ?? null, visitorSecret };
}

/** The staff member of a staff support route (its guard has made sure there is one). */
export function supportStaffOf(c: Context<AppEnv>): SupportStaff {
  const user = c.get('user')!;
  return { id: user.id, name: user.name, role: user.role, shopSlug: user.shopSlug, ability: abilityOf(c) };
}
