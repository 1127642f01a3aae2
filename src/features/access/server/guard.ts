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
 * Anonymous callers get 401, signed-in ones 403 (TWO_FACTOR_SETUP_REQUIRED when their role may
 * but must set up two-factor first: see `mustSetUpTwoFactor` on the session user).
 */
export function authorize(action: Action, subjectName: SubjectName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (abilityOf(c).can(action, subjectName)) return next();
    const user = c.get('user');
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
    // allowed to their role, but the role needs two-factor first: say so, so the client can
    // send them to the set-up (the pages do: requirePageRole)
    if (
      user.mustSetUpTwoFactor &&
      defineAbilityFor({ ...user, mustSetUpTwoFactor: false }).can(action, subjectName)
    ) {
      throw new DomainError(
        'TWO_FACTOR_SETUP_REQUIRED',
        'Your role needs two-factor authentication: set it up on your account’s security page first.',
      );
    }
    throw new DomainError('FORBIDDEN', 'You are not allowed to do this.');
  };
}
