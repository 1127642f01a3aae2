import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { auditRequestFrom } from '@/features/audit/server';
import { getDb } from '@/server/db/runtime';
import { CancelBookingBodySchema, ManageBookingSchema, RescheduleBookingBodySchema } from '../schemas';
import { calendarSourceFor, getManageSummary } from '../server/get-manage-summary';
import { cancelBooking } from '../server/cancel-booking';
import { rescheduleBooking } from '../server/reschedule-booking';
import { findBookingBySignature } from '../server/manage-link';
import { manageNotFound } from '../server/lock-booking';
import { calendarFile } from '../server/calendar';

const params = z.object({ reference: z.string().min(1).max(20) });
const sigQuery = z.object({
  sig: z.string().max(200).optional().openapi({ description: 'The signature from the manage link' }),
});

const manageRoute = createRoute({
  method: 'get',
  path: '/bookings/{reference}/manage',
  tags: ['Booking'],
  summary: 'A booking behind its signed manage link (read-only: a GET never changes anything)',
  request: { params, query: sigQuery },
  responses: { 200: jsonResponse(ManageBookingSchema, 'The booking'), 404: errorResponses[404] },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/bookings/{reference}/cancel',
  tags: ['Booking'],
  summary: 'Cancel a booking through its signed manage link (only before the shop has the device)',
  request: { params, body: jsonBody(CancelBookingBodySchema) },
  responses: {
    200: jsonResponse(ManageBookingSchema, 'Cancelled'),
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
  },
});

const rescheduleRoute = createRoute({
  method: 'post',
  path: '/bookings/{reference}/reschedule',
  tags: ['Booking'],
  summary: 'Move a drop-off booking to another free slot of the same shop (signed manage link)',
  request: { params, body: jsonBody(RescheduleBookingBodySchema) },
  responses: {
    200: jsonResponse(ManageBookingSchema, 'Moved'),
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
    422: errorResponses[422],
  },
});

const manageCalendarRoute = createRoute({
  method: 'get',
  path: '/bookings/{reference}/manage/calendar.ics',
  tags: ['Booking'],
  summary: 'The booking as an iCalendar file (signed manage link); METHOD:CANCEL once cancelled',
  request: { params, query: sigQuery },
  responses: {
    200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } },
    404: errorResponses[404],
  },
});

export const manageRoutes = createRouter()
  .openapi(manageRoute, async (c) => {
    const { reference } = c.req.valid('param');
    const summary = await getManageSummary(await getDb(), reference, c.req.valid('query').sig, baseUrlOf(c));
    if (!summary) throw manageNotFound();
    c.header('cache-control', 'no-store');
    return c.json(summary, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { reference } = c.req.valid('param');
    const summary = await cancelBooking(await getDb(), reference, c.req.valid('json').sig, {
      baseUrl: baseUrlOf(c),
      request: auditRequestFrom(c),
    });
    return c.json(summary, 200);
  })
  .openapi(rescheduleRoute, async (c) => {
    const { reference } = c.req.valid('param');
    const { sig, slotStartsAt } = c.req.valid('json');
    const summary = await rescheduleBooking(await getDb(), reference, sig, slotStartsAt, {
      baseUrl: baseUrlOf(c),
    });
    return c.json(summary, 200);
  })
  .openapi(manageCalendarRoute, async (c) => {
    const db = await getDb();
    const booking = await findBookingBySignature(
      db,
      c.req.valid('param').reference,
      c.req.valid('query').sig,
    );
    if (!booking) throw manageNotFound();
    const ics = calendarFile((await calendarSourceFor(db, booking, baseUrlOf(c))).source);
    if (!ics)
      throw new DomainError('NOT_FOUND', 'Mail-in bookings have no appointment to add to a calendar.');
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${booking.reference}.ics"`,
      'cache-control': 'no-store',
    });
  });
