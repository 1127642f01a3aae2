'use client';
/**
 * Offline booking: a finished booking made while the network is away waits in the outbox
 * (queue 'booking', its id the draft's Idempotency-Key, its body the exact request) and is sent
 * when the connection returns, by whichever page is open (OfflineBookingSync in the layout).
 *
 * Beside the outbox item, this device keeps (localStorage, so a later visit finds them):
 * - the form's draft, to reopen the form with everything filled in when the slot was taken;
 * - the server's answer once sent, for the form to show the confirmation.
 */
import type { z } from '@hono/zod-openapi';
import type { ProblemBody } from '@/components/api-problem';
import {
  addToOutbox,
  removeFromOutbox,
  type OutboxItem,
  type SendOutcome,
} from '@/features/offline/components';
import type { BookingConfirmation, BookingRequestSchema } from '../schemas';
import type { BookingDraft } from './use-booking-draft';

export type BookingRequestBody = z.input<typeof BookingRequestSchema>;

export const BOOKING_URL = '/api/bookings';
const PREFIX = 'rt-offline-booking:';
/** Answers nobody looked at are forgotten after this long. */
const KEEP_MS = 30 * 86_400_000;

/** What to do with the server's answer to a queued booking (or with no answer at all). */
export type BookingAnswer = 'sent' | 'keep' | 'slot-taken' | 'price-changed' | 'failed';

/**
 * The decision, pure: `status` 0 is a network error (no answer). Booked (201) or replayed (200):
 * sent. No connection, a timeout, too many requests or a server error: keep it for later. The
 * slot taken or gone, or the price changed: the customer decides again (a conflict). Any other
 * refusal will not change by retrying: failed, shown to the customer with the form reopened.
 */
export function decideBookingAnswer(status: number, code?: string): BookingAnswer {
  if (status === 200 || status === 201) return 'sent';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'keep';
  if (code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE') return 'slot-taken';
  if (code === 'QUOTE_EXPIRED' || code === 'QUOTE_CHANGED') return 'price-changed';
  return 'failed';
}

/** The outbox's word for it. */
export function outcomeOf(answer: BookingAnswer): 'sent' | 'keep' | 'conflict' | 'failed' {
  if (answer === 'slot-taken' || answer === 'price-changed') return 'conflict';
  return answer;
}

// ---- what this device keeps beside the outbox ---------------------------------------------

interface Kept<T> {
  at: number;
  value: T;
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Kept<T>).value : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ at: Date.now(), value }));
  } catch {
    /* storage full or unavailable: the outbox item still holds the request */
  }
}

function forget(key: string) {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    /* ignore */
  }
}

export const savedDraftOf = (id: string) => read<BookingDraft>(`${id}:draft`);
export const sentBookingOf = (id: string) => read<BookingConfirmation>(`${id}:sent`);
export const forgetSentBooking = (id: string) => forget(`${id}:sent`);

/** Whether this tab already told the customer about this item's answer (sent or conflict). */
export function wasNotified(id: string, state: string): boolean {
  return read<string>(`${id}:notified`) === state;
}
export const markNotified = (id: string, state: string) => write(`${id}:notified`, state);

/** Drops what this device kept about bookings long gone. */
export function pruneKept(now = Date.now()) {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const at = (JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<Kept<unknown>>).at ?? 0;
      if (now - at > KEEP_MS) localStorage.removeItem(key);
    }
  } catch {
    /* ignore */
  }
}

// ---- queueing and sending ------------------------------------------------------------------

/** Keeps the finished booking on this device until it can be sent. */
export async function saveBookingOffline(
  draft: BookingDraft,
  body: BookingRequestBody,
  label: string,
): Promise<OutboxItem> {
  write(`${draft.idempotencyKey}:draft`, draft);
  return addToOutbox({
    id: draft.idempotencyKey,
    queue: 'booking',
    method: 'POST',
    url: BOOKING_URL,
    body,
    headers: { 'idempotency-key': draft.idempotencyKey },
    label,
  });
}

/** Takes a booking out of the outbox (cancelled, or replaced by a new one). */
export async function discardOfflineBooking(id: string): Promise<void> {
  await removeFromOutbox(id);
  forget(`${id}:draft`);
  forget(`${id}:notified`);
}

/** The problem a conflicted or failed item was refused with. */
export function problemOf(item: OutboxItem): ProblemBody | null {
  if (!item.lastError) return null;
  const body = (item.lastError.body ?? {}) as Partial<ProblemBody>;
  return {
    status: item.lastError.status,
    code: body.code ?? `HTTP_${item.lastError.status}`,
    detail: body.detail ?? '',
    errors: body.errors,
    ...(body.quote ? { quote: body.quote } : {}),
  };
}

/** Sends one queued booking (the outbox's `send` for the 'booking' queue). */
export async function sendQueuedBooking(item: OutboxItem): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(item.url, {
      method: item.method,
      headers: { 'content-type': 'application/json', ...item.headers },
      body: JSON.stringify(item.body),
      credentials: 'same-origin',
    });
  } catch {
    return 'keep';
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // a 2xx that is not the API's JSON (a captive portal's page): not sent
    if (res.ok) return 'keep';
  }
  const code = (body as { code?: unknown } | null)?.code;
  const answer = decideBookingAnswer(res.status, typeof code === 'string' ? code : undefined);
  if (answer === 'sent') {
    write(`${item.id}:sent`, body as BookingConfirmation);
    forget(`${item.id}:draft`);
    return 'sent';
  }
  if (answer === 'keep') return 'keep';
  return { result: outcomeOf(answer), lastError: { status: res.status, body } };
}
