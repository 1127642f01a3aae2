import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { authorize } from '@/features/access/server';
import { defineAbilityFor } from '@/features/access';
import { auditRequestFrom } from '@/features/audit/server';
import type { Caller } from './change-status';

export interface StaffCaller extends Caller {
  user: SessionUser;
}

/** The signed-in staff member as the repairs services see them: ability, role and timeline actor. */
export function staffCaller(user: SessionUser): StaffCaller {
  return {
    user,
    ability: defineAbilityFor(user),
    role: user.role,
    actor: { name: user.name, userId: user.id, role: 'staff' },
  };
}

/**
 * Route guard of the staff routes: technicians and above, the ones who may write internal notes
 * (customers get 403, anonymous callers 401). Record-level rules (assignment, shop) are checked
 * by the services.
 */
export const staffOnly = authorize('create', 'InternalNote');

/** The error answers of a staff route, for its declaration. */
export const staffErrors = {
  ...accessErrorResponses,
  404: errorResponses[404],
  422: errorResponses[422],
} as const;

/** The signed-in staff member of a staff route (its guard has made sure there is one). */
export function callerOf(c: Context<AppEnv>): StaffCaller {
  return { ...staffCaller(c.get('user')!), request: auditRequestFrom(c) };
}
