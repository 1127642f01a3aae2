import { describe, expect, it } from 'vitest';
import {
  bookingHref,
  bookingReply,
  formatOpeningHours,
  handoverReply,
  technicalReply,
} from './compose-reply';

describe('compose-reply', () => {
  it('groups days with the same opening hours', () => {
    const nine = [{ open: '09:00', close: '18:00' }];
    expect(
      formatOpeningHours({
        mon: nine,
        tue: nine,
        wed: nine,
        thu: [{ open: '09:00', close: '19:30' }],
        fri: nine,
        sat: [{ open: '10:00', close: '16:00' }],
      }),
    ).toBe(
      'Monday–Wednesday 09:00–18:00, Thursday 09:00–19:30, Friday 09:00–18:00, Saturday 10:00–16:00, Sunday closed',
    );
    expect(formatOpeningHours({})).toBe('Monday–Sunday closed');
  });

  it('builds the booking link the booking form reads', () => {
    expect(bookingHref({})).toBe('/book-repair');
    expect(
      bookingHref({ modelSlug: 'iphone-15', repairSlugs: ['screen-crack', 'battery'], shopSlug: 'leeds' }),
    ).toBe('/book-repair?model=iphone-15&repairs=screen-crack%2Cbattery&shop=leeds');
    // repairs mean nothing without a model
    expect(bookingHref({ repairSlugs: ['battery'] })).toBe('/book-repair');
    expect(bookingReply({ device: null, repairSlugs: [], shopSlug: null }).links).toEqual([
      { label: 'Book a repair', href: '/book-repair' },
    ]);
  });

  it('has words for every handover reason, and none for an unanswered technical question', () => {
    const texts = (['complaint', 'requested', 'negative-sentiment', 'low-confidence'] as const).map(
      (r) => handoverReply(r).reply,
    );
    expect(new Set(texts).size).toBe(4);
    for (const text of texts) expect(text).toMatch(/team/);
    expect(technicalReply(null).unsure).toBe(true);
  });
});
