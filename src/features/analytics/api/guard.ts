import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { authorize } from '@/features/access/server';

const canRead = authorize('read', 'Analytics');

/**
 * Guard of every analytics route: managers and admins (401 signed out, 403 below manager or
 * without two-factor set up); a manager tied to no shop has no figures to read (403).
 */
export const analyticsReader: MiddlewareHandler<AppEnv> = (c, next) =>
  canRead(c, async () => {
    const user = c.get('user')!;
    if (user.role !== 'admin' && !user.shopSlug) {
      throw new DomainError('FORBIDDEN', 'Your account is not tied to a shop: ask an admin.');
    }
    await next();
  });
