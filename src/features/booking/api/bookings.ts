import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { perBodyEmail, perIp, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { env } from '@/env';
import { jsonBody, jsonResponse, idempotencyHeader } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import { BookingConfirmationSchema, BookingRequestSchema } from '../schemas';
import { trackingUrl } from '../server/create-booking';
import { placeBooking } from '../server/place-booking';
import { findBookingByToken } from '@/features/repairs/server';
import { calendarFile } from '../server/calendar';

const IdempotencyHeader = idempotencyHeader(
  'A unique key per booking attempt; retries with the same key return the same booking.',
);

/** Anonymous booking is open to anyone: a budget per address and per customer e-mail. */
const bookingLimits = rateLimit(
  perIp('booking', env.RATE_LIMIT_BOOKING_IP, 'Too many bookings from this address.'),
  perBodyEmail(
    'booking',
    env.RATE_LIMIT_BOOKING_EMAIL,
    'customer.email',
    'Too many bookings for this e-mail address.',
  ),
);

const createBookingRoute = createRoute({
  method: 'post',
  path: '/bookings',
  tags: ['Booking'],
  summary: 'Book a repair (drop-off slot or mail-in). Idempotent with an Idempotency-Key.',
  middleware: [bookingLimits] as const,
  request: { headers: IdempotencyHeader, body: jsonBody(BookingRequestSchema) },
  responses: {
    201: jsonResponse(BookingConfirmationSchema, 'Booked'),
    200: jsonResponse(
      BookingConfirmationSchema,
      'A replay of an earlier request with the same Idempotency-Key',
    ),
    400: errorResponses[400],
    409: errorResponses[409],
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

const calendarRoute = createRoute({
  method: 'get',
  path: '/bookings/{reference}/calendar.ics',
  tags: ['Booking'],
  summary: 'The booking as an iCalendar file (needs the tracking token)',
  request: {
    params: z.object({ reference: z.string().min(1).max(20) }),
    query: z.object({ token: z.string().max(200).optional() }),
  },
  responses: {
    200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } },
    404: errorResponses[404],
  },
});

export const bookingsRoutes = createRouter()
  .openapi(createBookingRoute, async (c) => {
    const { booking, replayed } = await placeBooking(await getDb(), c.req.valid('json'), {
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      baseUrl: baseUrlOf(c),
      userId: c.get('user')?.id ?? null,
    });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(booking, replayed ? 200 : 201);
  })
  .openapi(calendarRoute, async (c) => {
    const db = await getDb();
    const { reference } = c.req.valid('param');
    const booking = await findBookingByToken(db, reference, c.req.valid('query').token);
    if (!booking) throw new DomainError('NOT_FOUND', 'No booking matches that reference and link.');
    const [snapshot, shop] = await Promise.all([
      loadCatalog(db),
      booking.shopSlug ? getShopRow(db, booking.shopSlug) : Promise.resolve(null),
    ]);
    const ics = calendarFile({
      reference: booking.reference,
      sequence: booking.icsSequence,
      deviceName: snapshot.modelsBySlug.get(booking.modelSlug)?.name ?? booking.modelSlug,
      repairs: booking.quote.lines.map((l) => l.repairName),
      shop,
      startsAt: booking.slotStartsAt,
      endsAt: booking.slotEndsAt,
      trackingUrl: trackingUrl(baseUrlOf(c), booking.reference, c.req.valid('query').token ?? ''),
      cancelled: booking.status === 'cancelled',
    });
    if (!ics)
      throw new DomainError('NOT_FOUND', 'Mail-in bookings have no appointment to add to a calendar.');
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${booking.reference}.ics"`,
      'cache-control': 'no-store',
    });
  });
