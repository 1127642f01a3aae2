import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { errorResponses } from '@/server/http/errors';
import { jsonBody, jsonResponse, idempotencyHeader } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server/load-catalog';
import { getShopRow } from '@/features/shops/server/list-shops';
import { BookingConfirmationSchema, BookingRequestSchema } from './schemas';
import { createBooking, trackingUrl } from './server/create-booking';
import { findBookingByToken } from '@/features/repairs/server/tracking';
import { calendarFile } from './server/calendar';
import { sendBookingConfirmation } from '@/features/email/server/send-booking-confirmation';
import { logger } from '@/server/logger';
import { paymentConfig } from '@/features/payments/server/config';
import { isMethodAvailable } from '@/features/payments/server/gateway';
import { paymentView } from '@/features/payments/server/ledger';
import {
  bookingPaymentView,
  isOnline,
  startBookingPayment,
} from '@/features/payments/server/booking-payment';

const IdempotencyHeader = idempotencyHeader(
  'A unique key per booking attempt; retries with the same key return the same booking.',
);

const createBookingRoute = createRoute({
  method: 'post',
  path: '/bookings',
  tags: ['Booking'],
  summary: 'Book a repair (drop-off slot or mail-in). Idempotent with an Idempotency-Key.',
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

export const bookingApi = createRouter()
  .openapi(createBookingRoute, async (c) => {
    const key = c.req.valid('header')['idempotency-key'];
    const input = c.req.valid('json');
    if (!isMethodAvailable(input.paymentMethod)) {
      throw new DomainError('VALIDATION_FAILED', 'That payment method is not available.', [
        { path: 'paymentMethod', message: 'PayPal is not available here. Choose card or pay on collection.' },
      ]);
    }
    const db = await getDb();
    const { booking, replayed } = await createBooking(db, input, {
      idempotencyKey: key,
      baseUrl: baseUrlOf(c),
      userId: c.get('user')?.id ?? null,
      holdMinutes: paymentConfig().holdMinutes,
    });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (isOnline(input.paymentMethod)) {
      // the slot is held while the customer pays; the confirmation e-mail waits for the payment
      // (or for a switch to pay on collection). A replay finds the same payment.
      const existing = replayed ? await bookingPaymentView(db, booking) : null;
      const payment =
        existing ??
        (await startBookingPayment(db, booking, input.paymentMethod, baseUrlOf(c)).then((row) =>
          paymentView(db, row, booking.reference),
        ));
      return c.json({ ...booking, payment }, replayed ? 200 : 201);
    }
    if (!replayed) {
      // A second statement after the booking's own (keeps the booking one fast atomic statement).
      // The message row is keyed `confirmation:<id>`, so it is stored once; a crash between the
      // two statements loses only this confirmation, and a failure after the row is stored is
      // covered by the e-mail sweep, which re-queues rows left in `queued`.
      await sendBookingConfirmation(db, booking, { manageUrl: booking.manageUrl }).catch((err: unknown) =>
        logger.error({ err, bookingId: booking.id }, 'could not queue the booking confirmation'),
      );
    }
    return c.json({ ...booking, payment: null }, replayed ? 200 : 201);
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
