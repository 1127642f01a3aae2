/**
 * The staff queue: repair orders with their booking, device, shop and technician, filtered
 * and searched in SQL (one query for the page, one for the count).
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias, union } from 'drizzle-orm/pg-core';
import type { Db } from '@/server/db/runtime';
import { bookings, brands, deviceModels, phoneDigits, repairOrders, shops, user } from '@/server/db/schema';
import {
  isOverdue,
  REPAIR_STATUSES,
  STATUS_TIME_LIMIT_HOURS,
  isTerminal,
  type RepairStatus,
} from '@/features/repairs';
import type {
  StaffOrderList,
  StaffOrderSort,
  StaffOrderSummary,
  StatusFilter,
} from '@/features/console/schemas';
import { containsPattern } from '@/server/db/like';

export interface StaffOrderFilters {
  statuses?: StatusFilter[];
  shop?: string;
  /** a user id, or 'unassigned' */
  technician?: string;
  urgency?: string;
  overdue?: boolean;
  q?: string;
  sort?: StaffOrderSort;
  limit: number;
  offset: number;
}

const ACTIVE_STATUSES = REPAIR_STATUSES.filter((s) => !isTerminal(s));

/** Orders past their status's time limit at `now` (the SQL twin of `isOverdue`). */
export function overdueCondition(now: Date): SQL {
  const parts = Object.entries(STATUS_TIME_LIMIT_HOURS).map(([status, hours]) =>
    and(
      eq(repairOrders.status, status),
      lt(repairOrders.statusEnteredAt, new Date(now.getTime() - hours! * 3_600_000)),
    ),
  );
  return or(...parts)!;
}

/**
 * The search: orders whose reference, IMEI/serial, customer name, e-mail or phone, or device
 * (model, or brand and model) contain the text. Written as `id IN (… UNION …)` of one lookup per
 * table rather than one OR across the joined tables, which no index can answer (the planner
 * would read every order): the order and contact lookups are answered by their table's trigram
 * index (repair_orders_search_trgm_idx, bookings_contact_trgm_idx), the device lookup by the
 * bookings of the catalogue models the text matches (bookings_model_idx). Those models are read
 * first (a few hundred catalogue rows) and passed as values: the planner then knows how many
 * orders they hold (none, for a search that names no device) instead of guessing.
 */
async function searchCondition(db: Db, q: string): Promise<SQL | undefined> {
  const text = q.trim();
  if (!text) return undefined;
  const like = containsPattern(text);
  // IMEIs and serials are stored without spaces or dashes, upper-cased
  const compact = text.replace(/[\s\-./]/g, '').toUpperCase();
  // phone numbers are compared on their digits only
  const digits = text.replace(/\D/g, '');
  const phone =
    digits.length >= 4 && /^[+\d\s()-]+$/.test(text)
      ? sql`${phoneDigits(bookings.customerPhone)} LIKE ${`%${digits}%`}`
      : ilike(bookings.customerPhone, like);
  const models = await db
    .select({ slug: deviceModels.slug })
    .from(deviceModels)
    .leftJoin(brands, eq(brands.slug, deviceModels.brandSlug))
    .where(
      or(ilike(deviceModels.name, like), sql`(${brands.name} || ' ' || ${deviceModels.name}) ILIKE ${like}`),
    );
  const ofOrders = db
    .select({ id: repairOrders.id })
    .from(repairOrders)
    .where(
      or(
        ilike(repairOrders.reference, like),
        compact.length >= 3 ? ilike(repairOrders.imeiSerial, containsPattern(compact)) : undefined,
      ),
    );
  const ofBookings = (where: SQL | undefined) =>
    db
      .select({ id: repairOrders.id })
      .from(bookings)
      .innerJoin(repairOrders, eq(repairOrders.bookingId, bookings.id))
      .where(where);
  const ofContacts = ofBookings(
    or(ilike(bookings.customerName, like), ilike(bookings.customerEmail, like), phone),
  );
  const slugs = models.map((m) => m.slug);
  const found =
    slugs.length > 0
      ? union(ofOrders, ofContacts, ofBookings(inArray(bookings.modelSlug, slugs)))
      : union(ofOrders, ofContacts);
  return inArray(repairOrders.id, found);
}

