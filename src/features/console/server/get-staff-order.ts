/**
 * The staff view of one order: everything on the order page, including internal timeline
 * events, and what the caller may do to it (allowed status changes, assignment).
 * The passcode itself is never part of it (see reveal-passcode.ts).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { repairOrderEvents, repairOrderLines, user } from '@/server/db/schema';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import {
  signedTrackingPath,
  can,
  findOrder,
  orderPermissions,
  toStaffTimelineEvent,
  seesShopOnlyEvents,
  SHOP_ONLY_EVENT_TYPES,
} from '@/features/repairs/server';
import type { AppAbility } from '@/features/access';
import { allowedTransitions, isOverdue, type RepairStatus, type StaffRole } from '@/features/repairs';
import type { StaffOrderDetail } from '@/features/console/schemas';

export async function getStaffOrder(
  db: Db,
  idOrReference: string,
  caller: { ability: AppAbility; role: StaffRole; user?: { shopSlug: string | null } },
  now = new Date(),
): Promise<StaffOrderDetail | null> {
  const loaded = await findOrder(db, idOrReference);
  // an order the caller may not read is not found, so its existence is not revealed
  if (!loaded || !can(caller.ability, 'read', loaded)) return null;
  const { order, booking } = loaded;
  const people = [order.assignedTechnicianId, order.receivedBy].filter((id): id is string => !!id);
  const [events, lines, users, snapshot, shop] = await Promise.all([
    db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.orderId, order.id))
      .orderBy(asc(repairOrderEvents.id)),
    db
      .select()
      .from(repairOrderLines)
      .where(eq(repairOrderLines.orderId, order.id))
      .orderBy(asc(repairOrderLines.createdAt), asc(repairOrderLines.id)),
    people.length > 0
      ? db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, people))
      : Promise.resolve([]),
    loadCatalog(db),
    order.shopSlug ? getShopRow(db, order.shopSlug) : Promise.resolve(null),
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const person = (id: string | null) => (id && nameOf.has(id) ? { id, name: nameOf.get(id)! } : null);
  const model = snapshot.modelsBySlug.get(booking.modelSlug);
  const status = order.status as RepairStatus;
  const permissions = orderPermissions(caller.ability, loaded);

  return {
    id: order.id,
    reference: order.reference,
    status,
    statusEnteredAt: order.statusEnteredAt.toISOString(),
    overdue: isOverdue(status, order.statusEnteredAt, now),
    urgency: booking.urgency,
    serviceType: booking.serviceType,
    slotStartsAt: booking.slotStartsAt?.toISOString() ?? null,
    device: {
      slug: booking.modelSlug,
      name: model?.name ?? booking.modelSlug,
      brandName: model?.brandName ?? '',
    },
    customerName: booking.customerName,
    shop: shop ? { slug: shop.slug, name: shop.name, timeZone: shop.timeZone } : null,
    assignedTechnician: person(order.assignedTechnicianId),
    agreedTotalMinor: order.agreedTotalMinor,
    currency: booking.currency,
    createdAt: order.createdAt.toISOString(),
    bookingStatus: booking.status,
    customer: {
      name: booking.customerName,
      email: booking.customerEmail,
      phone: booking.customerPhone,
      hasAccount: booking.userId !== null,
    },
    faultDescription: booking.faultDescription,
    imeiSerial: order.imeiSerial,
    intake: {
      conditionNotes: order.conditionNotes,
      accessories: order.accessories,
      passcodePolicy: order.passcodePolicy,
      hasPasscode: order.passcodeEncrypted !== null,
      receivedAt: order.receivedAt?.toISOString() ?? null,
      receivedBy: person(order.receivedBy),
    },
    lines: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      unitMinor: l.unitMinor,
      totalMinor: l.totalMinor,
    })),
    linesTotalMinor: lines.reduce((sum, l) => sum + l.totalMinor, 0),
    quote: booking.quote as StaffOrderDetail['quote'],
    collectedAt: order.collectedAt?.toISOString() ?? null,
    warrantyEndsAt: order.warrantyEndsAt?.toISOString() ?? null,
    updatedAt: order.updatedAt.toISOString(),
    version: order.version,
    trackingPath: signedTrackingPath(order.reference),
    // another shop's staff do not see the shop-only events (the rating), as on the rating panel
    timeline: (seesShopOnlyEvents(caller.user?.shopSlug, order.shopSlug)
      ? events
      : events.filter((e) => !SHOP_ONLY_EVENT_TYPES.includes(e.type))
    ).map(toStaffTimelineEvent),
    allowedTransitions: permissions.update
      ? allowedTransitions(status, caller.role).map((r) => ({ to: r.to, requires: [...(r.requires ?? [])] }))
      : [],
    permissions,
  };
}
