import type { Context } from 'hono';
import { authorize } from '@/features/access/server';
import { errorResponses } from '@/server/http/errors';
import type { AppEnv } from '@/server/http/app';
import { auditRequestFrom } from '@/features/audit/server/record-audit';
import { staffCaller, type StaffCaller } from '../server/staff-caller';

/**
 * Technicians and above: the ones who may write internal notes (customers get 403, anonymous
 * callers 401). Record-level rules (assignment, shop) are checked by the services.
 */
export const staffOnly = authorize('create', 'InternalNote');

export const staffErrors = {
  401: { description: 'Not signed in', content: errorResponses[404].content },
  403: { description: 'Not allowed', content: errorResponses[404].content },
  404: errorResponses[404],
  422: errorResponses[422],
} as const;

/** The signed-in staff member (the guard has made sure there is one). */
export function callerOf(c: Context<AppEnv>): StaffCaller {
  return { ...staffCaller(c.get('user')!), request: auditRequestFrom(c) };
}
