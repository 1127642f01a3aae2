'use client';
import { useFormatter } from 'next-intl';
import type { BookingConfirmation } from '../schemas';

/** The booking's drop-off time in words, in the shop's time zone (null for mail-in). */
export function useSlotLabel(booking: BookingConfirmation): string | null {
  const format = useFormatter();
  if (!booking.service.slotStartsAt) return null;
  return format.dateTime(new Date(booking.service.slotStartsAt), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: booking.service.shop?.timeZone ?? 'Europe/London',
  });
}
