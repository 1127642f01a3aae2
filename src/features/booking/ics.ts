/**
 * Calendar artefacts for a booking: an .ics file (via the `ics` package) and add-to-calendar
 * links for Google and Outlook. All times are emitted in UTC.
 *
 * Updates: keep `uid` stable per booking and increase `sequence` on every change (reschedule,
 * cancellation) so calendar clients replace the existing event instead of adding another.
 */
import { createEvent, type EventAttributes } from 'ics';

export interface BookingCalendarInput {
  /** Stable per booking, e.g. `${reference}@revivatech`. */
  uid: string;
  /** Revision number; increment on every change to the booking. */
  sequence: number;
  title: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  url?: string;
  organizer?: { name: string; email: string };
  /** iTIP method. PUBLISH (default) suits downloads; REQUEST/CANCEL need an organizer. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** Defaults to CANCELLED when method is CANCEL, otherwise CONFIRMED. */
  status?: 'CONFIRMED' | 'CANCELLED';
  /** DTSTAMP; defaults to the current time (inside the `ics` package). Pass for determinism. */
  dtstamp?: Date;
}

export const ICS_PRODUCT_ID = '-//RevivaTech//Bookings//EN';

function assertValidInput(input: BookingCalendarInput): void {
  const { startsAt, endsAt, sequence, uid } = input;
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
    throw new RangeError('startsAt and endsAt must be valid dates');
  }
  if (endsAt.getTime() <= startsAt.getTime()) throw new RangeError('endsAt must be after startsAt');
  if (!Number.isInteger(sequence) || sequence < 0) {
    throw new RangeError('sequence must be a non-negative integer');
  }
  if (uid.trim() === '' || /[\r\n]/.test(uid)) throw new RangeError('uid must be a single line');
}

/**
 * Builds a single-event VCALENDAR (CRLF line endings, UTC DTSTART/DTEND).
 * Throws RangeError for invalid input and Error for anything the `ics` package rejects.
 */
export function buildBookingIcs(input: BookingCalendarInput): string {
  assertValidInput(input);
  const method = input.method ?? 'PUBLISH';
  if (method !== 'PUBLISH' && !input.organizer) {
    throw new RangeError(`METHOD:${method} requires an organizer`);
  }
  const status = input.status ?? (method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');

  // `timestamp` (DTSTAMP) is accepted by the ics schema but missing from its type definitions.
  const attributes: EventAttributes & { timestamp?: number } = {
    productId: ICS_PRODUCT_ID,
    method,
    uid: input.uid,
    sequence: input.sequence,
    title: input.title,
    description: input.description,
    location: input.location,
    start: input.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status,
    busyStatus: status === 'CANCELLED' ? 'FREE' : 'BUSY',
  };
  if (input.url) attributes.url = input.url;
  if (input.organizer) {
    // the ics package quotes CN but cannot escape a literal double quote inside it
    attributes.organizer = {
      name: input.organizer.name.replaceAll('"', "'"),
      email: input.organizer.email,
    };
  }
  if (input.dtstamp) attributes.timestamp = input.dtstamp.getTime();

  const { error, value } = createEvent(attributes);
  if (error || !value) {
    throw new Error(`Could not build calendar file: ${error?.message ?? 'no output'}`, {
      cause: error ?? undefined,
    });
  }
  return value;
}

type LinkInput = Pick<
  BookingCalendarInput,
  'title' | 'description' | 'location' | 'startsAt' | 'endsAt' | 'url'
>;

/** 'YYYYMMDDTHHMMSSZ' */
function compactUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** 'YYYY-MM-DDTHH:MM:SSZ' */
function isoUtcSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Percent-encodes values (spaces as %20, never '+'); values in `raw` are emitted verbatim. */
function buildQuery(params: Array<[string, string]>, raw: ReadonlySet<string> = new Set()): string {
  return params
    .map(([k, v]) => `${encodeURIComponent(k)}=${raw.has(k) ? v : encodeURIComponent(v)}`)
    .join('&');
}

function detailsWithUrl(input: LinkInput): string {
  return input.url ? `${input.description}\n\n${input.url}` : input.description;
}

function assertValidRange(input: LinkInput): void {
  if (Number.isNaN(input.startsAt.getTime()) || Number.isNaN(input.endsAt.getTime())) {
    throw new RangeError('startsAt and endsAt must be valid dates');
  }
}

/** Google Calendar "add event" link. */
export function googleCalendarUrl(input: LinkInput): string {
  assertValidRange(input);
  const query = buildQuery(
    [
      ['action', 'TEMPLATE'],
      ['text', input.title],
      ['dates', `${compactUtc(input.startsAt)}/${compactUtc(input.endsAt)}`],
      ['details', detailsWithUrl(input)],
      ['location', input.location],
    ],
    new Set(['dates']),
  );
  return `https://calendar.google.com/calendar/render?${query}`;
}

/** Outlook "add event" deep link: `live` for outlook.com accounts, `office` for Microsoft 365. */
export function outlookCalendarUrl(input: LinkInput, variant: 'live' | 'office' = 'live'): string {
  assertValidRange(input);
  const host = variant === 'office' ? 'outlook.office.com' : 'outlook.live.com';
  const query = buildQuery(
    [
      ['path', '/calendar/action/compose'],
      ['rru', 'addevent'],
      ['subject', input.title],
      ['startdt', isoUtcSeconds(input.startsAt)],
      ['enddt', isoUtcSeconds(input.endsAt)],
      ['body', detailsWithUrl(input)],
      ['location', input.location],
    ],
    new Set(['path', 'startdt', 'enddt']),
  );
  return `https://${host}/calendar/0/deeplink/compose?${query}`;
}
