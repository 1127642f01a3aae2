import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { defineAbilityFor, type Action, type AppAbility, type SubjectName } from '../ability';

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
    if (!c.get('user')) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
    throw new DomainError('FORBIDDEN', 'You are not allowed to do this.');
  };
}
