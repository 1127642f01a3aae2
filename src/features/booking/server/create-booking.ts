import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { isUniqueViolation } from '@/server/db/errors';
import { idempotencyKeys } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow, type ShopRow, isSlotBookable, slotEnd } from '@/features/shops/server';
import { assertAcceptedPrice, pricingConfigOf, quoteFromSnapshot } from '@/features/pricing/server';
import {
  generateReference,
  generateTrackingToken,
  canonicalJson,
  sha256,
  publishOrderEvents,
} from '@/features/repairs/server';
import type { BookingConfirmation, BookingRequest } from '../schemas';
import { calendarLinks } from './calendar';
import { manageUrl } from './manage-link';
import { insertBookingSql, type BookingWriteResult } from './insert-booking-sql';
import { kickOutbox } from '@/server/outbox';
import { bookingCreated } from './booking-hooks';

export interface CreateBookingOptions {
  idempotencyKey?: string;
  /** Base URL for links, e.g. https://shop.example (APP_URL, never a request header). */
  baseUrl: string;
  /** The signed-in customer making the booking: it joins their account at once. */
  userId?: string | null;
  /** minutes to hold the slot while an online payment is pending (card, PayPal) */
  holdMinutes?: number;
  now?: Date;
  /**
   * Work that commits with a new booking (never a replay), in its transaction: e.g. queueing the
   * confirmation e-mail, so a crash after the commit cannot lose it.
   */
  withBooking?: (tx: Db, booking: BookingConfirmation) => Promise<void>;
}

export interface CreateBookingResult {
  booking: BookingConfirmation;
  /** true when an earlier request with the same Idempotency-Key is being replayed */
  replayed: boolean;
}

export function shopAddress(shop: ShopRow): string {
  return [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode].filter(Boolean).join(', ');
}

export function trackingUrl(baseUrl: string, reference: string, token: string): string {
  return `${baseUrl}/track/${reference}?token=${encodeURIComponent(token)}`;
}

/**
 * Creates a booking and its repair order atomically.
 *
 * - Prices are computed here from the catalogue; the client sends only slugs.
 * - A slot's capacity is taken with one conditional upsert (`booked < capacity`), which is
 *   atomic under PostgreSQL's row locks and serialised on PGlite; a CHECK constraint backs it.
 * - With an Idempotency-Key, an earlier answer is replayed; the key row (with the response) is
 *   written in the same statement as the booking, so a concurrent retry blocks on the key until
 *   the first commits, fails as a whole, and replays the stored response.
 * - The booking's writes are one atomic statement (see insert-booking-sql.ts) that also writes
 *   the booking-created event (an outbox row: the staff notices, carried out after the commit),
 *   in a transaction with what commits alongside: `withBooking` (the confirmation e-mail).
 */
