import { describe, it, expect } from 'vitest';
import {
  generateSlots,
  isBookableSlot,
  parseLocalTime,
  withAvailability,
  type OpeningHours,
  type SlotPolicy,
} from './slots';

const weekdays = [{ open: '09:00', close: '17:30' }];
const HOURS: OpeningHours = {
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: [{ open: '10:00', close: '16:00' }],
  // sun missing = closed
};

const POLICY: SlotPolicy = {
  timeZone: 'Europe/London',
  slotMinutes: 30,
  capacityPerSlot: 2,
  minNoticeMinutes: 120,
  horizonDays: 21,
};

const iso = (d: Date) => d.toISOString();
const onDate = <T extends { localDate: string }>(slots: T[], date: string): T[] =>
  slots.filter((s) => s.localDate === date);

describe('parseLocalTime', () => {
  it('parses valid HH:MM including 24:00', () => {
    expect(parseLocalTime('00:00')).toBe(0);
    expect(parseLocalTime('09:30')).toBe(570);
    expect(parseLocalTime('24:00')).toBe(1440);
  });
  it.each(['9:00', '24:01', '25:00', '12:60', 'noon', '', '12:3'])('rejects %s', (v) => {
    expect(() => parseLocalTime(v)).toThrow(RangeError);
  });
});

