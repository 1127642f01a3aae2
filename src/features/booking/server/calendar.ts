import type { ShopRow } from '@/features/shops/server';
import { buildBookingIcs, googleCalendarUrl, outlookCalendarUrl, type BookingCalendarInput } from '../ics';

export interface CalendarSource {
  reference: string;
  sequence: number;
  deviceName: string;
  repairs: string[];
  shop: ShopRow | null;
  startsAt: Date | null;
  endsAt: Date | null;
  trackingUrl: string;
  cancelled?: boolean;
}

/** The UID is fixed per booking so a reschedule (higher SEQUENCE) updates the same entry. */
export function calendarUid(reference: string): string {
  return `${reference}@revivatech`;
}

function calendarInput(src: CalendarSource): BookingCalendarInput | null {
  if (!src.shop || !src.startsAt || !src.endsAt) return null;
  const address = [src.shop.addressLine1, src.shop.addressLine2, src.shop.city, src.shop.postcode]
    .filter(Boolean)
    .join(', ');
  return {
    uid: calendarUid(src.reference),
    sequence: src.sequence,
    title: `Drop off ${src.deviceName} at ${src.shop.name} (${src.reference})`,
    description: `Repair: ${src.repairs.join(', ')}\nBooking reference: ${src.reference}\nTrack your repair: ${src.trackingUrl}`,
    location: `${src.shop.name}, ${address}`,
    startsAt: src.startsAt,
    endsAt: src.endsAt,
    url: src.trackingUrl,
    organizer: { name: src.shop.name, email: src.shop.email },
    method: src.cancelled ? 'CANCEL' : 'PUBLISH',
    status: src.cancelled ? 'CANCELLED' : 'CONFIRMED',
  };
}

export function calendarLinks(src: CalendarSource): { google: string | null; outlook: string | null } {
  const input = calendarInput(src);
  if (!input) return { google: null, outlook: null };
  return { google: googleCalendarUrl(input), outlook: outlookCalendarUrl(input) };
}

export function calendarFile(src: CalendarSource): string | null {
  const input = calendarInput(src);
  return input ? buildBookingIcs(input) : null;
}

/** The stored input of a booking's `.ics` made at delivery (`bookingIcsAttachment`). */
export type StoredCalendarInput = Omit<BookingCalendarInput, 'startsAt' | 'endsAt' | 'dtstamp'> & {
  startsAt: string;
  endsAt: string;
};

/** What a deferred `.ics` attachment stores: plain JSON, made into the file when it is sent. */
export function calendarFileInput(src: CalendarSource): StoredCalendarInput | null {
  const input = calendarInput(src);
  if (!input) return null;
  return { ...input, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() };
}

/**
 * The e-mail domain's maker for `booking-ics` attachments (wired by the entry): the stored input
 * made into the `.ics`, base64.
 */
export function bookingIcsAttachment(stored: unknown): string | null {
  const s = stored as StoredCalendarInput | null;
  if (!s) return null;
  const ics = buildBookingIcs({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) });
  return Buffer.from(ics, 'utf8').toString('base64');
}
