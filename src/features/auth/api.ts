import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses, problemContentOf } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requestWithCheckedBody } from '@/server/http/json-body';
import { perBodyEmail, perIp, rateLimit } from '@/server/http/rate-limit';
import { env } from '@/env';
import { requireUser } from '@/server/http/guard';
import { authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import {
  AccountSchema,
  AdminUserPatchSchema,
  AdminUserQuerySchema,
  AdminUserSchema,
  MySessionSchema,
} from './schemas';
import { resendVerification } from './server/resend-verification';
import { getUser, listUsers, updateUser } from './server/manage-users';
import { auditRequestFrom, withAuditRequest } from '@/features/audit/server';
import { listSessions, sessionTokenOf } from './server/list-sessions';
import { getAuth } from './server/auth';
import { withClientIp } from './server/web-security';
import { sessionUserFromHeaders } from './server/session';
import { withStatusOverride } from '@/features/security/server';
import type { SessionUser } from '@/server/http/app';
import { staffAccessApi } from './api-staff';

const authErrors = accessErrorResponses;

const meRoute = createRoute({
  method: 'get',
  path: '/account',
  tags: ['Account'],
  summary: 'The signed-in account, with its e-mail verification status',
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(AccountSchema, 'The account'), ...authErrors },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/account/resend-verification',
  tags: ['Account'],
  summary: 'Send a new e-mail verification link (at most once a minute)',
  middleware: [requireUser] as const,
  responses: {
    202: jsonResponse(z.object({ sentTo: z.string(), retryAfterSeconds: z.number().int() }), 'Sent'),
    409: errorResponses[409],
    429: { description: 'Too soon', content: problemContentOf() },
    ...authErrors,
  },
});

const mySessionsRoute = createRoute({
  method: 'get',
  path: '/account/sessions',
  tags: ['Account'],
  summary: 'Where I am signed in: my live sessions, this device first (no session tokens)',
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(z.object({ items: z.array(MySessionSchema) }), 'Sessions'), ...authErrors },
});

const revokeMySessionRoute = createRoute({
  method: 'delete',
  path: '/account/sessions/{id}',
  tags: ['Account'],
  summary: 'Sign out one of my other sessions (this device signs out with POST /api/auth/sign-out)',
  middleware: [requireUser] as const,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    204: { description: 'Signed out' },
    404: errorResponses[404],
    409: errorResponses[409],
    ...authErrors,
  },
});

const listUsersRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  tags: ['Admin'],
  summary: 'List and search users (admin)',
  middleware: [authorize('manage', 'User')] as const,
  request: { query: AdminUserQuerySchema },
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(AdminUserSchema),
        total: z.number().int(),
        page: z.number().int(),
        pageSize: z.number().int(),
      }),
      'Users',
    ),
    422: errorResponses[422],
    ...authErrors,
  },
});

const patchUserRoute = createRoute({
  method: 'patch',
  path: '/admin/users/{id}',
  tags: ['Admin'],
  summary: "Change a user's role or shop, or disable/enable the account (admin)",
  middleware: [authorize('manage', 'User')] as const,
  request: { params: z.object({ id: z.string().min(1).max(100) }), body: jsonBody(AdminUserPatchSchema) },
  responses: {
    200: jsonResponse(AdminUserSchema, 'The updated user'),
    404: errorResponses[404],
    422: errorResponses[422],
    ...authErrors,
  },
});

