import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { bookings, slotReservations } from '@/server/db/schema';
import { appendOrderEvent, publishOrderEvents, signedTrackingPath } from '@/features/repairs/server';
import { loadCatalog } from '@/features/catalog/server';
import { sendTemplate } from '@/features/email/server';
import { calendarFile } from './calendar';
import { shopAddress } from './create-booking';
import { DomainError } from '@/server/domain-error';
import { getShopRow, type ShopRow, isSlotBookable, slotEnd } from '@/features/shops/server';
import type { ManageBooking } from '../schemas';
import { findBookingBySignature, manageUrl } from './manage-link';
import { scheduleBookingReminder } from './schedule-reminder';
import { assertCustomerMayChange, lockBooking, manageNotFound } from './lock-booking';
import { manageSummary } from './get-manage-summary';
import type { ManageChangeOptions } from './cancel-booking';

const PATH = 'slotStartsAt';

/** Takes one place in a slot with the same conditional upsert as a new booking; false when full. */
async function takePlace(tx: Db, shop: ShopRow, startsAt: Date): Promise<boolean> {
  const rows = await tx
    .insert(slotReservations)
    .values({ shopSlug: shop.slug, startsAt, capacity: shop.capacityPerSlot, booked: 1 })
    .onConflictDoUpdate({
      target: [slotReservations.shopSlug, slotReservations.startsAt],
      set: { booked: sql`${slotReservations.booked} + 1` },
      setWhere: sql`${slotReservations.booked} < ${slotReservations.capacity}`,
    })
    .returning({ booked: slotReservations.booked });
  return rows.length > 0;
}

async function freePlace(tx: Db, shopSlug: string, startsAt: Date): Promise<void> {
  await tx
    .update(slotReservations)
    .set({ booked: sql`${slotReservations.booked} - 1` })
    .where(
      and(
        eq(slotReservations.shopSlug, shopSlug),
        eq(slotReservations.startsAt, startsAt),
        gt(slotReservations.booked, 0),
      ),
    );
}

function when(shop: ShopRow, d: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: shop.timeZone,
  }).format(d);
}

