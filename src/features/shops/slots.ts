/**
 * Drop-off slot generation for a shop.
 *
 * Opening hours are wall-clock times in the shop's IANA time zone. Slots are generated per local
 * calendar date by stepping from each window's `open` time in `slotMinutes` increments, so a slot
 * labelled 09:30 is always 09:30 local, whatever the UTC offset is that day (GMT/BST etc.).
 *
 * DST rules:
 * - a local start time that does not exist (spring-forward gap) produces no slot;
 * - an ambiguous local start time (fall-back overlap) maps to its first (earlier) occurrence;
 * - `endsAt` is always `startsAt + slotMinutes` of real elapsed time.
 */
import { tzOffset } from '@date-fns/tz';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** 'HH:MM' local opening windows per weekday; a missing or empty day means closed. */
export type OpeningHours = {
  [day in Weekday]?: Array<{ open: string; close: string }>;
};

export interface SlotPolicy {
  /** IANA zone, e.g. 'Europe/London'. */
  timeZone: string;
  slotMinutes: number;
  capacityPerSlot: number;
  minNoticeMinutes: number;
  /** Number of local calendar days offered, counting today. */
  horizonDays: number;
  /** 'YYYY-MM-DD' local dates on which the shop is closed (e.g. bank holidays). */
  closedDates?: string[];
}

export interface SlotDef {
  startsAt: Date;
  endsAt: Date;
  /** 'YYYY-MM-DD' in the shop's zone. */
  localDate: string;
  /** 'HH:MM' in the shop's zone. */
  localTime: string;
}