export const authApi = createRouter()
  .openapi(meRoute, (c) => {
    const u = c.get('user')!;
    return c.json(
      {
        id: u.id,
        name: u.name,
        email: u.email,
        emailVerified: u.emailVerified,
        role: u.role,
        twoFactorEnabled: u.twoFactorEnabled,
      },
      200,
    );
  })
  .openapi(resendRoute, async (c) => {
    const u = c.get('user')!;
    if (u.emailVerified) throw new DomainError('CONFLICT', 'Your e-mail address is already verified.');
    const { retryAfterSeconds } = await resendVerification(await getDb(), u.email);
    return c.json({ sentTo: u.email, retryAfterSeconds }, 202);
  })
  .openapi(mySessionsRoute, async (c) => {
    const auth = await getAuth();
    const current = await auth.api.getSession({ headers: c.req.raw.headers });
    const items = await listSessions(await getDb(), c.get('user')!.id, current?.session.id ?? null);
    return c.json({ items }, 200);
  })
  .openapi(revokeMySessionRoute, async (c) => {
    const { id } = c.req.valid('param');
    const auth = await getAuth();
    const current = await auth.api.getSession({ headers: c.req.raw.headers });
    if (current?.session.id === id) {
      throw new DomainError('CONFLICT', 'This is the session you are using: sign out instead.');
    }
    const token = await sessionTokenOf(await getDb(), c.get('user')!.id, id);
    if (!token) throw new DomainError('NOT_FOUND', 'No such session (it may have ended already).');
    // through better-auth, so its hooks see the revocation like any other
    await auth.api.revokeSession({ body: { token }, headers: c.req.raw.headers });
    return c.body(null, 204);
  })
  .openapi(listUsersRoute, async (c) => {
    return c.json(await listUsers(await getDb(), c.req.valid('query')), 200);
  })
  .openapi(patchUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const me = c.get('user')!;
    if (id === me.id && (patch.role !== undefined || patch.disabled !== undefined)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'You cannot change your own role or disable your own account.',
        [{ path: patch.role !== undefined ? 'role' : 'disabled', message: 'Ask another admin to do this.' }],
      );
    }
    const db = await getDb();
    if (!(await getUser(db, id))) throw new DomainError('NOT_FOUND', 'No user with that id.');
    const updated = await updateUser(db, id, patch, {
      actor: { id: me.id, email: me.email, role: me.role },
      request: auditRequestFrom(c),
    });
    if (!updated) throw new DomainError('NOT_FOUND', 'No user with that id.');
    return c.json(updated, 200);
  })
  .route('/', staffAccessApi);

/**
 * The signed-in user of an API request (the API frame's `resolveUser`): anonymous requests,
 * and better-auth's own endpoints, are answered without a query.
 */
export function sessionUserOfRequest(request: {
  path: string;
  header(name: string): string | undefined;
  headers: Headers;
}): Promise<SessionUser | null> | null {
  const cookie = request.header('cookie');
  if (!cookie?.includes('session_token') || request.path.startsWith('/api/auth/')) return null;
  return sessionUserFromHeaders(request.headers, getAuth());
}

/**
 * better-auth's endpoints (sign-up, sign-in, sign-out, sessions, two-factor, e-mail
 * verification, password reset), run inside the caller's request for the audit log's address
 * and user agent. better-auth's per-IP limits and session list read the client address from a
 * header the app sets here (socket address, or X-Forwarded-For only with TRUST_PROXY): a client
 * cannot choose it. The lockout's status (429) is applied over better-auth's own.
 */
export const betterAuthApi = createRouter()
  .use(
    '/auth/sign-up/email',
    rateLimit(
      perIp('sign-up', env.RATE_LIMIT_SIGNUP_IP, 'Too many sign-ups from this address.'),
      perBodyEmail(
        'sign-up',
        env.RATE_LIMIT_SIGNUP_EMAIL,
        'email',
        'Too many sign-ups for this e-mail address.',
      ),
    ),
  )
  .use(
    '/auth/request-password-reset',
    rateLimit(
      perIp('password-reset', env.RATE_LIMIT_RESET_IP, 'Too many password resets from this address.'),
      perBodyEmail(
        'password-reset',
        env.RATE_LIMIT_RESET_EMAIL,
        'email',
        'Too many password resets for this e-mail address.',
      ),
    ),
  )
  .on(['GET', 'POST'], '/auth/*', async (c) => {
    const auth = await getAuth();
    const caller = auditRequestFrom(c);
    const request = withClientIp(await requestWithCheckedBody(c), caller.ip);
    return withAuditRequest(caller, () => withStatusOverride(() => auth.handler(request)));
  });
