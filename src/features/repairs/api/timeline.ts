import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { IdParamSchema, MessageBodySchema, NoteBodySchema, StaffTimelineEventSchema } from '../schemas';
import { addOrderNote } from '../server/add-order-note';
import { sendOrderMessage } from '../server/send-order-message';
import { toStaffTimelineEvent } from '@/features/repairs/server/staff-view';
import { callerOf, staffErrors, staffOnly } from '../server/staff-caller';

const noteRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/notes',
  tags: ['Staff'],
  summary: 'Add a note: internal (staff only, the default) or visible to the customer',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, body: jsonBody(NoteBodySchema) },
  responses: {
    201: jsonResponse(StaffTimelineEventSchema, 'The timeline event'),
    400: errorResponses[400],
    ...staffErrors,
  },
});

const messageRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/messages',
  tags: ['Staff'],
  summary: 'Send the customer a message (on their timeline and in their notifications)',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, body: jsonBody(MessageBodySchema) },
  responses: {
    201: jsonResponse(StaffTimelineEventSchema, 'The timeline event'),
    400: errorResponses[400],
    ...staffErrors,
  },
});

export const staffTimelineApi = createRouter()
  .openapi(noteRoute, async (c) => {
    const row = await addOrderNote(await getDb(), c.req.valid('param').id, c.req.valid('json'), callerOf(c));
    return c.json(toStaffTimelineEvent(row), 201);
  })
  .openapi(messageRoute, async (c) => {
    const row = await sendOrderMessage(
      await getDb(),
      c.req.valid('param').id,
      c.req.valid('json').body,
      callerOf(c),
    );
    return c.json(toStaffTimelineEvent(row), 201);
  });
