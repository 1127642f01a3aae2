import { TZDate } from '@date-fns/tz';
import { enqueue } from '@/server/queue';
import { EMAIL_QUEUES, reminderQueueOptions, type ReminderJob } from './queues';

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
 * reminder is due or no queue runs in this process.
 */
export async function scheduleBookingReminder(
  job: ReminderJob & { timeZone: string },
  now = new Date(),
): Promise<string | null> {
  const due = reminderDueAt(new Date(job.slotStartsAt), job.timeZone, now);
  if (!due) return null;
  const data: ReminderJob = {
    bookingId: job.bookingId,
    slotStartsAt: job.slotStartsAt,
    trackingUrl: job.trackingUrl,
  };
  return enqueue(EMAIL_QUEUES.reminder, data, {
    queue: reminderQueueOptions,
    startAfter: due,
    // one job per booking and slot, however often this is called
    send: { singletonKey: `${job.bookingId}:${job.slotStartsAt}` },
  });
}
