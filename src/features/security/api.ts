/** Admin routes of the security monitor and the lockout. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonResponse } from '@/server/http/openapi';
import { authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import { auditRequestFrom } from '@/features/audit/server';
import { SecurityEventQuerySchema, SecurityEventSchema, UnlockResultSchema } from './schemas';
import { listSecurityEvents } from './server/list-events';
import { unlockUser } from './server/unlock-user';

const adminOnly = authorize('manage', 'all');

const authErrors = { ...accessErrorResponses, 422: errorResponses[422] };

const listRoute = createRoute({
  method: 'get',
  path: '/admin/security-events',
  tags: ['Admin'],
  summary: 'Sign-ins the security monitor scored, with the factors of each score (admin)',
  middleware: [adminOnly] as const,
  request: { query: SecurityEventQuerySchema },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(SecurityEventSchema), nextCursor: z.number().int().nullable() }),
      'Security events',
    ),
    ...authErrors,
  },
});

const unlockRoute = createRoute({
  method: 'post',
  path: '/admin/users/{id}/unlock',
  tags: ['Admin'],
  summary: "Lift a user's sign-in lockout now (admin)",
  middleware: [adminOnly] as const,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    200: jsonResponse(UnlockResultSchema, 'Unlocked'),
    404: errorResponses[404],
    ...authErrors,
  },
});

export const securityApi = createRouter()
  .openapi(listRoute, async (c) => c.json(await listSecurityEvents(await getDb(), c.req.valid('query')), 200))
  .openapi(unlockRoute, async (c) => {
    const me = c.get('user')!;
    const result = await unlockUser(await getDb(), c.req.valid('param').id, {
      actor: { id: me.id, email: me.email, role: me.role },
      request: auditRequestFrom(c),
    });
    if (!result) throw new DomainError('NOT_FOUND', 'No user with that id.');
    return c.json(result, 200);
  });
