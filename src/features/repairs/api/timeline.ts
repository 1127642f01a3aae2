import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses } from '@/server/http/errors';
import { idempotencyHeader, jsonBody, jsonResponse } from '@/server/http/openapi';
import { getDb } from '@/server/db/runtime';
import { IdParamSchema, MessageBodySchema, NoteBodySchema, StaffTimelineEventSchema } from '../schemas';
import { addOrderNote } from '../server/add-order-note';
import { sendOrderMessage } from '../server/send-order-message';
import { toStaffTimelineEvent } from '@/features/repairs/server/staff-view';
import { callerOf, staffErrors, staffOnly } from '../server/staff-caller';

const IdempotencyHeader = idempotencyHeader(
  'A key the client makes once per note or message (a uuid); sending again with it returns the stored event (200, `Idempotent-Replayed: true`) instead of adding another',
);

const replayResponse = jsonResponse(
  StaffTimelineEventSchema,
  'A replay: the event stored earlier under this Idempotency-Key',
);

const noteRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/notes',
  tags: ['Staff'],
  summary: 'Add a note: internal (staff only, the default) or visible to the customer',
  middleware: [staffOnly] as const,
  request: { params: IdParamSchema, headers: IdempotencyHeader, body: jsonBody(NoteBodySchema) },
  responses: {
    200: replayResponse,
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
  request: { params: IdParamSchema, headers: IdempotencyHeader, body: jsonBody(MessageBodySchema) },
  responses: {
    200: replayResponse,
    201: jsonResponse(StaffTimelineEventSchema, 'The timeline event'),
    400: errorResponses[400],
    ...staffErrors,
  },
});

export const staffTimelineApi = createRouter()
  .openapi(noteRoute, async (c) => {
    const { row, replayed } = await addOrderNote(
      await getDb(),
      c.req.valid('param').id,
      c.req.valid('json'),
      callerOf(c),
      new Date(),
      c.req.valid('header')['idempotency-key'],
    );
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(toStaffTimelineEvent(row), replayed ? 200 : 201);
  })
  .openapi(messageRoute, async (c) => {
    const { row, replayed } = await sendOrderMessage(
      await getDb(),
      c.req.valid('param').id,
      c.req.valid('json').body,
      callerOf(c),
      new Date(),
      c.req.valid('header')['idempotency-key'],
    );
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(toStaffTimelineEvent(row), replayed ? 200 : 201);
  });
