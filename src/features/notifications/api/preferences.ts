/** Notification preferences: per kind of notice and per channel (e-mail, push, the in-app bell). */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { accessErrorResponses, errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { getDb } from '@/server/db/runtime';
import { PreferenceListSchema, PreferenceUpdateSchema } from '../preference-schemas';
import { getPreferences, updatePreferences } from '../server/preferences';

const authErrors = { 401: accessErrorResponses[401] };

const getRoute = createRoute({
  method: 'get',
  path: '/notifications/preferences',
  tags: ['Notifications'],
  summary: 'My notification preferences: for each kind that applies to my role, each channel on or off',
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(PreferenceListSchema, 'Preferences'), ...authErrors },
});

const putRoute = createRoute({
  method: 'put',
  path: '/notifications/preferences',
  tags: ['Notifications'],
  summary: 'Change some of my notification preferences (channels not sent stay as they are)',
  middleware: [requireUser] as const,
  request: { body: jsonBody(PreferenceUpdateSchema) },
  responses: {
    200: jsonResponse(PreferenceListSchema, 'All my preferences after the change'),
    400: errorResponses[400],
    422: errorResponses[422],
    ...authErrors,
  },
});

export const preferencesApi = createRouter()
  .openapi(getRoute, async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await getPreferences(await getDb(), c.get('user')!), 200);
  })
  .openapi(putRoute, async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await updatePreferences(await getDb(), c.get('user')!, c.req.valid('json')), 200);
  });
