/**
 * The customer's side of support: send a message to the assistant (anyone; rate-limited per
 * address), read one's own conversation and follow it live. A conversation belongs to the
 * account that started it, or to the visitor cookie it was started with; anyone else gets 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { perIp, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { getDb } from '@/server/db/runtime';
import { env } from '@/env';
import { resumeQuery, serveLive, streamResponse } from '@/features/live/server';
import {
  ConversationIdParamSchema,
  CustomerConversationSchema,
  PostSupportMessageSchema,
  SupportAnswerSchema,
} from '../schemas';
import { postCustomerMessage } from '../server/commands';
import { loadOwnConversation } from '../server/load-conversation';
import { readTranscript, toMessageView } from '../server/transcript';
import { conversationFeed } from '../server/support-live-feeds';
import { supportCallerOf } from './caller';

const postRoute = createRoute({
  method: 'post',
  path: '/support/messages',
  tags: ['Support'],
  summary: 'Ask the support assistant (a new conversation, or one of yours by `conversationId`)',
  description:
    'Answers with the intent, entities and sentiment read from the message, the reply and its links, and whether a person takes over (the conversation then appears in the shop’s console). An anonymous visitor’s conversations are bound to an httpOnly cookie set on their first message.',
  middleware: [
    rateLimit(
      perIp('support-messages', env.RATE_LIMIT_SUPPORT_MESSAGES_IP, 'Too many messages from this address.'),
    ),
  ] as const,
  request: { body: jsonBody(PostSupportMessageSchema) },
  responses: {
    200: jsonResponse(SupportAnswerSchema, 'The assistant’s answer and the transcript'),
    400: errorResponses[400],
    404: errorResponses[404],
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/support/conversations/{id}',
  tags: ['Support'],
  summary: 'One of your conversations with its transcript (anyone else’s: 404)',
  request: { params: ConversationIdParamSchema },
  responses: {
    200: jsonResponse(CustomerConversationSchema, 'The conversation'),
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const liveRoute = createRoute({
  method: 'get',
  path: '/support/conversations/{id}/live',
  tags: ['Live'],
  summary: 'New messages of one of your conversations (staff replies arrive here)',
  request: { params: ConversationIdParamSchema, query: z.object(resumeQuery) },
  responses: { 200: streamResponse('Support messages'), 404: errorResponses[404], 422: errorResponses[422] },
});

export const supportCustomerApi = createRouter()
  .openapi(postRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await postCustomerMessage(await getDb(), input, supportCallerOf(c, true));
    const { answer } = result;
    c.header('cache-control', 'no-store');
    return c.json(
      {
        conversationId: result.conversation.id,
        intent: answer.intent,
        entities: answer.entities,
        sentiment: answer.sentiment,
        reply: result.reply,
        links: answer.links,
        handover: result.handover,
        status: result.conversation.status,
        messages: result.messages,
      },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const db = await getDb();
    const row = await loadOwnConversation(db, c.req.valid('param').id, supportCallerOf(c));
    const transcript = await readTranscript(db, row.id);
    c.header('cache-control', 'no-store');
    return c.json({ id: row.id, status: row.status, messages: transcript.map(toMessageView) }, 200);
  })
  .openapi(liveRoute, async (c) => {
    const db = await getDb();
    const row = await loadOwnConversation(db, c.req.valid('param').id, supportCallerOf(c));
    return serveLive(c, conversationFeed(db, row.id), 'support-conversation');
  });
