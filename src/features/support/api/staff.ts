/**
 * The console's support inbox: conversations handed over to the caller's shop (admins and staff
 * tied to no shop: every shop's), a transcript, replies (e-mailed to the customer) and closing;
 * and its live stream. Another shop's conversation is "not found".
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { authorize } from '@/features/access/server';
import { resumeQuery, serveLive, streamResponse } from '@/features/live/server';
import {
  ConversationIdParamSchema,
  StaffConversationSchema,
  StaffConversationSummarySchema,
  StaffListQuerySchema,
  StaffReplySchema,
} from '../schemas';
import { getStaffConversation, inboxShop, listStaffConversations } from '../server';
import { closeConversation, replyAsStaff } from '../server/commands';
import { supportInboxFeed } from '../server/support-live-feeds';
import { supportStaffOf } from './caller';

const canRead = authorize('read', 'SupportConversation');
const canUpdate = authorize('update', 'SupportConversation');
const staffErrors = { ...accessErrorResponses, 404: errorResponses[404], 422: errorResponses[422] } as const;

const listRoute = createRoute({
  method: 'get',
  path: '/staff/support/conversations',
  tags: ['Staff'],
  summary: 'Support conversations handed over to your shop (default: those waiting for staff)',
  middleware: [canRead] as const,
  request: { query: StaffListQuerySchema },
  responses: {
    200: jsonResponse(z.object({ items: z.array(StaffConversationSummarySchema) }), 'Conversations'),
    ...staffErrors,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/staff/support/conversations/{id}',
  tags: ['Staff'],
  summary: 'One support conversation with its transcript, intents and sentiment',
  middleware: [canRead] as const,
  request: { params: ConversationIdParamSchema },
  responses: { 200: jsonResponse(StaffConversationSchema, 'The conversation'), ...staffErrors },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/staff/support/conversations/{id}/messages',
  tags: ['Staff'],
  summary: 'Reply to the customer (shown in their chat and e-mailed when their address is known)',
  middleware: [canUpdate] as const,
  request: { params: ConversationIdParamSchema, body: jsonBody(StaffReplySchema) },
  responses: { 200: jsonResponse(StaffConversationSchema, 'The conversation'), ...staffErrors },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/staff/support/conversations/{id}/close',
  tags: ['Staff'],
  summary: 'Close a conversation (the customer writing again opens it with the assistant)',
  middleware: [canUpdate] as const,
  request: { params: ConversationIdParamSchema },
  responses: { 200: jsonResponse(StaffConversationSchema, 'The conversation'), ...staffErrors },
});

const liveRoute = createRoute({
  method: 'get',
  path: '/staff/support/live',
  tags: ['Live'],
  summary: 'New messages in conversations handed over to your shop (the console’s inbox)',
  middleware: [canRead] as const,
  request: { query: z.object(resumeQuery) },
  responses: {
    200: streamResponse('{conversationId, author, shopSlug} per message'),
    ...accessErrorResponses,
  },
});

export const supportStaffApi = createRouter()
  .openapi(listRoute, async (c) => {
    const items = await listStaffConversations(await getDb(), supportStaffOf(c), c.req.valid('query').status);
    return c.json({ items }, 200);
  })
  .openapi(getRoute, async (c) => {
    const view = await getStaffConversation(await getDb(), supportStaffOf(c), c.req.valid('param').id);
    return c.json(view, 200);
  })
  .openapi(replyRoute, async (c) => {
    const db = await getDb();
    const staff = supportStaffOf(c);
    const { id } = c.req.valid('param');
    await replyAsStaff(db, staff, id, c.req.valid('json').message);
    return c.json(await getStaffConversation(db, staff, id), 200);
  })
  .openapi(closeRoute, async (c) => {
    const db = await getDb();
    const staff = supportStaffOf(c);
    const { id } = c.req.valid('param');
    await closeConversation(db, staff, id);
    return c.json(await getStaffConversation(db, staff, id), 200);
  })
  .openapi(liveRoute, async (c) =>
    serveLive(c, supportInboxFeed(await getDb(), inboxShop(supportStaffOf(c))), 'support-inbox'),
  );