export async function createBooking(
  db: Db,
  input: BookingRequest,
  opts: CreateBookingOptions,
): Promise<CreateBookingResult> {
  const now = opts.now ?? new Date();
  const requestHash = sha256(canonicalJson(input));

  // A retry of an earlier request is recognised by the key's unique violation when the booking
  // is written; only where we stop before writing (slot gone, slot full) do we look it up.
  const replayOf = async () =>
    opts.idempotencyKey ? findReplay(db, opts.idempotencyKey, requestHash) : Promise.resolve(null);

  const [snapshot, shop] = await Promise.all([
    loadCatalog(db),
    input.service.type === 'drop_off' ? getShopRow(db, input.service.shopSlug) : Promise.resolve(null),
  ]);
  if (input.service.type === 'drop_off' && !shop) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown shop.', [
      { path: 'service.shopSlug', message: 'Choose one of our shops.' },
    ]);
  }
  const quote = quoteFromSnapshot(snapshot, input, pricingConfigOf(shop), now);
  try {
    // the price the customer accepted must still be the price (and still valid)
    assertAcceptedPrice(input.quote, quote, now);
  } catch (err) {
    const replay = await replayOf();
    if (replay) return { booking: replay, replayed: true };
    throw err;
  }
  const model = snapshot.modelsBySlug.get(input.modelSlug)!;

  let slotStartsAt: Date | null = null;
  let slotEndsAt: Date | null = null;
  if (shop && input.service.type === 'drop_off') {
    slotStartsAt = new Date(input.service.slotStartsAt);
    if (!isSlotBookable(shop, slotStartsAt, now)) {
      const replay = await replayOf();
      if (replay) return { booking: replay, replayed: true };
      throw new DomainError('SLOT_UNAVAILABLE', 'That drop-off time cannot be booked.', [
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
  const bookingId = randomUUID();
  const orderId = randomUUID();
  const createdAt = now;
  const paymentHoldUntil =
    input.paymentMethod !== 'collection' && opts.holdMinutes
      ? new Date(now.getTime() + opts.holdMinutes * 60_000)
      : null;
  const eventMessage =
    input.service.type === 'mail_in' ? 'Booked for mail-in' : `Booked for drop-off at ${shop!.name}`;

  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generateReference();
    const tracking = trackingUrl(opts.baseUrl, reference, token);
    const links = calendarLinks({
      reference,
      sequence: 0,
      deviceName: model.name,
      repairs: quote.lines.map((l) => l.repairName),
      shop,
      startsAt: slotStartsAt,
      endsAt: slotEndsAt,
      trackingUrl: tracking,
    });
    const confirmation: BookingConfirmation = {
      id: bookingId,
      reference,
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
      customer: { name: input.customer.name, email: input.customer.email },
      paymentMethod: input.paymentMethod,
      calendarUrl: `/api/bookings/${reference}/calendar.ics?token=${encodeURIComponent(token)}`,
      googleCalendarUrl: links.google,
      outlookCalendarUrl: links.outlook,
      manageUrl: manageUrl(opts.baseUrl, reference),
      createdAt: createdAt.toISOString(),
      paymentHoldUntil: paymentHoldUntil?.toISOString() ?? null,
    };

    let row: BookingWriteResult | undefined;
    try {
      row = await db.transaction(async (tx) => {
        const res = await tx.execute(
          insertBookingSql({
            bookingId,
            orderId,
            reference,
            trackingTokenHash: sha256(token),
            serviceType: input.service.type,
            shopSlug: shop?.slug ?? null,
            slot:
              shop && slotStartsAt && slotEndsAt
                ? { startsAt: slotStartsAt, endsAt: slotEndsAt, capacity: shop.capacityPerSlot }
                : null,
            modelSlug: model.slug,
            customerName: input.customer.name,
            customerEmail: input.customer.email,
            customerPhone: input.customer.phone ?? null,
            userId: opts.userId ?? null,
            faultDescription: input.faultDescription || null,
            urgency: input.urgency,
            paymentMethod: input.paymentMethod,
            quote,
            locale: input.locale,
            createdAt,
            eventMessage,
            paymentHoldUntil,
            idempotency: opts.idempotencyKey
              ? { key: opts.idempotencyKey, requestHash, response: confirmation }
              : null,
            also: (order) =>
              bookingCreated.insertFrom(order, {
                bookingId,
                orderId,
                reference,
                shopSlug: shop?.slug ?? null,
                serviceType: input.service.type,
                createdByUserId: null,
              }),
          }),
        );
        const written = (res as unknown as { rows: BookingWriteResult[] }).rows[0];
        if (written && written.slotTaken !== 0 && written.booked !== 0 && written.orderId) {
          await opts.withBooking?.(tx, confirmation);
        }
        return written;
      });
    } catch (err) {
      if (!opts.idempotencyKey || !isUniqueViolation(err, 'idempotency_keys_pkey')) throw err;
      // a concurrent request with this key won the race; nothing of ours was written
      const replay = await findReplay(db, opts.idempotencyKey, requestHash);
      if (replay) return { booking: replay, replayed: true };
      throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still in progress.');
    }
    if (!row) throw new Error('booking statement returned no row');
    const outcome = row.slotTaken === 0 ? 'slot-full' : row.booked === 0 ? 'reference-taken' : 'booked';

    if (outcome === 'booked') {
      // the staff console (and any open stream of the order) hears about the new booking
      if (row.orderId && row.eventId !== null) {
        publishOrderEvents({ id: row.orderId, shopSlug: shop?.slug ?? null, status: 'booked' }, [
          { id: Number(row.eventId), type: 'created', visibility: 'customer' },
        ]);
      }
      // the staff notices (the outbox event written with the booking)
      kickOutbox();
      return { booking: confirmation, replayed: false };
    }
    if (outcome === 'slot-full') {
      const replay = await replayOf();
      if (replay) return { booking: replay, replayed: true };
      throw new DomainError('SLOT_FULL', 'That drop-off slot has just been fully booked.', [
        { path: 'service.slotStartsAt', message: 'This slot is now full. Please choose another time.' },
      ]);
    }
    // 'reference-taken': astronomically rare; try again with a fresh reference
  }
  throw new Error('could not allocate a unique booking reference');
}

async function findReplay(db: Db, key: string, requestHash: string): Promise<BookingConfirmation | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.scope, 'booking')));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was already used with a different request. Use a new key for a new booking.',
    );
  }
  return (row.response as BookingConfirmation | null) ?? null;
}
