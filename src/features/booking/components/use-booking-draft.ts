'use client';
import { useCallback, useEffect, useState } from 'react';
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
  payment: 'collection' | null;
  /** One key per booking attempt, kept across reloads so a retry can never book twice. */
  idempotencyKey: string;
}

const DRAFT_KEY = 'rt-booking-draft-v1';
const DONE_KEY = 'rt-booking-confirmation-v1';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

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
        // an explicit ?category= or ?shop= in the URL wins over the saved draft
        setDraft((d) => ({ ...d, ...parsed, ...initial }));
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
