import type { Role } from '@/server/db/schema';
import { atLeast } from '@/features/access/ability';

/** STAFF_TWO_FACTOR in src/env.ts */
export type StaffTwoFactorPolicy = 'required' | 'optional';

/** Staff (technician and above) must use two-factor when the policy says so. */
export function twoFactorRequiredFor(role: Role, policy: StaffTwoFactorPolicy): boolean {
  return policy === 'required' && atLeast(role, 'technician');
}

/** This user may not open pages until an authenticator app is set up. */
export function mustSetUpTwoFactor(
  user: { role: Role; twoFactorEnabled: boolean },
  policy: StaffTwoFactorPolicy,
): boolean {
  return !user.twoFactorEnabled && twoFactorRequiredFor(user.role, policy);
}

/** The forced set-up page, coming back to `returnTo` afterwards. */
export function twoFactorSetupHref(returnTo?: string): string {
  return `/account/security?setup=required${returnTo ? `&next=${encodeURIComponent(returnTo)}` : ''}`;
}