export interface SlotAvailability extends SlotDef {
  capacity: number;
  booked: number;
  available: number;
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A local calendar date, months 1-based. */
interface CivilDate {
  y: number;
  m: number;
  d: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatCivilDate({ y, m, d }: CivilDate): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function formatMinutes(mins: number): string {
  return `${pad2(Math.floor(mins / 60))}:${pad2(mins % 60)}`;
}

/** Parses 'HH:MM' (00:00-24:00) to minutes after midnight; throws RangeError otherwise. */
export function parseLocalTime(value: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`Invalid local time "${value}", expected HH:MM`);
  const mins = Number(match[1]) * 60 + Number(match[2]);
  if (mins > 24 * 60) throw new RangeError(`Invalid local time "${value}"`);
  return mins;
}

function offsetMinutes(timeZone: string, epochMs: number): number {
  return tzOffset(timeZone, new Date(epochMs));
}

/** The local calendar date and minutes-after-midnight of an instant in `timeZone`. */
function toLocal(instant: Date, timeZone: string): { date: CivilDate; minutes: number } {
  const shifted = new Date(instant.getTime() + offsetMinutes(timeZone, instant.getTime()) * MINUTE_MS);
  return {
    date: {
      y: shifted.getUTCFullYear(),
      m: shifted.getUTCMonth() + 1,
      d: shifted.getUTCDate(),
    },
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/**
 * Converts a local wall-clock time to an instant. Returns null when the wall time does not exist
 * (DST gap) and the earliest instant when it is ambiguous (DST overlap).
 */
function localToInstant(date: CivilDate, minutes: number, timeZone: string): Date | null {
  const wallAsUtc = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  // Offsets in force around this wall time; a zone changes offset at most once in ~48h.
  const candidates = new Set([
    offsetMinutes(timeZone, wallAsUtc - DAY_MS),
    offsetMinutes(timeZone, wallAsUtc),
    offsetMinutes(timeZone, wallAsUtc + DAY_MS),
  ]);
  let best: number | null = null;
  for (const off of candidates) {
    const instant = wallAsUtc - off * MINUTE_MS;
    if (offsetMinutes(timeZone, instant) !== off) continue; // not a real local time for this offset
    if (best === null || instant < best) best = instant;
  }
  return best === null ? null : new Date(best);
}

function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function weekdayOf(date: CivilDate): Weekday {
  return WEEKDAYS[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()] as Weekday;
}

function assertPolicy(policy: SlotPolicy): void {
  if (Number.isNaN(tzOffset(policy.timeZone, new Date(0))) || !isIanaZone(policy.timeZone)) {
    throw new RangeError(`Invalid time zone "${policy.timeZone}"`);
  }
  if (!Number.isInteger(policy.slotMinutes) || policy.slotMinutes <= 0) {
    throw new RangeError('slotMinutes must be a positive integer');
  }
  if (!Number.isInteger(policy.horizonDays) || policy.horizonDays < 0) {
    throw new RangeError('horizonDays must be a non-negative integer');
  }
  if (!Number.isFinite(policy.minNoticeMinutes) || policy.minNoticeMinutes < 0) {
    throw new RangeError('minNoticeMinutes must be >= 0');
  }
}

function isIanaZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** All slots of one local date, ignoring notice and horizon (but honouring closedDates). */
function slotsForLocalDate(date: CivilDate, hours: OpeningHours, policy: SlotPolicy): SlotDef[] {
  const localDate = formatCivilDate(date);
  if (policy.closedDates?.includes(localDate)) return [];
  const windows = hours[weekdayOf(date)] ?? [];
  const byInstant = new Map<number, SlotDef>();
  for (const window of windows) {
    const open = parseLocalTime(window.open);
    const close = parseLocalTime(window.close);
    for (let t = open; t + policy.slotMinutes <= close; t += policy.slotMinutes) {
      const startsAt = localToInstant(date, t, policy.timeZone);
      if (!startsAt || byInstant.has(startsAt.getTime())) continue;
      byInstant.set(startsAt.getTime(), {
        startsAt,
        endsAt: new Date(startsAt.getTime() + policy.slotMinutes * MINUTE_MS),
        localDate,
        localTime: formatMinutes(t),
      });
    }
  }
  return [...byInstant.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * Bookable drop-off slots, sorted by start. A slot must fit entirely inside an opening window,
 * start at least `minNoticeMinutes` after `now`, and fall on one of the `horizonDays` local dates
 * starting with `now`'s local date. Throws RangeError on invalid policy or 'HH:MM' values.
 */
export function generateSlots(hours: OpeningHours, policy: SlotPolicy, now: Date): SlotDef[] {
  assertPolicy(policy);
  const earliest = now.getTime() + policy.minNoticeMinutes * MINUTE_MS;
  const today = toLocal(now, policy.timeZone).date;
  const out: SlotDef[] = [];
  for (let i = 0; i < policy.horizonDays; i++) {
    for (const slot of slotsForLocalDate(addDays(today, i), hours, policy)) {
      if (slot.startsAt.getTime() >= earliest) out.push(slot);
    }
  }
  return out;
}

/**
 * Validates a client-chosen start instant with the same rules as `generateSlots`: it must equal
 * the start of a generated slot exactly (to the millisecond).
 */
export function isBookableSlot(startsAt: Date, hours: OpeningHours, policy: SlotPolicy, now: Date): boolean {
  assertPolicy(policy);
  const t = startsAt.getTime();
  if (Number.isNaN(t)) return false;
  if (t < now.getTime() + policy.minNoticeMinutes * MINUTE_MS) return false;
  const today = toLocal(now, policy.timeZone).date;
  const local = toLocal(startsAt, policy.timeZone).date;
  const dayIndex =
    (Date.UTC(local.y, local.m - 1, local.d) - Date.UTC(today.y, today.m - 1, today.d)) / DAY_MS;
  if (dayIndex < 0 || dayIndex >= policy.horizonDays) return false;
  return slotsForLocalDate(local, hours, policy).some((s) => s.startsAt.getTime() === t);
}

/**
 * Annotates slots with capacity. `bookedCounts` is keyed by `startsAt.toISOString()`;
 * `available` never goes below 0 (overbooking shows as booked > capacity).
 */
export function withAvailability(
  slots: SlotDef[],
  bookedCounts: Map<string, number>,
  capacity: number,
): SlotAvailability[] {
  return slots.map((slot) => {
    const booked = bookedCounts.get(slot.startsAt.toISOString()) ?? 0;
    return {
      ...slot,
      capacity,
      booked,
      available: Math.max(0, capacity - booked),
    };
  });
}
