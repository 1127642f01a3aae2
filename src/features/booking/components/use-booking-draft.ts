'use client';
import { useCallback, useEffect, useState } from 'react';
import type { PaymentMethod, PaymentView } from '@/features/payments/schemas';
import type { BookingConfirmation } from '../schemas';

export type Urgency = 'standard' | 'express' | 'same_day';

export interface BookingDraft {
  category: string | null;
  brand: string | null;
  model: string | null;
  repairs: string[];
  urgency: Urgency;
  serviceType: 'drop_off' | 'mail_in';
  shop: string | null;
  slot: string | null;
  name: string;
  email: string;
  phone: string;
  fault: string;
  payment: PaymentMethod | null;
  /** One key per booking attempt, kept across reloads so a retry can never book twice. */
  idempotencyKey: string;
  /**
   * The booking made for an online payment that is not finished yet (its slot is held). A
   * retry after a decline pays this same payment; it is never booked a second time.
   */
  pending: PendingBooking | null;
  /**
   * The booking kept on this device while offline (its outbox id), until it is sent, replaced
   * by a new booking, or cancelled.
   */
  offlineId: string | null;
}

export interface PendingBooking {
  booking: BookingConfirmation;
  payment: PaymentView;
}

const DRAFT_KEY = 'rt-booking-draft-v1';
const DONE_KEY = 'rt-booking-confirmation-v1';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export { newKey as newIdempotencyKey };

export function emptyDraft(initial: Partial<BookingDraft> = {}): BookingDraft {
  return {
    category: null,
    brand: null,
    model: null,
    repairs: [],
    urgency: 'standard',
    serviceType: 'drop_off',
    shop: null,
    slot: null,
    name: '',
    email: '',
    phone: '',
    fault: '',
    payment: 'collection',
    idempotencyKey: newKey(),
    pending: null,
    offlineId: null,
    ...initial,
  };
}

/**
 * The form's state, saved to sessionStorage on every change so a reload (or an accidental
 * back/forward) keeps what the customer chose. `hydrated` is false until it is restored;
 * inputs stay disabled until then so no early click is lost.
 */
export function useBookingDraft(initial: Partial<BookingDraft>) {
  const [draft, setDraft] = useState<BookingDraft>(() => emptyDraft(initial));
  const [confirmation, setConfirmation] = useState<BookingConfirmation | null>(null);
  const [hydrated, setHydrated] = useState(false);

  // Restoring from sessionStorage must wait until after hydration (the server has no storage),
  // so this effect deliberately sets state once on mount.
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    try {
      const done = sessionStorage.getItem(DONE_KEY);
      if (done) setConfirmation(JSON.parse(done) as BookingConfirmation);
      const saved = sessionStorage.getItem(DRAFT_KEY);
      if (saved) {
        const parsed = JSON.parse(saved) as Partial<BookingDraft>;
        // an explicit ?category=, ?shop=, ?model= or ?repairs= in the URL wins over the saved
        // draft (and a model other than the saved one clears the repairs chosen for that one)
        const otherModel = initial.model !== undefined && initial.model !== parsed.model;
        setDraft((d) => ({
          ...d,
          ...parsed,
          ...initial,
          ...(otherModel && !initial.repairs ? { repairs: [] } : {}),
        }));
      }
    } catch {
      /* storage unavailable or corrupt: start fresh */
    }
    setHydrated(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restore once on mount
  }, []);
  /* eslint-enable react-hooks/set-state-in-effect */

  useEffect(() => {
    if (!hydrated) return;
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      /* ignore quota errors */
    }
  }, [draft, hydrated]);

  const update = useCallback((patch: Partial<BookingDraft>) => setDraft((d) => ({ ...d, ...patch })), []);

  const complete = useCallback((c: BookingConfirmation) => {
    setConfirmation(c);
    try {
      sessionStorage.setItem(DONE_KEY, JSON.stringify(c));
      sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      /* ignore */
    }
  }, []);

  const startOver = useCallback(() => {
    setConfirmation(null);
    setDraft(emptyDraft());
    try {
      sessionStorage.removeItem(DONE_KEY);
      sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      /* ignore */
    }
  }, []);

  return { draft, update, hydrated, confirmation, complete, startOver };
}

const isPaid = (p: PaymentView) =>
  p.status === 'succeeded' || p.status === 'partially_refunded' || p.status === 'refunded';

/**
 * For /pay/return: the tracking token and reference of the booking in this tab's draft whose
 * payment is `paymentId` (a guest settles the payment with it), or null.
 */
export function pendingBookingOf(paymentId: string): { token: string; reference: string } | null {
  try {
    const saved = sessionStorage.getItem(DRAFT_KEY);
    const pending = saved ? (JSON.parse(saved) as Partial<BookingDraft>).pending : null;
    if (pending?.payment.id !== paymentId) return null;
    return { token: pending.booking.trackingToken, reference: pending.booking.reference };
  } catch {
    return null;
  }
}

/**
 * For /pay/return: once the draft's payment is paid, the booking is done. Stores its
 * confirmation (so /book-repair shows it) and clears the draft. True when it did.
 */
export function completePendingBooking(payment: PaymentView): boolean {
  if (!isPaid(payment)) return false;
  try {
    const saved = sessionStorage.getItem(DRAFT_KEY);
    const pending = saved ? (JSON.parse(saved) as Partial<BookingDraft>).pending : null;
    if (pending?.payment.id !== payment.id) return false;
    const done: BookingConfirmation = { ...pending.booking, payment, paymentHoldUntil: null };
    sessionStorage.setItem(DONE_KEY, JSON.stringify(done));
    sessionStorage.removeItem(DRAFT_KEY);
    return true;
  } catch {
    return false;
  }
}
