/**
 * Helpers for a domain's live feed: how a bus message announces a row (or asks every client to
 * resynchronise).
 */
import type { BusMessage } from '@/server/events';
import type { Announcement } from './live-cursor';

/** The positive integer id in a bus message, or null. */
export function idOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** The row a bus message announces by the id under `key`, or a resync; null when neither. */
export function rowOrResync(message: BusMessage, key: string): Announcement {
  if (message.resync === true) return { kind: 'resync' };
  const id = idOf(message[key]);
  return id ? { kind: 'row', id } : null;
}
