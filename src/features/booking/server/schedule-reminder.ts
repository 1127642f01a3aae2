import { TZDate } from '@date-fns/tz';
import type { QueueOptions } from 'pg-boss';
import type { Db } from '@/server/db/runtime';
import { enqueue } from '@/server/queue';

/** The booking module's pg-boss queues (names kept from when e-mail owned them). */
export const BOOKING_QUEUES = {
  /** one job per drop-off booking, due the evening before: `{ bookingId, slotStartsAt }` */
  reminder: 'email-reminder',
  /** every minute: cancel bookings whose online payment did not complete while the slot was held */
  expireHolds: 'payments-expire-holds',
} as const;

export interface ReminderJob {
  bookingId: string;
  /** the slot the reminder was scheduled for (ISO); a moved booking no longer matches */
  slotStartsAt: string;
  /** the customer's tracking link (the token is only known at booking time) */
  trackingUrl: string;
}

export const reminderQueueOptions: QueueOptions = { retryLimit: 5, retryDelay: 60, retryBackoff: true };

/** Reminders go out at this hour (shop time) on the day before the drop-off. */
export const REMINDER_HOUR = 18;

/**
 * When the reminder of a drop-off at `slot` is due: 18:00 shop time the day before. Null when
 * that moment has already passed at booking time (a booking made the evening before or on the
 * day): the confirmation the customer has just received serves as the reminder.
 */
export function reminderDueAt(slot: Date, timeZone: string, now: Date): Date | null {
  const local = new TZDate(slot.getTime(), timeZone);
  const due = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - 1,
    REMINDER_HOUR,
    0,
    0,
    timeZone,
  );
  const at = new Date(due.getTime());
  return at.getTime() > now.getTime() ? at : null;
}

/**
 * Schedules the reminder job of a drop-off booking. A reschedule schedules a new one for the new
 * slot; the old job finds the slot changed and does nothing. Returns the job id, or null when no
 * reminder is due or no queue runs in this process. Given the booking's transaction (`db`), the
 * job commits with it.
 */
export async function scheduleBookingReminder(
  job: ReminderJob & { timeZone: string },
  now = new Date(),
  db?: Db,
): Promise<string | null> {
  const due = reminderDueAt(new Date(job.slotStartsAt), job.timeZone, now);
  if (!due) return null;
  const data: ReminderJob = {
    bookingId: job.bookingId,
    slotStartsAt: job.slotStartsAt,
    trackingUrl: job.trackingUrl,
  };
  return enqueue(BOOKING_QUEUES.reminder, data, {
    db,
    queue: reminderQueueOptions,
    startAfter: due,
    // one job per booking and slot, however often this is called
    send: { singletonKey: `${job.bookingId}:${job.slotStartsAt}` },
  });
}
