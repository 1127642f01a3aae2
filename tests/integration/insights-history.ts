/**
 * A fixed repair history written straight into the database for the insights tests: bookings,
 * their orders, booked repair lines and the status timeline, with the dates each figure reads.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/runtime';
import {
  bookings,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  type QuoteSnapshot,
} from '@/server/db/schema';

export interface PastOrder {
  shop: string;
  model: string;
  repairs: string[];
  /** ISO date-times (UTC) */
  received?: string;
  /** every move to "ready for collection", in order (a device sent back to repair has two) */
  ready?: string[];
  collected?: string;
  status?: string;
  imei?: string;
  email?: string;
}

let seq = 0;

export async function writeHistory(db: Db, orders: PastOrder[]): Promise<void> {
  for (const o of orders) {
    seq += 1;
    const reference = `RT-${randomBytes(3).toString('hex').toUpperCase()}`;
    const created = new Date(new Date(o.received ?? '2025-01-01T09:00:00Z').getTime() - 86_400_000);
    const [booking] = await db
      .insert(bookings)
      .values({
        reference,
        trackingTokenHash: randomBytes(16).toString('hex'),
        serviceType: 'drop_off',
        shopSlug: o.shop,
        modelSlug: o.model,
        customerName: `Customer ${seq}`,
        customerEmail: o.email ?? `history-${seq}-${randomBytes(3).toString('hex')}@example.com`,
        urgency: 'standard',
        paymentMethod: 'collection',
        quote: {} as QuoteSnapshot,
        totalMinor: 10_000,
        currency: 'GBP',
        createdAt: created,
      })
      .returning({ id: bookings.id });
    const status =
      o.status ?? (o.collected ? 'collected' : o.ready?.length ? 'ready_for_collection' : 'repairing');
    const [order] = await db
      .insert(repairOrders)
      .values({
        reference,
        bookingId: booking!.id,
        shopSlug: o.shop,
        status,
        imeiSerial: o.imei ?? null,
        receivedAt: o.received ? new Date(o.received) : null,
        collectedAt: o.collected ? new Date(o.collected) : null,
        createdAt: created,
      })
      .returning({ id: repairOrders.id });
    const orderId = order!.id;
    await db.insert(repairOrderLines).values(
      o.repairs.map((slug) => ({
        orderId,
        kind: 'repair' as const,
        repairSlug: slug,
        description: slug,
        totalMinor: 5_000,
      })),
    );
    const events: Array<{ to: string; at: string }> = [];
    if (o.received) events.push({ to: 'received', at: o.received });
    for (const [i, at] of (o.ready ?? []).entries()) {
      if (i > 0)
        events.push({ to: 'repairing', at: new Date(new Date(at).getTime() - 3_600_000).toISOString() });
      events.push({ to: 'ready_for_collection', at });
    }
    if (o.collected) events.push({ to: 'collected', at: o.collected });
    if (o.status === 'cancelled') events.push({ to: 'cancelled', at: o.received ?? created.toISOString() });
    if (events.length) {
      await db.insert(repairOrderEvents).values(
        events.map((e) => ({
          orderId,
          type: 'status_changed',
          toStatus: e.to,
          actor: 'Test',
          actorRole: 'staff',
          visibility: 'customer' as const,
          createdAt: new Date(e.at),
        })),
      );
    }
  }
}

/** `hours` after the ISO time `at`. */
export const plusHours = (at: string, hours: number) =>
  new Date(new Date(at).getTime() + hours * 3_600_000).toISOString();
