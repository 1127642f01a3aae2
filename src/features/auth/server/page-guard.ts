import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { env } from '@/env';
import type { Role } from '@/server/db/schema';
import type { SessionUser } from '@/server/http/app';
import { atLeast, mustSetUpTwoFactor, twoFactorSetupHref } from '@/features/access';
import { sessionUserFromHeaders } from './session';

/**
 * The signed-in user in a server component, or null. Once per request (React's cache): the
 * header, the bottom navigation and the page all ask.
 */
export const getPageUser = cache(async (): Promise<SessionUser | null> => {
  return sessionUserFromHeaders(await headers());
});

/**
 * Pages that need a role: anonymous visitors go to sign-in (and come back afterwards);
 * signed-in users without the role get a 404, so staff pages are not advertised. Staff who
 * must use two-factor (STAFF_TWO_FACTOR=required) and have not set it up go to the set-up
 * first, and come back afterwards; only the set-up page itself opts out of that.
 */
export async function requirePageRole(
  min: Role,
  returnTo?: string,
  options: { allowWithoutTwoFactor?: boolean } = {},
): Promise<SessionUser> {
  const user = await getPageUser();
  if (!user) redirect(`/sign-in${returnTo ? `?next=${encodeURIComponent(returnTo)}` : ''}`);
  if (!atLeast(user.role, min)) notFound();
  if (!options.allowWithoutTwoFactor && mustSetUpTwoFactor(user, env.STAFF_TWO_FACTOR)) {
    redirect(twoFactorSetupHref(returnTo));
  }
  return user;
}
