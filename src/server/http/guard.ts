import type { MiddlewareHandler } from 'hono';
import { defineAbilityFor, type Action, type AppAbility, type SubjectName } from '@/features/access/ability';
import { ApiError } from './errors';
import type { AppEnv } from './app';

/** The caller's abilities (anonymous when not signed in). */
export function abilityOf(c: { get(key: 'user'): AppEnv['Variables']['user'] }): AppAbility {
  return defineAbilityFor(c.get('user'));
}

/**
 * Route guard: the caller must be able to `action` SOME `subject` (record-level conditions are
 * checked in the handler with `abilityOf(c).can(action, subject(type, row))`).
 * Anonymous callers get 401, signed-in ones 403.
 */
export function authorize(action: Action, subjectName: SubjectName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (abilityOf(c).can(action, subjectName)) return next();
    if (!c.get('user')) throw new ApiError('UNAUTHENTICATED', 'Please sign in.');
    throw new ApiError('FORBIDDEN', 'You are not allowed to do this.');
  };
}

/** Route guard: any signed-in user. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw new ApiError('UNAUTHENTICATED', 'Please sign in.');
  return next();
};
