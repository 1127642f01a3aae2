import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import {
  bookings,
  idempotencyKeys,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  slotReservations,
} from '@/server/db/schema';
import { ApiError } from '@/server/http/errors';
import { loadCatalog } from '@/features/catalog/server/load-catalog';
import { getShopRow, type ShopRow } from '@/features/shops/server/list-shops';
import { isSlotBookable, slotEnd } from '@/features/shops/server/availability';
import { pricingConfigFor, quoteFromSnapshot } from '@/features/pricing/server/quote-for';
import { generateReference, generateTrackingToken } from '../reference';
import type { BookingConfirmation, BookingRequest } from '../schemas';
import { canonicalJson, sha256 } from './tokens';
import { calendarLinks } from './calendar';

export interface CreateBookingOptions {
  idempotencyKey?: string;
  /** Base URL for links, e.g. https://shop.example (APP_URL or the request's origin). */
  baseUrl: string;
  now?: Date;
}

export interface CreateBookingResult {
  booking: BookingConfirmation;
  /** true when an earlier request with the same Idempotency-Key is being replayed */
  replayed: boolean;
}

function shopAddress(shop: ShopRow): string {
  return [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode].filter(Boolean).join(', ');
}

export function trackingUrl(baseUrl: string, reference: string, token: string): string {
  return `${baseUrl}/track/${reference}?token=${encodeURIComponent(token)}`;
}

/**
 * Creates a booking and its repair order in one transaction.
 *
 * - Prices are computed here from the catalogue; the client sends only slugs.
 * - A slot's capacity is taken with one conditional upsert (`booked < capacity`), which is
 *   atomic under PostgreSQL's row locks and serialised on PGlite; a CHECK constraint backs it.
 * - With an Idempotency-Key, the key row is inserted first: a concurrent retry blocks on the
 *   primary key until the first commits, then replays its stored response.
 */
