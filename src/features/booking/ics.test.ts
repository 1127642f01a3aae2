import { describe, it, expect } from 'vitest';
import {
  ICS_PRODUCT_ID,
  buildBookingIcs,
  googleCalendarUrl,
  outlookCalendarUrl,
  type BookingCalendarInput,
} from './ics';

const BASE: BookingCalendarInput = {
  uid: 'RT-7K3M9Q@revivatech',
  sequence: 0,
  title: 'Drop-off: iPhone 13, screen',
  description: 'Bring your device; passcode optional.\nRef RT-7K3M9Q',
  location: 'RevivaTech, 1 High St, Bristol',
  // 09:00 BST on 30 Mar 2025 (the day clocks go forward)
  startsAt: new Date('2025-03-30T08:00:00Z'),
  endsAt: new Date('2025-03-30T08:30:00Z'),
  dtstamp: new Date('2025-03-01T12:00:00Z'),
};

/** Unfolds continuation lines (CRLF + space/tab) and returns the logical lines. */
function lines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

/** Value of the first property named `name` (ignoring parameters). */
function prop(ics: string, name: string): string | undefined {
  const line = lines(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

describe('buildBookingIcs', () => {
  it('produces a VCALENDAR with one VEVENT', () => {
    const ics = buildBookingIcs(BASE);
    const l = lines(ics);
    expect(l[0]).toBe('BEGIN:VCALENDAR');
    expect(l.at(-1)).toBe('END:VCALENDAR');
    expect(l.filter((x) => x === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(prop(ics, 'PRODID')).toBe(ICS_PRODUCT_ID);
    expect(prop(ics, 'VERSION')).toBe('2.0');
  });

  it('includes the UID and SEQUENCE exactly', () => {
    const ics = buildBookingIcs({ ...BASE, sequence: 3 });
    expect(prop(ics, 'UID')).toBe('RT-7K3M9Q@revivatech');
    expect(prop(ics, 'SEQUENCE')).toBe('3');
  });

  it('emits SEQUENCE:0 for a new booking', () => {
    expect(prop(buildBookingIcs(BASE), 'SEQUENCE')).toBe('0');
  });

  it('emits DTSTART/DTEND in UTC regardless of the host time zone', () => {
    const ics = buildBookingIcs(BASE);
    expect(prop(ics, 'DTSTART')).toBe('20250330T080000Z');
    expect(prop(ics, 'DTEND')).toBe('20250330T083000Z');
    expect(lines(ics).some((l) => l.startsWith('DTSTART;TZID'))).toBe(false);
  });

  it('uses the injected DTSTAMP', () => {
    expect(prop(buildBookingIcs(BASE), 'DTSTAMP')).toBe('20250301T120000Z');
  });

  it('keeps the same UID with a higher SEQUENCE on reschedule', () => {
    const v1 = buildBookingIcs(BASE);
    const v2 = buildBookingIcs({
      ...BASE,
      sequence: 1,
      startsAt: new Date('2025-03-31T09:00:00Z'),
      endsAt: new Date('2025-03-31T09:30:00Z'),
    });
    expect(prop(v2, 'UID')).toBe(prop(v1, 'UID'));
    expect(Number(prop(v2, 'SEQUENCE'))).toBeGreaterThan(Number(prop(v1, 'SEQUENCE')));
    expect(prop(v2, 'DTSTART')).toBe('20250331T090000Z');
  });

  it('uses CRLF line endings everywhere and folds long lines', () => {
    const ics = buildBookingIcs({ ...BASE, description: 'x'.repeat(300) });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    for (const raw of ics.split('\r\n')) expect(raw.length).toBeLessThanOrEqual(75);
    expect(prop(ics, 'DESCRIPTION')).toBe('x'.repeat(300));
  });

  it('escapes text values', () => {
    const ics = buildBookingIcs(BASE);
    expect(prop(ics, 'SUMMARY')).toBe('Drop-off: iPhone 13\\, screen');
    expect(prop(ics, 'DESCRIPTION')).toBe('Bring your device\\; passcode optional.\\nRef RT-7K3M9Q');
    expect(prop(ics, 'LOCATION')).toBe('RevivaTech\\, 1 High St\\, Bristol');
  });

  it('defaults to METHOD:PUBLISH and STATUS:CONFIRMED', () => {
    const ics = buildBookingIcs(BASE);
    expect(prop(ics, 'METHOD')).toBe('PUBLISH');
    expect(prop(ics, 'STATUS')).toBe('CONFIRMED');
    expect(prop(ics, 'X-MICROSOFT-CDO-BUSYSTATUS')).toBe('BUSY');
  });

  it('marks a cancelled booking (PUBLISH + CANCELLED)', () => {
    const ics = buildBookingIcs({ ...BASE, sequence: 2, status: 'CANCELLED' });
    expect(prop(ics, 'STATUS')).toBe('CANCELLED');
    expect(prop(ics, 'METHOD')).toBe('PUBLISH');
    expect(prop(ics, 'X-MICROSOFT-CDO-BUSYSTATUS')).toBe('FREE');
  });

  it('METHOD:CANCEL defaults STATUS to CANCELLED and includes the organizer', () => {
    const ics = buildBookingIcs({
      ...BASE,
      sequence: 2,
      method: 'CANCEL',
      organizer: { name: 'RevivaTech Bristol', email: 'bookings@revivatech.example' },
    });
    expect(prop(ics, 'METHOD')).toBe('CANCEL');
    expect(prop(ics, 'STATUS')).toBe('CANCELLED');
    expect(lines(ics)).toContain('ORGANIZER;CN="RevivaTech Bristol":MAILTO:bookings@revivatech.example');
  });

  it('requires an organizer for REQUEST and CANCEL', () => {
    expect(() => buildBookingIcs({ ...BASE, method: 'REQUEST' })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...BASE, method: 'CANCEL' })).toThrow(RangeError);
  });

  it('neutralises double quotes in the organizer name', () => {
    const ics = buildBookingIcs({
      ...BASE,
      organizer: { name: 'Revive "Tech"', email: 'a@b.example' },
    });
    expect(prop(ics, 'ORGANIZER')).toBe('MAILTO:a@b.example');
    expect(lines(ics).find((l) => l.startsWith('ORGANIZER'))).toContain(`CN="Revive 'Tech'"`);
  });

  it('includes the URL when given', () => {
    const ics = buildBookingIcs({ ...BASE, url: 'https://revivatech.example/track/abc?x=1' });
    expect(prop(ics, 'URL')).toBe('https://revivatech.example/track/abc?x=1');
  });

  it('throws on invalid input', () => {
    expect(() => buildBookingIcs({ ...BASE, endsAt: BASE.startsAt })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...BASE, startsAt: new Date('x') })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...BASE, sequence: -1 })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...BASE, sequence: 1.5 })).toThrow(RangeError);
    expect(() => buildBookingIcs({ ...BASE, uid: 'a\nb' })).toThrow(RangeError);
  });

  it('throws when the ics package rejects the input', () => {
    expect(() => buildBookingIcs({ ...BASE, url: 'not a url' })).toThrow(/calendar file/);
    expect(() => buildBookingIcs({ ...BASE, organizer: { name: 'x', email: 'not-an-email' } })).toThrow(
      /calendar file/,
    );
  });
});

