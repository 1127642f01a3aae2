import { sql, type SQL } from 'drizzle-orm';
import {
  bookings,
  idempotencyKeys,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  slotReservations,
} from '@/server/db/schema';
import type { QuoteSnapshot } from '@/server/db/schema';

export interface BookingWrite {
  bookingId: string;
  reference: string;
  trackingTokenHash: string;
  serviceType: 'drop_off' | 'mail_in' | 'walk_in';
  shopSlug: string | null;
  slot: { startsAt: Date; endsAt: Date; capacity: number } | null;
  modelSlug: string;
  customerName: string;
  customerEmail: string | null;
  customerPhone: string | null;
  /** the signed-in account making the booking, if any */
  userId: string | null;
  faultDescription: string | null;
  urgency: string;
  paymentMethod: string;
  quote: QuoteSnapshot;
  locale: string;
  createdAt: Date;
  eventMessage: string;
  /** an online payment is pending: the slot is held until then */
  paymentHoldUntil?: Date | null;
  /** `scope` defaults to 'booking' */
  idempotency: { key: string; requestHash: string; response: unknown; scope?: string } | null;
  /** the order's id when the caller needs it up front (walk-ins); generated otherwise */
  orderId?: string;
  /** who the `created` event names; the customer by default (a walk-in names the staff member) */
  createdBy?: { name: string; userId: string | null; role: 'customer' | 'staff' };
  /**
   * More rows written with the booking, in the same statement: given the order step (one row
   * when booked, none otherwise), an `INSERT … SELECT … FROM` it (e.g. an outbox event).
   */
  also?: (order: SQL) => SQL;
}

export interface BookingWriteResult {
  /** 0 when the slot was full (drop-off only) */
  slotTaken: number;
  /** 0 when the reference collided (retry with a new one) */
  booked: number;
  /** the repair order and its `created` timeline event (null unless booked) */
  orderId: string | null;
  eventId: number | string | bigint | null;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * All writes of a booking in ONE statement of chained data-modifying CTEs, atomic on its own
 * (no BEGIN/COMMIT round trips). Each step selects FROM the step before, so when one does
 * nothing (slot full, reference taken) nothing after it is written. One round trip instead of
 * nine matters on PGlite, where every query has a fixed protocol cost.
 *
 * The slot step is the same conditional upsert as ever (`booked < capacity`), so PostgreSQL's
 * row lock makes concurrent bookings of one slot queue up, and the CHECK on the table stays the
 * last line of defence.
 */
export function insertBookingSql(w: BookingWrite): SQL {
  const ctes: SQL[] = [];
  let gate: SQL = sql`(SELECT 1) AS one`;

  if (w.slot && w.shopSlug) {
    ctes.push(sql`slot AS (
      INSERT INTO ${slotReservations} (shop_slug, starts_at, capacity, booked)
      SELECT ${w.shopSlug}, ${ts(w.slot.startsAt)}, ${w.slot.capacity}::int, 1 FROM ${gate}
      ON CONFLICT (shop_slug, starts_at) DO UPDATE
        SET booked = ${slotReservations}.booked + 1
        WHERE ${slotReservations}.booked < ${slotReservations}.capacity
      RETURNING 1 AS ok)`);
    gate = sql`slot`;
  }

  ctes.push(sql`b AS (
    INSERT INTO ${bookings} (id, reference, tracking_token_hash, service_type, shop_slug,
      slot_starts_at, slot_ends_at, model_slug, customer_name, customer_email, customer_phone, user_id,
      fault_description, urgency, payment_method, quote, total_minor, currency, locale,
      payment_hold_until, created_at, updated_at)
    SELECT ${w.bookingId}::uuid, ${w.reference}, ${w.trackingTokenHash}, ${w.serviceType}, ${w.shopSlug},
      ${w.slot ? ts(w.slot.startsAt) : sql`NULL::timestamptz`}, ${w.slot ? ts(w.slot.endsAt) : sql`NULL::timestamptz`},
      ${w.modelSlug}, ${w.customerName}, ${w.customerEmail}, ${w.customerPhone}, ${w.userId}, ${w.faultDescription},
      ${w.urgency}, ${w.paymentMethod}, ${JSON.stringify(w.quote)}::jsonb, ${w.quote.totalMinor}::int,
      ${w.quote.currency}, ${w.locale},
      ${w.paymentHoldUntil ? ts(w.paymentHoldUntil) : sql`NULL::timestamptz`}, ${ts(w.createdAt)}, ${ts(w.createdAt)}
    FROM ${gate}
    ON CONFLICT (reference) DO NOTHING
    RETURNING id)`);

  if (w.idempotency) {
    // Last, and with no ON CONFLICT: a concurrent request with the same key makes this insert
    // wait for it, then fail with a unique violation, which undoes the whole statement (slot,
    // booking and all). The caller then replays the stored answer.
    ctes.push(sql`idem AS (
      INSERT INTO ${idempotencyKeys} (key, scope, request_hash, resource_id, response)
      SELECT ${w.idempotency.key}, ${w.idempotency.scope ?? 'booking'}, ${w.idempotency.requestHash}, b.id,
             ${JSON.stringify(w.idempotency.response)}::jsonb
      FROM b
      RETURNING 1 AS ok)`);
  }

  ctes.push(sql`o AS (
    INSERT INTO ${repairOrders} (id, reference, booking_id, shop_slug, status, status_entered_at, agreed_total_minor, created_at, updated_at)
    SELECT ${w.orderId ? sql`${w.orderId}::uuid` : sql`gen_random_uuid()`}, ${w.reference}, b.id, ${w.shopSlug}, 'booked', ${ts(w.createdAt)}, ${w.quote.totalMinor}::int, ${ts(w.createdAt)}, ${ts(w.createdAt)}
    FROM b
    RETURNING id)`);

  const lines = sql.join(
    w.quote.lines.map(
      (l) =>
        sql`(${l.repairSlug}, ${l.repairName}, ${l.partsMinor}::int, ${l.labourMinor}::int, ${l.discountMinor}::int, ${l.totalMinor}::int)`,
    ),
    sql`, `,
  );
  ctes.push(sql`l AS (
    INSERT INTO ${repairOrderLines} (order_id, kind, repair_slug, description, unit_minor, parts_minor, labour_minor, discount_minor, total_minor)
    SELECT o.id, 'repair', v.slug, v.descr, v.total, v.parts, v.labour, v.discount, v.total
    FROM o CROSS JOIN (VALUES ${lines}) AS v(slug, descr, parts, labour, discount, total)
    RETURNING 1)`);

  ctes.push(sql`e AS (
    INSERT INTO ${repairOrderEvents} (order_id, type, to_status, actor, actor_user_id, actor_role, visibility, message, created_at)
    SELECT o.id, 'created', 'booked', ${w.createdBy?.name ?? 'customer'}, ${w.createdBy?.userId ?? null},
      ${w.createdBy?.role ?? 'customer'}, 'customer', ${w.eventMessage}, ${ts(w.createdAt)} FROM o
    RETURNING id)`);

  if (w.also) ctes.push(sql`x AS (${w.also(sql`o`)} RETURNING 1)`);

  return sql`WITH ${sql.join(ctes, sql`, `)}
    SELECT
      ${w.slot ? sql`(SELECT count(*) FROM slot)::int` : sql`1`} AS "slotTaken",
      (SELECT count(*) FROM b)::int AS booked,
      (SELECT count(*) FROM l)::int AS lines,
      (SELECT count(*) FROM e)::int AS events,
      (SELECT id FROM o) AS "orderId",
      (SELECT id FROM e) AS "eventId"`;
}
