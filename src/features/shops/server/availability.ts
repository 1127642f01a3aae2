import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { slotReservations } from '@/server/db/schema';
import { generateSlots, isBookableSlot, withAvailability, type SlotPolicy } from '../slots';
import type { ShopRow } from './list-shops';

export function slotPolicy(shop: ShopRow): SlotPolicy {
  return {
    timeZone: shop.timeZone,
    slotMinutes: shop.slotMinutes,
    capacityPerSlot: shop.capacityPerSlot,
    minNoticeMinutes: shop.minNoticeMinutes,
    horizonDays: shop.horizonDays,
    closedDates: shop.closedDates,
  };
}

export function isSlotBookable(shop: ShopRow, startsAt: Date, now: Date): boolean {
  return isBookableSlot(startsAt, shop.openingHours, slotPolicy(shop), now);
}

export function slotEnd(shop: ShopRow, startsAt: Date): Date {
  return new Date(startsAt.getTime() + shop.slotMinutes * 60_000);
}

/** Every bookable slot in the shop's horizon with its remaining capacity. */
export async function getAvailability(db: Db, shop: ShopRow, now: Date) {
  const slots = generateSlots(shop.openingHours, slotPolicy(shop), now);
  const first = slots[0];
  const last = slots[slots.length - 1];
  const booked = new Map<string, number>();
  if (first && last) {
    const rows = await db
      .select({ startsAt: slotReservations.startsAt, booked: slotReservations.booked })
      .from(slotReservations)
      .where(
        and(
          eq(slotReservations.shopSlug, shop.slug),
          gte(slotReservations.startsAt, first.startsAt),
          lte(slotReservations.startsAt, last.startsAt),
        ),
      );
    for (const r of rows) booked.set(r.startsAt.toISOString(), r.booked);
  }
  return withAvailability(slots, booked, shop.capacityPerSlot).map((s) => ({
    ...s,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  }));
}
