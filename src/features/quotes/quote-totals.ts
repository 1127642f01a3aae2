/**
 * Totals of an order's work lines and of revised quotes. Pure, shared by the server and tests.
 *
 * Prices are VAT-inclusive minor units. An order's total is the sum of its lines plus the
 * booking's urgency surcharge (a fixed amount the customer agreed to at booking, not a line),
 * so an untouched order totals exactly the booked quote. VAT is taken out of the total once,
 * at the booking's rate, never per line.
 */
import { splitVatInclusive } from '@/features/pricing';

const DAY_MS = 86_400_000;

/** When a revised quote's price stops holding: as long as a booking's quote (pricing's validity). */
export function revisedQuoteExpiresAt(sentAt: Date, validityDays: number): Date {
  return new Date(sentAt.getTime() + validityDays * DAY_MS);
}

/** The most a line may come to: 99 × £100,000 stays far inside a PostgreSQL integer. */
export const MAX_UNIT_MINOR = 10_000_000;
export const MAX_QUANTITY = 99;

export function lineTotalMinor(quantity: number, unitMinor: number): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new RangeError(`quantity must be an integer 1..${MAX_QUANTITY}`);
  }
  if (!Number.isInteger(unitMinor) || unitMinor < 0 || unitMinor > MAX_UNIT_MINOR) {
    throw new RangeError(`unitMinor must be an integer 0..${MAX_UNIT_MINOR}`);
  }
  return quantity * unitMinor;
}

export interface Totals {
  linesMinor: number;
  surchargeMinor: number;
  totalMinor: number;
  netMinor: number;
  vatMinor: number;
}

export function orderTotals(
  lines: ReadonlyArray<{ totalMinor: number }>,
  surchargeMinor: number,
  vatRateBp: number,
): Totals {
  const linesMinor = lines.reduce((sum, l) => sum + l.totalMinor, 0);
  const totalMinor = linesMinor + surchargeMinor;
  const { netMinor, vatMinor } = splitVatInclusive(totalMinor, vatRateBp);
  return { linesMinor, surchargeMinor, totalMinor, netMinor, vatMinor };
}

/** A quote snapshot stores its lines and total; the surcharge it carried is the difference. */
export function snapshotSurcharge(totalMinor: number, lines: ReadonlyArray<{ totalMinor: number }>): number {
  return totalMinor - lines.reduce((sum, l) => sum + l.totalMinor, 0);
}

/**
 * The agreed total each quote was measured against: the booking's total, then the total of each
 * approved quote in version order (the agreed total changes only when a revised quote is
 * approved). Returns quote id -> previous agreed total.
 */
export function previousAgreedTotals(
  quotes: ReadonlyArray<{ id: string; version: number; status: string; totalMinor: number }>,
  bookedTotalMinor: number,
): Map<string, number> {
  const result = new Map<string, number>();
  let agreed = bookedTotalMinor;
  for (const q of [...quotes].sort((a, b) => a.version - b.version)) {
    result.set(q.id, agreed);
    if (q.status === 'approved') agreed = q.totalMinor;
  }
  return result;
}

/** Pending first, then newest first. */
export function sortQuotes<T extends { status: string; version: number }>(quotes: readonly T[]): T[] {
  return [...quotes].sort((a, b) => {
    const pa = a.status === 'pending' ? 0 : 1;
    const pb = b.status === 'pending' ? 0 : 1;
    return pa - pb || b.version - a.version;
  });
}
