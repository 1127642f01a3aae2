/**
 * Staff access routes: invitations (admin: invite, list, revoke, resend; public: preview and
 * accept a link) and an admin's reset of a user's two-factor. Thin: parse, authorise, call
 * server/, answer. Chained onto the auth domain's router in api.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { authorize } from '@/features/access/server';
import { getDb } from '@/server/db/runtime';
import { auditRequestFrom } from '@/features/audit/server';
import {
  InvitationAcceptSchema,
  InvitationCreateSchema,
  InvitationPreviewSchema,
  InvitationSchema,
} from './schemas';
import { inviteStaff, listInvitations, resendInvitation, revokeInvitation } from './server/invitations';
import { acceptInvitation, previewInvitation } from './server/accept-invitation';
import { resetTwoFactor } from './server/reset-two-factor';

const adminOnly = authorize('manage', 'User');
const IdParam = z.object({ id: z.string().min(1).max(100) });
const adminErrors = { ...accessErrorResponses, 422: errorResponses[422] };

const listRoute = createRoute({
  method: 'get',
  path: '/admin/invitations',
  tags: ['Admin'],
  summary: 'Staff invitations, newest first, with their status (admin)',
  middleware: [adminOnly] as const,
  responses: {
    200: jsonResponse(z.object({ items: z.array(InvitationSchema) }), 'Invitations'),
    ...adminErrors,
  },
});

const createInviteRoute = createRoute({
  method: 'post',
  path: '/admin/invitations',
  tags: ['Admin'],
  summary: 'Invite an e-mail address as staff with a role and shop; the link is e-mailed (admin)',
  middleware: [adminOnly] as const,
  request: { body: jsonBody(InvitationCreateSchema) },
  responses: { 201: jsonResponse(InvitationSchema, 'Invited'), ...adminErrors },
});

const revokeRoute = createRoute({
  method: 'post',
  path: '/admin/invitations/{id}/revoke',
  tags: ['Admin'],
  summary: 'Revoke an open invitation: its link stops working (admin)',
  middleware: [adminOnly] as const,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(InvitationSchema, 'Revoked'),
    404: errorResponses[404],
    409: errorResponses[409],
    ...adminErrors,
  },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/admin/invitations/{id}/resend',
  tags: ['Admin'],
  summary: 'Mail an open invitation again with a new link and a new expiry (admin)',
  middleware: [adminOnly] as const,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(InvitationSchema, 'Resent'),
    404: errorResponses[404],
    409: errorResponses[409],
    ...adminErrors,
  },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/invitations/preview',
  tags: ['Account'],
  summary: 'What an invitation link offers (the token in the body, never in a logged URL)',
  request: { body: jsonBody(z.object({ token: z.string().min(1).max(200) })) },
  responses: {
    200: jsonResponse(InvitationPreviewSchema, 'The invitation'),
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['Account'],
  summary: 'Accept an invitation with a name and password; then sign in with them',
  request: { body: jsonBody(InvitationAcceptSchema) },
  responses: {
    200: jsonResponse(z.object({ email: z.string(), promoted: z.boolean() }), 'Accepted'),
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const resetTwoFactorRoute = createRoute({
  method: 'post',
  path: '/admin/users/{id}/reset-two-factor',
  tags: ['Admin'],
  summary: "Reset a user's two-factor (lost phone): they set it up again at next sign-in (admin)",
  middleware: [adminOnly] as const,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(z.object({ userId: z.string(), wasEnabled: z.boolean() }), 'Reset'),
    404: errorResponses[404],
    409: errorResponses[409],
    ...adminErrors,
  },
});

function auditOf(c: Parameters<typeof auditRequestFrom>[0]) {
  const me = c.get('user')!;
  return {
    actor: { id: me.id, email: me.email, role: me.role, name: me.name },
    request: auditRequestFrom(c),
  };
}

export const staffAccessApi = createRouter()
  .openapi(listRoute, async (c) => c.json({ items: await listInvitations(await getDb()) }, 200))
  .openapi(createInviteRoute, async (c) =>
    c.json(await inviteStaff(await getDb(), c.req.valid('json'), auditOf(c)), 201),
  )
  .openapi(revokeRoute, async (c) =>
    c.json(await revokeInvitation(await getDb(), c.req.valid('param').id, auditOf(c)), 200),
  )
  .openapi(resendRoute, async (c) =>
    c.json(await resendInvitation(await getDb(), c.req.valid('param').id, auditOf(c)), 200),
  )
  .openapi(previewRoute, async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await previewInvitation(await getDb(), c.req.valid('json').token), 200);
  })
  .openapi(acceptRoute, async (c) => {
    const { email, promoted } = await acceptInvitation(
      await getDb(),
      c.req.valid('json'),
      auditRequestFrom(c),
    );
    return c.json({ email, promoted }, 200);
  })
  .openapi(resetTwoFactorRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (id === c.get('user')!.id) {
      throw new DomainError('VALIDATION_FAILED', 'Reset your own two-factor from your security page.', [
        { path: 'id', message: 'Ask another admin, or use your account’s security page.' },
      ]);
    }
    return c.json(await resetTwoFactor(await getDb(), id, auditOf(c)), 200);
  });