export async function listStaffOrders(
  db: Db,
  filters: StaffOrderFilters,
  now = new Date(),
): Promise<StaffOrderList> {
  const conditions: SQL[] = [];
  if (filters.statuses && filters.statuses.length > 0) {
    const wanted = new Set<RepairStatus>();
    for (const s of filters.statuses) {
      if (s === 'active') ACTIVE_STATUSES.forEach((a) => wanted.add(a));
      else wanted.add(s);
    }
    conditions.push(inArray(repairOrders.status, [...wanted]));
  }
  if (filters.shop) conditions.push(eq(repairOrders.shopSlug, filters.shop));
  if (filters.technician === 'unassigned') conditions.push(isNull(repairOrders.assignedTechnicianId));
  else if (filters.technician) conditions.push(eq(repairOrders.assignedTechnicianId, filters.technician));
  if (filters.urgency) conditions.push(eq(bookings.urgency, filters.urgency));
  if (filters.overdue) {
    conditions.push(overdueCondition(now), notInArray(repairOrders.status, ['collected', 'cancelled']));
  }
  const search = filters.q ? await searchCondition(db, filters.q) : undefined;
  if (search) conditions.push(search);
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const tech = alias(user, 'tech');
  const order =
    filters.sort === 'waiting'
      ? [asc(repairOrders.statusEnteredAt), asc(repairOrders.id)]
      : [desc(repairOrders.createdAt), desc(repairOrders.id)];

  const [rows, [totals]] = await Promise.all([
    db
      .select({
        order: repairOrders,
        urgency: bookings.urgency,
        serviceType: bookings.serviceType,
        slotStartsAt: bookings.slotStartsAt,
        customerName: bookings.customerName,
        currency: bookings.currency,
        modelSlug: bookings.modelSlug,
        modelName: deviceModels.name,
        brandName: brands.name,
        shopName: shops.name,
        shopTimeZone: shops.timeZone,
        techName: tech.name,
      })
      .from(repairOrders)
      .innerJoin(bookings, eq(bookings.id, repairOrders.bookingId))
      .leftJoin(deviceModels, eq(deviceModels.slug, bookings.modelSlug))
      .leftJoin(brands, eq(brands.slug, deviceModels.brandSlug))
      .leftJoin(shops, eq(shops.slug, repairOrders.shopSlug))
      .leftJoin(tech, eq(tech.id, repairOrders.assignedTechnicianId))
      .where(where)
      .orderBy(...order)
      .limit(filters.limit)
      .offset(filters.offset),
    // the total joins the booking only when a filter needs it: otherwise "has a booking" (the
    // foreign key guarantees it exists) counts the same rows from repair_orders' own indexes
    filters.urgency
      ? db
          .select({ n: count() })
          .from(repairOrders)
          .innerJoin(bookings, eq(bookings.id, repairOrders.bookingId))
          .where(where)
      : db
          .select({ n: count() })
          .from(repairOrders)
          .where(and(isNotNull(repairOrders.bookingId), where)),
  ]);

  const items: StaffOrderSummary[] = rows.map((r) => {
    const status = r.order.status as RepairStatus;
    return {
      id: r.order.id,
      reference: r.order.reference,
      status,
      statusEnteredAt: r.order.statusEnteredAt.toISOString(),
      overdue: isOverdue(status, r.order.statusEnteredAt, now),
      urgency: r.urgency,
      serviceType: r.serviceType,
      slotStartsAt: r.slotStartsAt?.toISOString() ?? null,
      device: { slug: r.modelSlug, name: r.modelName ?? r.modelSlug, brandName: r.brandName ?? '' },
      customerName: r.customerName,
      shop:
        r.order.shopSlug && r.shopName
          ? { slug: r.order.shopSlug, name: r.shopName, timeZone: r.shopTimeZone ?? 'Europe/London' }
          : null,
      assignedTechnician:
        r.order.assignedTechnicianId && r.techName
          ? { id: r.order.assignedTechnicianId, name: r.techName }
          : null,
      agreedTotalMinor: r.order.agreedTotalMinor,
      currency: r.currency,
      createdAt: r.order.createdAt.toISOString(),
      version: r.order.version,
    };
  });
  const total = totals?.n ?? 0;
  const next = filters.offset + items.length;
  return {
    items,
    total,
    limit: filters.limit,
    offset: filters.offset,
    nextOffset: next < total ? next : null,
  };
}
