import type { MiddlewareHandler } from 'hono';
import { DomainError } from '@/server/domain-error';
import type { AppEnv } from './app';

/**
 * Route guard: any signed-in user (role and record rules: `authorize` and `abilityOf` of the
 * access domain).
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  return next();
};
