/**
 * A walk-in: a customer hands a device in at the counter without a booking. It is a booking
 * (service type `walk_in`, no slot, pay on collection) written by the same statement as online
 * bookings, priced on the server, and its order is received at once: created, assigned to the
 * staff member at the counter, intake recorded and booked -> received, all in one transaction.
 * Idempotent with an Idempotency-Key (per staff member).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { idempotencyKeys, repairOrderEvents, user } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import { pricingConfigOf, quoteFromSnapshot } from '@/features/pricing/server';
import {
  generateReference,
  generateTrackingToken,
  canonicalJson,
  sha256,
  signedTrackingPath,
  loadOrder,
  publishOrderEvents,
} from '@/features/repairs/server';
import { kickOutbox } from '@/server/outbox';
import { bookingCreated } from './booking-hooks';
import { insertBookingSql, type BookingWriteResult } from './insert-booking-sql';
import { shopAddress, trackingUrl } from './create-booking';
import { sendBookingConfirmation } from './send-confirmation';
import { isUniqueViolation } from '@/server/db/errors';
import type { BookingConfirmation, WalkInCreated, WalkInInput } from '../schemas';
import { publishNotifications } from '@/features/notifications/server';
import { applyStatusChange, applyAssignment, applyIntake } from '@/features/repairs/server/commands';
import type { StaffCaller } from '@/features/repairs/server';

const SCOPE = 'walk_in';

export interface CreateWalkInOptions {
  idempotencyKey?: string;
  baseUrl: string;
  now?: Date;
}

export interface CreateWalkInResult {
  created: WalkInCreated;
  replayed: boolean;
}

async function findReplay(db: Db, key: string, requestHash: string): Promise<WalkInCreated | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.scope, SCOPE)));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was already used with a different request. Use a new key for a new walk-in.',
    );
  }
  return (row.response as WalkInCreated | null) ?? null;
}

/** The customer's verified account with this address, so the repair shows in their portal. */
async function accountFor(db: Db, email: string | undefined): Promise<string | null> {
  if (!email) return null;
  const [row] = await db
    .select({ id: user.id })
    .from(user)
    .where(and(sql`lower(${user.email}) = lower(${email})`, eq(user.emailVerified, true)));
  return row?.id ?? null;
}

