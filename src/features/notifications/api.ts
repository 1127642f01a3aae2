/** The in-app notification centre: the latest notifications with the unread count; mark read. */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { getDb } from '@/server/db/runtime';
import {
  MarkReadResultSchema,
  MarkReadSchema,
  NotificationListSchema,
  NotificationQuerySchema,
} from './schemas';
import { listNotifications } from './server/list-notifications';
import { markNotificationsRead } from './server/mark-read';

const authErrors = {
  401: { description: 'Not signed in', content: errorResponses[404].content },
};

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

export const notificationsApi = createRouter()
  .openapi(listRoute, async (c) => {
    const user = c.get('user')!;
    const list = await listNotifications(await getDb(), user, c.req.valid('query').limit);
    c.header('cache-control', 'no-store');
    return c.json(list, 200);
  })
  .openapi(readRoute, async (c) => {
    const user = c.get('user')!;
    return c.json(await markNotificationsRead(await getDb(), user.id, c.req.valid('json')), 200);
  });