describe('googleCalendarUrl', () => {
  it('builds a TEMPLATE link with UTC dates', () => {
    const url = new URL(googleCalendarUrl(BASE));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('dates')).toBe('20250330T080000Z/20250330T083000Z');
    expect(url.searchParams.get('text')).toBe(BASE.title);
    expect(url.searchParams.get('details')).toBe(BASE.description);
    expect(url.searchParams.get('location')).toBe(BASE.location);
  });

  it('percent-encodes special characters (no raw spaces, & or +)', () => {
    const tricky = { ...BASE, title: 'Screen & battery + 50% off #1', location: 'A/B? c=d' };
    const href = googleCalendarUrl(tricky);
    expect(href).not.toMatch(/\s/);
    expect(href).toContain('text=Screen%20%26%20battery%20%2B%2050%25%20off%20%231');
    const url = new URL(href);
    expect(url.searchParams.get('text')).toBe(tricky.title);
    expect(url.searchParams.get('location')).toBe('A/B? c=d');
    expect([...url.searchParams.keys()]).toEqual(['action', 'text', 'dates', 'details', 'location']);
  });

  it('encodes newlines and non-ASCII, and appends the URL to details', () => {
    const url = new URL(
      googleCalendarUrl({
        ...BASE,
        description: 'Café £20\nLine 2',
        url: 'https://x.example/t?a=1&b=2',
      }),
    );
    expect(url.searchParams.get('details')).toBe('Café £20\nLine 2\n\nhttps://x.example/t?a=1&b=2');
  });
});

describe('outlookCalendarUrl', () => {
  it('builds an outlook.com compose deeplink with ISO UTC times', () => {
    const href = outlookCalendarUrl(BASE);
    const url = new URL(href);
    expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('path')).toBe('/calendar/action/compose');
    expect(url.searchParams.get('rru')).toBe('addevent');
    expect(url.searchParams.get('startdt')).toBe('2025-03-30T08:00:00Z');
    expect(url.searchParams.get('enddt')).toBe('2025-03-30T08:30:00Z');
    expect(url.searchParams.get('subject')).toBe(BASE.title);
    expect(url.searchParams.get('body')).toBe(BASE.description);
    expect(url.searchParams.get('location')).toBe(BASE.location);
  });

  it('supports Microsoft 365 accounts', () => {
    expect(outlookCalendarUrl(BASE, 'office')).toMatch(
      /^https:\/\/outlook\.office\.com\/calendar\/0\/deeplink\/compose\?/,
    );
  });

  it('encodes spaces as %20 rather than +', () => {
    const href = outlookCalendarUrl({ ...BASE, title: 'a b+c&d' });
    expect(href).toContain('subject=a%20b%2Bc%26d');
    expect(new URL(href).searchParams.get('subject')).toBe('a b+c&d');
  });

  it('throws on invalid dates', () => {
    expect(() => outlookCalendarUrl({ ...BASE, startsAt: new Date('x') })).toThrow(RangeError);
    expect(() => googleCalendarUrl({ ...BASE, endsAt: new Date('x') })).toThrow(RangeError);
  });
});