export async function createBooking(
  db: Db,
  input: BookingRequest,
  opts: CreateBookingOptions,
): Promise<CreateBookingResult> {
  const now = opts.now ?? new Date();
  const requestHash = sha256(canonicalJson(input));

  if (opts.idempotencyKey) {
    const replay = await findReplay(db, opts.idempotencyKey, requestHash);
    if (replay) return { booking: replay, replayed: true };
  }

  const [snapshot, config] = await Promise.all([
    loadCatalog(db),
    pricingConfigFor(db, input.service.type === 'drop_off' ? input.service.shopSlug : undefined).catch(
      (err: unknown) => {
        if (err instanceof ApiError) {
          throw new ApiError('VALIDATION_FAILED', 'Unknown shop.', [
            { path: 'service.shopSlug', message: 'Choose one of our shops.' },
          ]);
        }
        throw err;
      },
    ),
  ]);
  const quote = quoteFromSnapshot(snapshot, input, config, now);
  const model = snapshot.modelsBySlug.get(input.modelSlug)!;

  let shop: ShopRow | null = null;
  let slotStartsAt: Date | null = null;
  let slotEndsAt: Date | null = null;
  if (input.service.type === 'drop_off') {
    shop = await getShopRow(db, input.service.shopSlug);
    if (!shop) throw new Error('shop vanished between lookups');
    slotStartsAt = new Date(input.service.slotStartsAt);
    if (!isSlotBookable(shop, slotStartsAt, now)) {
      throw new ApiError('SLOT_UNAVAILABLE', 'That drop-off time cannot be booked.', [
        {
          path: 'service.slotStartsAt',
          message:
            slotStartsAt.getTime() <= now.getTime()
              ? 'That time has passed. Please choose another slot.'
              : 'That time is not an available drop-off slot. Please choose another.',
        },
      ]);
    }
    slotEndsAt = slotEnd(shop, slotStartsAt);
  }

  const token = generateTrackingToken();

  return db.transaction(async (tx) => {
    if (opts.idempotencyKey) {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ key: opts.idempotencyKey, scope: 'booking', requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) {
        // another request with this key committed meanwhile
        const replay = await findReplay(tx, opts.idempotencyKey, requestHash);
        if (replay) return { booking: replay, replayed: true };
        throw new ApiError('CONFLICT', 'A request with this Idempotency-Key is still in progress.');
      }
    }

    if (shop && slotStartsAt) {
      const taken = await tx
        .insert(slotReservations)
        .values({ shopSlug: shop.slug, startsAt: slotStartsAt, capacity: shop.capacityPerSlot, booked: 1 })
        .onConflictDoUpdate({
          target: [slotReservations.shopSlug, slotReservations.startsAt],
          set: { booked: sql`${slotReservations.booked} + 1` },
          setWhere: sql`${slotReservations.booked} < ${slotReservations.capacity}`,
        })
        .returning({ booked: slotReservations.booked });
      if (taken.length === 0) {
        throw new ApiError('SLOT_FULL', 'That drop-off slot has just been fully booked.', [
          { path: 'service.slotStartsAt', message: 'This slot is now full. Please choose another time.' },
        ]);
      }
    }

    let booking: typeof bookings.$inferSelect | undefined;
    for (let attempt = 0; attempt < 5 && !booking; attempt++) {
      [booking] = await tx
        .insert(bookings)
        .values({
          reference: generateReference(),
          trackingTokenHash: sha256(token),
          serviceType: input.service.type,
          shopSlug: shop?.slug ?? null,
          slotStartsAt,
          slotEndsAt,
          modelSlug: model.slug,
          customerName: input.customer.name,
          customerEmail: input.customer.email,
          customerPhone: input.customer.phone ?? null,
          faultDescription: input.faultDescription || null,
          urgency: input.urgency,
          paymentMethod: input.paymentMethod,
          quote,
          totalMinor: quote.totalMinor,
          currency: quote.currency,
          locale: input.locale,
        })
        .onConflictDoNothing({ target: bookings.reference })
        .returning();
    }
    if (!booking) throw new Error('could not allocate a unique booking reference');

    const [order] = await tx
      .insert(repairOrders)
      .values({
        reference: booking.reference,
        bookingId: booking.id,
        shopSlug: booking.shopSlug,
        status: 'booked',
      })
      .returning({ id: repairOrders.id });
    await tx.insert(repairOrderLines).values(
      quote.lines.map((l) => ({
        orderId: order!.id,
        repairSlug: l.repairSlug,
        description: l.repairName,
        partsMinor: l.partsMinor,
        labourMinor: l.labourMinor,
        discountMinor: l.discountMinor,
        totalMinor: l.totalMinor,
      })),
    );
    await tx.insert(repairOrderEvents).values({
      orderId: order!.id,
      type: 'created',
      toStatus: 'booked',
      actor: 'customer',
      visibility: 'customer',
      message:
        input.service.type === 'mail_in' ? 'Booked for mail-in' : `Booked for drop-off at ${shop!.name}`,
    });

    const tracking = trackingUrl(opts.baseUrl, booking.reference, token);
    const links = calendarLinks({
      reference: booking.reference,
      sequence: 0,
      deviceName: model.name,
      repairs: quote.lines.map((l) => l.repairName),
      shop,
      startsAt: slotStartsAt,
      endsAt: slotEndsAt,
      trackingUrl: tracking,
    });
    const confirmation: BookingConfirmation = {
      id: booking.id,
      reference: booking.reference,
      trackingToken: token,
      trackingUrl: tracking,
      status: 'booked',
      quote: quote as BookingConfirmation['quote'],
      device: { slug: model.slug, name: model.name, brandName: model.brandName },
      service: {
        type: input.service.type,
        shop: shop
          ? { slug: shop.slug, name: shop.name, address: shopAddress(shop), timeZone: shop.timeZone }
          : null,
        slotStartsAt: slotStartsAt?.toISOString() ?? null,
        slotEndsAt: slotEndsAt?.toISOString() ?? null,
      },
      customer: { name: booking.customerName, email: booking.customerEmail },
      paymentMethod: booking.paymentMethod,
      calendarUrl: `/api/bookings/${booking.reference}/calendar.ics?token=${encodeURIComponent(token)}`,
      googleCalendarUrl: links.google,
      outlookCalendarUrl: links.outlook,
      createdAt: booking.createdAt.toISOString(),
    };

    if (opts.idempotencyKey) {
      await tx
        .update(idempotencyKeys)
        .set({ resourceId: booking.id, response: confirmation })
        .where(eq(idempotencyKeys.key, opts.idempotencyKey));
    }
    return { booking: confirmation, replayed: false };
  });
}

async function findReplay(db: Db, key: string, requestHash: string): Promise<BookingConfirmation | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.scope, 'booking')));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new ApiError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was already used with a different request. Use a new key for a new booking.',
    );
  }
  return (row.response as BookingConfirmation | null) ?? null;
}