/** The "your drop-off has moved" e-mail, once per move (the calendar SEQUENCE keys it). */
async function sendRescheduledEmail(
  tx: Db,
  row: typeof bookings.$inferSelect,
  shop: ShopRow,
  previously: Date,
  baseUrl: string,
) {
  if (!row.customerEmail || !row.slotStartsAt) return;
  const deviceName = (await loadCatalog(tx)).modelsBySlug.get(row.modelSlug)?.name ?? row.modelSlug;
  const trackingUrl = `${baseUrl}${signedTrackingPath(row.reference)}`;
  const ics = calendarFile({
    reference: row.reference,
    sequence: row.icsSequence,
    deviceName,
    repairs: row.quote.lines.map((l) => l.repairName),
    shop,
    startsAt: row.slotStartsAt,
    endsAt: row.slotEndsAt,
    trackingUrl,
  });
  await sendTemplate(tx, {
    to: row.customerEmail,
    template: 'booking-rescheduled',
    data: {
      name: row.customerName,
      reference: row.reference,
      deviceName,
      when: when(shop, row.slotStartsAt),
      previously: when(shop, previously),
      shopName: shop.name,
      shopAddress: shopAddress(shop),
      trackingUrl,
      manageUrl: manageUrl(baseUrl, row.reference),
    },
    attachments: ics
      ? [
          {
            filename: `${row.reference}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: Buffer.from(ics, 'utf8').toString('base64'),
          },
        ]
      : [],
    dedupeKey: `rescheduled:${row.id}:${row.icsSequence}`,
    bookingId: row.id,
  });
}

/**
 * Moves a drop-off booking to another free, bookable slot of the same shop, in one transaction:
 * the new slot's place is taken with the conditional upsert (`booked < capacity`, so concurrent
 * moves into the last place cannot both win), the old place is given back, the booking gets the
 * new times and a higher calendar SEQUENCE (same UID), and the timeline gets a `rescheduled`
 * event. The two slot rows are always touched in time order, so two crossing moves cannot
 * deadlock on PostgreSQL.
 *
 * Moving to the slot the booking already has is refused (422): nothing would change, and a
 * silent no-op would hide a stale page from the customer.
 */
export async function rescheduleBooking(
  db: Db,
  reference: string,
  sig: string | null | undefined,
  slotStartsAt: string,
  opts: ManageChangeOptions,
): Promise<ManageBooking> {
  const found = await findBookingBySignature(db, reference, sig);
  if (!found) throw manageNotFound();
  const now = opts.now ?? new Date();
  if (found.serviceType !== 'drop_off' || !found.shopSlug || !found.slotStartsAt) {
    throw new DomainError('VALIDATION_FAILED', 'Mail-in bookings have no drop-off time to move.', [
      { path: PATH, message: 'This is a mail-in booking, so there is no drop-off time to change.' },
    ]);
  }
  const shop = await getShopRow(db, found.shopSlug);
  if (!shop) throw new Error(`shop ${found.shopSlug} of booking ${found.reference} is missing`);
  const startsAt = new Date(slotStartsAt);

  const updated = await db.transaction(async (tx) => {
    const { booking, order } = await lockBooking(tx, found.id);
    assertCustomerMayChange(booking, order, 'reschedule');
    const oldStartsAt = booking.slotStartsAt!;
    if (oldStartsAt.getTime() === startsAt.getTime()) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That is already the time of this booking.', [
        { path: PATH, message: 'Your booking is already at this time. Please choose a different slot.' },
      ]);
    }
    if (!isSlotBookable(shop, startsAt, now)) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That drop-off time cannot be booked.', [
        {
          path: PATH,
          message:
            startsAt.getTime() <= now.getTime()
              ? 'That time has passed. Please choose another slot.'
              : 'That time is not an available drop-off slot. Please choose another.',
        },
      ]);
    }

    // lock order: earlier slot first (a failed take rolls the whole transaction back)
    const newFirst = startsAt.getTime() < oldStartsAt.getTime();
    if (!newFirst) await freePlace(tx, shop.slug, oldStartsAt);
    if (!(await takePlace(tx, shop, startsAt))) {
      throw new DomainError('SLOT_FULL', 'That drop-off slot has just been fully booked.', [
        { path: PATH, message: 'This slot is now full. Please choose another time.' },
      ]);
    }
    if (newFirst) await freePlace(tx, shop.slug, oldStartsAt);

    const [row] = await tx
      .update(bookings)
      .set({
        slotStartsAt: startsAt,
        slotEndsAt: slotEnd(shop, startsAt),
        icsSequence: sql`${bookings.icsSequence} + 1`,
        updatedAt: now,
      })
      .where(eq(bookings.id, booking.id))
      .returning();
    const event = await appendOrderEvent(tx, {
      orderId: order.id,
      type: 'rescheduled',
      actor: { name: 'customer', userId: booking.userId, role: 'customer' },
      visibility: 'customer',
      message: `Drop-off moved from ${when(shop, oldStartsAt)} to ${when(shop, startsAt)}`,
      at: now,
    });
    // the customer's e-mail with the updated calendar entry, and a reminder for the new slot (the
    // old slot's job sees the move and does nothing), both committed with the move itself
    await sendRescheduledEmail(tx, row!, shop, oldStartsAt, opts.baseUrl);
    await scheduleBookingReminder(
      {
        bookingId: row!.id,
        slotStartsAt: startsAt.toISOString(),
        trackingUrl: manageUrl(opts.baseUrl, row!.reference),
        timeZone: shop.timeZone,
      },
      now,
      tx,
    );
    return { row: row!, order, event };
  });
  // after commit: the staff console and open streams of the order update live
  publishOrderEvents(updated.order, [updated.event]);
  return manageSummary(db, updated.row, opts.baseUrl);
}
