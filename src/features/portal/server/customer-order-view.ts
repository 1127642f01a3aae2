/**
 * The customer's view of an order, shared by the account portal and the public tracking link.
 * Only customer-visible events of customer-facing types leave this file, each reduced to the
 * fields listed in OrderEventSchema: never an internal note, an event's `data`, or a user id.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderEvents, repairQuotes } from '@/server/db/schema';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import { STATUS_PROGRESS, type RepairStatus, nextStepFor } from '@/features/repairs';
import { CUSTOMER_EVENT_TYPES, type OrderEventDto } from '@/features/repairs/schemas';
import { type CustomerOrder } from '../schemas';
import type { LoadedOrder, OrderEventRow } from '@/features/repairs/server';

export function toOrderEventDto(e: OrderEventRow): OrderEventDto {
  const role = e.actorRole === 'customer' || e.actorRole === 'staff' ? e.actorRole : 'system';
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    message: e.message,
    actor: { name: role === 'system' ? null : e.actor, role },
    at: e.createdAt.toISOString(),
  };
}

/** The order's customer-visible events, oldest first. */
export async function customerEvents(db: Db, orderId: string): Promise<OrderEventDto[]> {
  const rows = await db
    .select()
    .from(repairOrderEvents)
    .where(
      and(
        eq(repairOrderEvents.orderId, orderId),
        eq(repairOrderEvents.visibility, 'customer'),
        inArray(repairOrderEvents.type, [...CUSTOMER_EVENT_TYPES]),
      ),
    )
    .orderBy(asc(repairOrderEvents.id));
  return rows.map(toOrderEventDto);
}

/** Which of these orders have a revised quote waiting for the customer's decision. */
export async function ordersWithPendingQuote(db: Db, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db
    .select({ orderId: repairQuotes.orderId })
    .from(repairQuotes)
    .where(and(inArray(repairQuotes.orderId, orderIds), eq(repairQuotes.status, 'pending')));
  return new Set(rows.map((r) => r.orderId));
}

export async function customerOrderView(db: Db, { order, booking }: LoadedOrder): Promise<CustomerOrder> {
  const [timeline, snapshot, shop, pending] = await Promise.all([
    customerEvents(db, order.id),
    loadCatalog(db),
    booking.shopSlug ? getShopRow(db, booking.shopSlug) : Promise.resolve(null),
    ordersWithPendingQuote(db, [order.id]),
  ]);
  const model = snapshot.modelsBySlug.get(booking.modelSlug);
  const status = order.status as RepairStatus;
  return {
    reference: booking.reference,
    status: order.status,
    progress: STATUS_PROGRESS[status] ?? 0,
    statusEnteredAt: order.statusEnteredAt.toISOString(),
    nextStep: nextStepFor({
      status,
      serviceType: booking.serviceType,
      slotStartsAt: booking.slotStartsAt,
      shopName: shop?.name ?? null,
      hasPendingQuote: pending.has(order.id),
      warrantyEndsAt: order.warrantyEndsAt,
    }),
    device: {
      slug: booking.modelSlug,
      name: model?.name ?? booking.modelSlug,
      brandName: model?.brandName ?? '',
    },
    repairs: booking.quote.lines.map((l) => l.repairName),
    customerName: booking.customerName,
    service: {
      type: booking.serviceType,
      shop: shop
        ? {
            slug: shop.slug,
            name: shop.name,
            address: [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode]
              .filter(Boolean)
              .join(', '),
            phone: shop.phone,
            timeZone: shop.timeZone,
          }
        : null,
      slotStartsAt: booking.slotStartsAt?.toISOString() ?? null,
      slotEndsAt: booking.slotEndsAt?.toISOString() ?? null,
    },
    bookingStatus: booking.status,
    quote: booking.quote as CustomerOrder['quote'],
    agreedTotalMinor: order.agreedTotalMinor ?? booking.totalMinor,
    collectedAt: order.collectedAt?.toISOString() ?? null,
    warrantyEndsAt: order.status === 'collected' ? (order.warrantyEndsAt?.toISOString() ?? null) : null,
    timeline,
    createdAt: booking.createdAt.toISOString(),
  };
}