describe('generateSlots — normal days', () => {
  // Tuesday 14 Jan 2025, 06:00 GMT (London = UTC in winter)
  const now = new Date('2025-01-14T06:00:00Z');

  it('generates 30-minute slots for a normal weekday in GMT', () => {
    const slots = onDate(generateSlots(HOURS, POLICY, now), '2025-01-15');
    expect(slots).toHaveLength(17); // 09:00 .. 17:00 (17:00-17:30 is the last that fits)
    expect(slots[0]).toEqual({
      startsAt: new Date('2025-01-15T09:00:00Z'),
      endsAt: new Date('2025-01-15T09:30:00Z'),
      localDate: '2025-01-15',
      localTime: '09:00',
    });
    expect(slots.at(-1)?.localTime).toBe('17:00');
    expect(slots.at(-1)?.endsAt).toEqual(new Date('2025-01-15T17:30:00Z'));
  });

  it('returns slots sorted ascending and unique', () => {
    const slots = generateSlots(HOURS, POLICY, now);
    const times = slots.map((s) => s.startsAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it('skips closed days (missing and empty)', () => {
    const slots = generateSlots({ ...HOURS, sat: [] }, POLICY, now);
    expect(onDate(slots, '2025-01-18')).toHaveLength(0); // Saturday, empty array
    expect(onDate(slots, '2025-01-19')).toHaveLength(0); // Sunday, missing
    expect(onDate(slots, '2025-01-20').length).toBeGreaterThan(0); // Monday
  });

  it('skips closedDates (bank holidays)', () => {
    const slots = generateSlots(HOURS, { ...POLICY, closedDates: ['2025-01-16'] }, now);
    expect(onDate(slots, '2025-01-16')).toHaveLength(0);
    expect(onDate(slots, '2025-01-17')).toHaveLength(17);
  });

  it('applies minimum notice to cut today’s earlier slots', () => {
    const midMorning = new Date('2025-01-14T10:10:00Z'); // earliest start 12:10
    const today = onDate(generateSlots(HOURS, POLICY, midMorning), '2025-01-14');
    expect(today[0]?.localTime).toBe('12:30');
    expect(today.every((s) => s.startsAt.getTime() >= midMorning.getTime() + 120 * 60_000)).toBe(true);
  });

  it('includes a slot starting exactly at now + minNotice', () => {
    const t = new Date('2025-01-14T10:00:00Z'); // earliest start exactly 12:00
    const today = onDate(generateSlots(HOURS, POLICY, t), '2025-01-14');
    expect(today[0]?.localTime).toBe('12:00');
  });

  it('respects the horizon: horizonDays local dates counting today', () => {
    const slots = generateSlots(HOURS, { ...POLICY, horizonDays: 7 }, now);
    const dates = new Set(slots.map((s) => s.localDate));
    expect(dates.has('2025-01-14')).toBe(true); // today
    expect(dates.has('2025-01-20')).toBe(true); // today + 6
    expect(dates.has('2025-01-21')).toBe(false); // today + 7
    expect([...dates].sort().at(-1)).toBe('2025-01-20');
  });

  it('horizonDays 0 yields nothing; 1 yields only today', () => {
    expect(generateSlots(HOURS, { ...POLICY, horizonDays: 0 }, now)).toEqual([]);
    const one = generateSlots(HOURS, { ...POLICY, horizonDays: 1 }, now);
    expect(new Set(one.map((s) => s.localDate))).toEqual(new Set(['2025-01-14']));
  });

  it('uses the shop-local date for "today", not the UTC date', () => {
    // 23:30 UTC on 14 Jan = 18:30 on 14 Jan in New York; horizon 1 => only NY's 14 Jan.
    const ny = generateSlots(
      HOURS,
      {
        ...POLICY,
        timeZone: 'America/New_York',
        horizonDays: 1,
        minNoticeMinutes: 0,
      },
      new Date('2025-01-14T23:30:00Z'),
    );
    expect(ny).toEqual([]); // NY shop closed at 18:30 local; 15 Jan outside horizon
    // 00:30 UTC on 15 Jan is still 14 Jan (19:30) in New York, so the horizon is 14-15 Jan.
    const ny2 = generateSlots(
      HOURS,
      {
        ...POLICY,
        timeZone: 'America/New_York',
        horizonDays: 2,
        minNoticeMinutes: 0,
      },
      new Date('2025-01-15T00:30:00Z'),
    );
    expect(new Set(ny2.map((s) => s.localDate))).toEqual(new Set(['2025-01-15']));
  });

  it('drops a slot that does not fully fit before close', () => {
    const odd: OpeningHours = { wed: [{ open: '09:00', close: '10:45' }] };
    const slots = onDate(generateSlots(odd, { ...POLICY, slotMinutes: 30 }, now), '2025-01-15');
    expect(slots.map((s) => s.localTime)).toEqual(['09:00', '09:30', '10:00']);
  });

  it('supports split windows (lunch closure) and de-duplicates overlapping windows', () => {
    const split: OpeningHours = {
      wed: [
        { open: '13:00', close: '14:00' },
        { open: '09:00', close: '10:00' },
        { open: '09:30', close: '10:00' },
      ],
    };
    const slots = onDate(generateSlots(split, POLICY, now), '2025-01-15');
    expect(slots.map((s) => s.localTime)).toEqual(['09:00', '09:30', '13:00', '13:30']);
  });

  it('ignores windows where close <= open', () => {
    const bad: OpeningHours = { wed: [{ open: '12:00', close: '09:00' }] };
    expect(generateSlots(bad, POLICY, now)).toEqual([]);
  });

  it('supports a close of 24:00', () => {
    const late: OpeningHours = { wed: [{ open: '23:00', close: '24:00' }] };
    const slots = onDate(generateSlots(late, POLICY, now), '2025-01-15');
    expect(slots.map((s) => s.localTime)).toEqual(['23:00', '23:30']);
    expect(slots.at(-1)?.endsAt).toEqual(new Date('2025-01-16T00:00:00Z'));
  });

  it('throws on invalid policy or malformed hours', () => {
    expect(() => generateSlots(HOURS, { ...POLICY, timeZone: 'Mars/Olympus' }, now)).toThrow(RangeError);
    expect(() => generateSlots(HOURS, { ...POLICY, slotMinutes: 0 }, now)).toThrow(RangeError);
    expect(() => generateSlots(HOURS, { ...POLICY, horizonDays: -1 }, now)).toThrow(RangeError);
    expect(() => generateSlots({ wed: [{ open: '9am', close: '17:00' }] }, POLICY, now)).toThrow(RangeError);
  });

  it('is deterministic for the same inputs', () => {
    expect(generateSlots(HOURS, POLICY, now)).toEqual(generateSlots(HOURS, POLICY, now));
  });
});

describe('generateSlots — Europe/London DST transitions', () => {
  const everyDay = (open: string, close: string): OpeningHours => ({
    mon: [{ open, close }],
    tue: [{ open, close }],
    wed: [{ open, close }],
    thu: [{ open, close }],
    fri: [{ open, close }],
    sat: [{ open, close }],
    sun: [{ open, close }],
  });
  const policy = { ...POLICY, minNoticeMinutes: 0, horizonDays: 5 };

  it('spring forward (Sun 30 Mar 2025): 09:00 local shifts from 09:00Z to 08:00Z', () => {
    const slots = generateSlots(everyDay('09:00', '10:00'), policy, new Date('2025-03-28T00:00:00Z'));
    const at = (d: string) => onDate(slots, d)[0]?.startsAt.toISOString();
    expect(at('2025-03-29')).toBe('2025-03-29T09:00:00.000Z'); // GMT
    expect(at('2025-03-30')).toBe('2025-03-30T08:00:00.000Z'); // BST from 01:00Z
    expect(at('2025-03-31')).toBe('2025-03-31T08:00:00.000Z');
  });

  it('fall back (Sun 26 Oct 2025): 09:00 local shifts from 08:00Z to 09:00Z', () => {
    const slots = generateSlots(everyDay('09:00', '10:00'), policy, new Date('2025-10-24T00:00:00Z'));
    const at = (d: string) => onDate(slots, d)[0]?.startsAt.toISOString();
    expect(at('2025-10-25')).toBe('2025-10-25T08:00:00.000Z'); // BST
    expect(at('2025-10-26')).toBe('2025-10-26T09:00:00.000Z'); // GMT again
  });

  it('skips nonexistent local times in the spring-forward gap (01:00-02:00)', () => {
    const slots = generateSlots(everyDay('00:00', '03:00'), policy, new Date('2025-03-28T00:00:00Z'));
    const day = onDate(slots, '2025-03-30');
    expect(day.map((s) => s.localTime)).toEqual(['00:00', '00:30', '02:00', '02:30']);
    expect(day.map((s) => iso(s.startsAt))).toEqual([
      '2025-03-30T00:00:00.000Z',
      '2025-03-30T00:30:00.000Z',
      '2025-03-30T01:00:00.000Z', // 02:00 BST
      '2025-03-30T01:30:00.000Z',
    ]);
  });

  it('a shop opening at 01:00 on spring-forward day starts at 02:00 BST', () => {
    const slots = generateSlots(everyDay('01:00', '04:00'), policy, new Date('2025-03-28T00:00:00Z'));
    const day = onDate(slots, '2025-03-30');
    expect(day[0]?.localTime).toBe('02:00');
    expect(day[0]?.startsAt.toISOString()).toBe('2025-03-30T01:00:00.000Z');
    // every slot still has a true duration of slotMinutes
    for (const s of day) expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(30 * 60_000);
  });

  it('maps ambiguous fall-back times to their first (BST) occurrence, once each', () => {
    const slots = generateSlots(everyDay('00:00', '03:00'), policy, new Date('2025-10-24T00:00:00Z'));
    const day = onDate(slots, '2025-10-26');
    expect(day.map((s) => s.localTime)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30']);
    expect(day.map((s) => iso(s.startsAt))).toEqual([
      '2025-10-25T23:00:00.000Z',
      '2025-10-25T23:30:00.000Z',
      '2025-10-26T00:00:00.000Z', // 01:00 BST
      '2025-10-26T00:30:00.000Z', // 01:30 BST
      '2025-10-26T02:00:00.000Z', // 02:00 GMT
      '2025-10-26T02:30:00.000Z',
    ]);
  });
});

describe('generateSlots — America/New_York', () => {
  const ny: SlotPolicy = {
    ...POLICY,
    timeZone: 'America/New_York',
    minNoticeMinutes: 0,
  };

  it('uses EST (-05:00) in winter', () => {
    const slots = generateSlots(HOURS, { ...ny, horizonDays: 3 }, new Date('2025-01-14T12:00:00Z'));
    const first = onDate(slots, '2025-01-15')[0];
    expect(first?.startsAt.toISOString()).toBe('2025-01-15T14:00:00.000Z');
    expect(first?.localTime).toBe('09:00');
  });

  it('switches to EDT (-04:00) after 9 Mar 2025', () => {
    const slots = generateSlots(HOURS, { ...ny, horizonDays: 5 }, new Date('2025-03-07T12:00:00Z'));
    expect(onDate(slots, '2025-03-08')[0]?.startsAt.toISOString()).toBe('2025-03-08T15:00:00.000Z');
    expect(onDate(slots, '2025-03-10')[0]?.startsAt.toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('skips the 02:00-03:00 gap on 9 Mar 2025', () => {
    const slots = generateSlots(
      { sun: [{ open: '01:00', close: '04:00' }] },
      { ...ny, horizonDays: 3 },
      new Date('2025-03-08T12:00:00Z'),
    );
    expect(onDate(slots, '2025-03-09').map((s) => s.localTime)).toEqual(['01:00', '01:30', '03:00', '03:30']);
  });
});

describe('isBookableSlot', () => {
  const now = new Date('2025-01-14T06:00:00Z'); // Tue

  it('accepts every generated slot', () => {
    for (const s of generateSlots(HOURS, POLICY, now)) {
      expect(isBookableSlot(s.startsAt, HOURS, POLICY, now)).toBe(true);
    }
  });

  it('accepts a normal aligned slot', () => {
    expect(isBookableSlot(new Date('2025-01-15T10:30:00Z'), HOURS, POLICY, now)).toBe(true);
  });

  it('rejects misaligned times', () => {
    expect(isBookableSlot(new Date('2025-01-15T10:15:00Z'), HOURS, POLICY, now)).toBe(false);
    expect(isBookableSlot(new Date('2025-01-15T10:30:01Z'), HOURS, POLICY, now)).toBe(false);
    expect(isBookableSlot(new Date('2025-01-15T10:30:00.001Z'), HOURS, POLICY, now)).toBe(false);
  });

  it('rejects times outside opening hours or that do not fit before close', () => {
    expect(isBookableSlot(new Date('2025-01-15T08:30:00Z'), HOURS, POLICY, now)).toBe(false);
    expect(isBookableSlot(new Date('2025-01-15T17:30:00Z'), HOURS, POLICY, now)).toBe(false);
  });

  it('rejects past times and times inside the notice window', () => {
    expect(isBookableSlot(new Date('2025-01-13T10:00:00Z'), HOURS, POLICY, now)).toBe(false);
    const late = new Date('2025-01-14T10:10:00Z');
    expect(isBookableSlot(new Date('2025-01-14T12:00:00Z'), HOURS, POLICY, late)).toBe(false);
    expect(isBookableSlot(new Date('2025-01-14T12:30:00Z'), HOURS, POLICY, late)).toBe(true);
  });

  it('rejects closed days and closedDates', () => {
    expect(isBookableSlot(new Date('2025-01-19T10:00:00Z'), HOURS, POLICY, now)).toBe(false); // Sun
    expect(
      isBookableSlot(
        new Date('2025-01-16T10:00:00Z'),
        HOURS,
        { ...POLICY, closedDates: ['2025-01-16'] },
        now,
      ),
    ).toBe(false);
  });

  it('rejects times beyond the horizon', () => {
    const p = { ...POLICY, horizonDays: 7 };
    expect(isBookableSlot(new Date('2025-01-20T10:00:00Z'), HOURS, p, now)).toBe(true); // day 7
    expect(isBookableSlot(new Date('2025-01-21T10:00:00Z'), HOURS, p, now)).toBe(false); // day 8
  });

  it('rejects invalid dates', () => {
    expect(isBookableSlot(new Date('nope'), HOURS, POLICY, now)).toBe(false);
  });

  it('is DST-aware: 09:00 BST is 08:00Z, so 09:00Z is 10:00 local', () => {
    const summerNow = new Date('2025-06-09T05:00:00Z'); // Mon
    expect(isBookableSlot(new Date('2025-06-10T08:00:00Z'), HOURS, POLICY, summerNow)).toBe(true);
    expect(isBookableSlot(new Date('2025-06-10T16:30:00Z'), HOURS, POLICY, summerNow)).toBe(false); // 17:30 BST
  });

  it('rejects the second occurrence of an ambiguous fall-back time', () => {
    const hours: OpeningHours = { sun: [{ open: '00:00', close: '03:00' }] };
    const p = { ...POLICY, minNoticeMinutes: 0 };
    const before = new Date('2025-10-24T00:00:00Z');
    expect(isBookableSlot(new Date('2025-10-26T00:30:00Z'), hours, p, before)).toBe(true); // 01:30 BST
    expect(isBookableSlot(new Date('2025-10-26T01:30:00Z'), hours, p, before)).toBe(false); // 01:30 GMT
  });
});

describe('withAvailability', () => {
  const now = new Date('2025-01-14T06:00:00Z');
  const slots = onDate(generateSlots(HOURS, POLICY, now), '2025-01-15').slice(0, 3);

  it('merges booked counts keyed by ISO start', () => {
    const counts = new Map([
      ['2025-01-15T09:00:00.000Z', 1],
      ['2025-01-15T09:30:00.000Z', 2],
    ]);
    const result = withAvailability(slots, counts, 2);
    expect(result.map((r) => [r.localTime, r.capacity, r.booked, r.available])).toEqual([
      ['09:00', 2, 1, 1],
      ['09:30', 2, 2, 0],
      ['10:00', 2, 0, 2],
    ]);
    expect(result[0]?.startsAt).toEqual(slots[0]?.startsAt);
  });

  it('never reports negative availability when overbooked', () => {
    const counts = new Map([['2025-01-15T09:00:00.000Z', 5]]);
    const [first] = withAvailability(slots, counts, 2);
    expect(first).toMatchObject({ booked: 5, available: 0 });
  });

  it('does not mutate its inputs', () => {
    const copy = slots.map((s) => ({ ...s }));
    withAvailability(slots, new Map(), 2);
    expect(slots).toEqual(copy);
  });
});