export async function createWalkIn(
  db: Db,
  input: WalkInInput,
  caller: StaffCaller,
  opts: CreateWalkInOptions,
): Promise<CreateWalkInResult> {
  const now = opts.now ?? new Date();
  const me = caller.user;
  // never hash the passcode itself into a stored value
  const { passcode, ...hashed } = input;
  const requestHash = sha256(canonicalJson({ ...hashed, passcodeGiven: !!passcode, by: me.id }));
  const key = opts.idempotencyKey ? `walk-in:${me.id}:${opts.idempotencyKey}` : undefined;

  if (me.shopSlug && input.shopSlug && input.shopSlug !== me.shopSlug) {
    throw new DomainError('VALIDATION_FAILED', 'You can only take in devices at your own shop.', [
      { path: 'shopSlug', message: 'Leave this empty: walk-ins are taken in at your shop.' },
    ]);
  }
  const shopSlug = me.shopSlug ?? input.shopSlug;
  if (!shopSlug) {
    throw new DomainError('VALIDATION_FAILED', 'Which shop is the device handed in at?', [
      { path: 'shopSlug', message: 'Choose the shop.' },
    ]);
  }
  const shop = await getShopRow(db, shopSlug);
  if (!shop) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown shop.', [
      { path: 'shopSlug', message: 'Choose one of our shops.' },
    ]);
  }
  const [snapshot, customerUserId] = await Promise.all([
    loadCatalog(db),
    accountFor(db, input.customer.email),
  ]);
  const quote = quoteFromSnapshot(snapshot, input, pricingConfigOf(shop), now);
  const model = snapshot.modelsBySlug.get(input.modelSlug)!;

  const token = generateTrackingToken();
  const bookingId = randomUUID();
  const orderId = randomUUID();
  const actor = caller.actor;

  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generateReference();
    const created: WalkInCreated = {
      orderId,
      reference,
      status: 'received',
      trackingUrl: `${opts.baseUrl}${signedTrackingPath(reference)}`,
    };
    const confirmation: BookingConfirmation = {
      id: bookingId,
      reference,
      trackingToken: token,
      trackingUrl: trackingUrl(opts.baseUrl, reference, token),
      status: 'received',
      quote: quote as BookingConfirmation['quote'],
      device: { slug: model.slug, name: model.name, brandName: model.brandName },
      service: {
        type: 'walk_in',
        shop: { slug: shop.slug, name: shop.name, address: shopAddress(shop), timeZone: shop.timeZone },
        slotStartsAt: null,
        slotEndsAt: null,
      },
      customer: { name: input.customer.name, email: input.customer.email ?? '' },
      paymentMethod: 'collection',
      calendarUrl: '',
      googleCalendarUrl: null,
      outlookCalendarUrl: null,
      manageUrl: '',
      createdAt: now.toISOString(),
    };
    let out;
    try {
      out = await db.transaction(async (tx) => {
        const res = await tx.execute(
          insertBookingSql({
            bookingId,
            orderId,
            reference,
            trackingTokenHash: sha256(token),
            serviceType: 'walk_in',
            shopSlug: shop.slug,
            slot: null,
            modelSlug: model.slug,
            customerName: input.customer.name,
            customerEmail: input.customer.email ?? null,
            customerPhone: input.customer.phone ?? null,
            userId: customerUserId,
            faultDescription: input.faultDescription || null,
            urgency: input.urgency,
            paymentMethod: 'collection',
            quote,
            locale: 'en-GB',
            createdAt: now,
            eventMessage: `Handed in at ${shop.name}`,
            createdBy: { name: actor.name, userId: actor.userId, role: 'staff' },
            idempotency: key ? { key, requestHash, response: created, scope: SCOPE } : null,
            // the shop's managers hear of the new walk-in after the commit (wired by the entry)
            also: (order) =>
              bookingCreated.insertFrom(order, {
                bookingId,
                orderId,
                reference,
                shopSlug: shop.slug,
                serviceType: 'walk_in',
                createdByUserId: actor.userId,
              }),
          }),
        );
        const row = (res as unknown as { rows: BookingWriteResult[] }).rows[0];
        if (!row || row.booked === 0) return null; // reference taken: nothing was written
        const loaded = await loadOrder(tx, orderId, true);
        const createdEvents = await tx
          .select()
          .from(repairOrderEvents)
          .where(eq(repairOrderEvents.orderId, orderId));
        const assignment = await applyAssignment(tx, loaded, { id: me.id, name: me.name }, actor, now);
        const intake = await applyIntake(tx, assignment.loaded, input, actor, now);
        const status = await applyStatusChange(
          tx,
          intake.loaded,
          { to: 'received', email: false },
          actor,
          caller.role,
          now,
          caller.request ?? null,
        );
        // the counter receipt by e-mail (no manage link: there is no appointment to move),
        // message and delivery job committed with the walk-in; a customer who gave only a phone
        // number or a name gets the reference at the counter instead
        if (input.customer.email) await sendBookingConfirmation(tx, confirmation);
        return {
          order: status.loaded.order,
          events: [...createdEvents, ...assignment.events, intake.event, ...status.events],
          notifications: [...assignment.notifications, ...status.notifications],
        };
      });
    } catch (err) {
      if (!key || !isUniqueViolation(err, 'idempotency_keys_pkey')) throw err;
      // the same request was made before (or is being made right now and has just committed)
      const replay = await findReplay(db, key, requestHash);
      if (replay) return { created: replay, replayed: true };
      throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still in progress.');
    }
    if (!out) continue;

    publishOrderEvents(out.order, out.events);
    publishNotifications(out.notifications);
    kickOutbox();
    return { created, replayed: false };
  }
  throw new Error('could not allocate a unique booking reference');
}
