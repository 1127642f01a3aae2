/** The in-app notification centre: the latest notifications with the unread count; mark read. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { getDb } from '@/server/db/runtime';
import {
  MarkReadResultSchema,
  MarkReadSchema,
  NotificationListSchema,
  NotificationQuerySchema,
} from '../schemas';
import { listNotifications } from '../server/list-notifications';
import { markNotificationsRead } from '../server/mark-read';
import { notificationFeed } from '../server/live-feed';
import { resumeQuery, serveLive, streamResponse } from '@/features/live/server';

const authErrors = { 401: accessErrorResponses[401] };

const streamRoute = createRoute({
  method: 'get',
  path: '/notifications/live',
  tags: ['Live', 'Notifications'],
  summary: 'My new notifications as they arrive',
  middleware: [requireUser] as const,
  request: { query: z.object(resumeQuery) },
  responses: {
    200: streamResponse('Notifications, and {kind: "read"} when some were marked read'),
    ...authErrors,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags: ['Notifications'],
  summary: 'My latest notifications, newest first, with the unread count',
  middleware: [requireUser] as const,
  request: { query: NotificationQuerySchema },
  responses: {
    200: jsonResponse(NotificationListSchema, 'Notifications'),
    422: errorResponses[422],
    ...authErrors,
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/notifications/read',
  tags: ['Notifications'],
  summary: 'Mark some (`ids`) or all (`all: true`) of my notifications read',
  middleware: [requireUser] as const,
  request: { body: jsonBody(MarkReadSchema) },
  responses: {
    200: jsonResponse(MarkReadResultSchema, 'How many were marked, and how many are still unread'),
    400: errorResponses[400],
    422: errorResponses[422],
    ...authErrors,
  },
});

export const inAppNotificationsApi = createRouter()
  .openapi(listRoute, async (c) => {
    const user = c.get('user')!;
    const list = await listNotifications(await getDb(), user, c.req.valid('query').limit);
    c.header('cache-control', 'no-store');
    return c.json(list, 200);
  })
  .openapi(readRoute, async (c) => {
    const user = c.get('user')!;
    return c.json(await markNotificationsRead(await getDb(), user.id, c.req.valid('json')), 200);
  })
  .openapi(streamRoute, async (c) => {
    const user = c.get('user')!;
    return serveLive(c, notificationFeed(await getDb(), user), 'notifications');
  });
