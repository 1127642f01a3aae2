'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProblemBody } from '@/components/api-problem';
import { getOutboxItem, listOutbox, onOutboxChange, type OutboxItem } from '@/features/offline/components';
import type { BookingConfirmation } from '../schemas';
import {
  discardOfflineBooking,
  forgetSentBooking,
  markNotified,
  problemOf,
  saveBookingOffline,
  savedDraftOf,
  sentBookingOf,
  type BookingRequestBody,
} from './offline-booking';
import { sendWaitingBookings } from './offline-booking-sync';
import { newIdempotencyKey, type BookingDraft } from './use-booking-draft';

/** Why the booking saved on this device was not made. */
export type OfflineProblem = { kind: 'slot-taken' | 'price-changed' | 'failed'; problem: ProblemBody };

function kindOf(problem: ProblemBody): OfflineProblem['kind'] {
  if (problem.code === 'SLOT_FULL' || problem.code === 'SLOT_UNAVAILABLE') return 'slot-taken';
  if (problem.code === 'QUOTE_EXPIRED' || problem.code === 'QUOTE_CHANGED') return 'price-changed';
  return 'failed';
}

/**
 * The booking form's side of offline booking: the outbox item this draft made (`draft.offlineId`),
 * followed across tabs. Waiting: the form shows it as saved on this device. Sent (by any page):
 * the server's confirmation completes the form. Refused (the slot was taken, the price changed):
 * `onProblem` reopens the form with the server's answer; the item stays until the customer
 * books again (which replaces it) or cancels it, so nothing is lost.
 *
 * On a later visit with no draft in this tab, the newest booking kept on this device is taken up
 * again, with the draft it was made from.
 */
export function useOfflineBooking({
  draft,
  update,
  hydrated,
  blocked,
  complete,
  onProblem,
}: {
  draft: BookingDraft;
  update: (patch: Partial<BookingDraft>) => void;
  hydrated: boolean;
  /** a confirmation or an online payment is on screen: nothing to take up */
  blocked: boolean;
  complete: (booking: BookingConfirmation) => void;
  onProblem: (p: OfflineProblem) => void;
}) {
  const offlineId = draft.offlineId;
  const [item, setItem] = useState<OutboxItem | null>(null);
  const [problem, setProblem] = useState<OfflineProblem | null>(null);
  const applied = useRef<string | null>(null);
  const onProblemRef = useRef(onProblem);
  const completeRef = useRef(complete);
  const blockedRef = useRef(blocked);
  useEffect(() => {
    onProblemRef.current = onProblem;
    completeRef.current = complete;
    blockedRef.current = blocked;
  });

  // a later visit: take up the newest booking kept on this device
  const adopted = useRef(false);
  useEffect(() => {
    if (!hydrated || adopted.current || typeof indexedDB === 'undefined') return;
    adopted.current = true;
    if (offlineId || blocked || draft.model) return;
    void listOutbox('booking').then((items) => {
      const newest = items.at(-1);
      if (!newest) return;
      const saved = savedDraftOf(newest.id);
      update({ ...(saved ?? {}), pending: null, offlineId: newest.id });
    });
  }, [hydrated, offlineId, blocked, draft.model, update]);

  // follow the item: in this tab, in another, or sent by the layout's sync
  useEffect(() => {
    if (!hydrated || !offlineId || typeof indexedDB === 'undefined') return;
    let live = true;
    const refresh = async () => {
      const current = await getOutboxItem(offlineId);
      // once the confirmation is on screen the draft is done with: leave it as it is
      if (!live || blockedRef.current) return;
      if (current) {
        setItem(current);
        if ((current.state === 'conflict' || current.state === 'failed') && current.lastError) {
          const key = `${current.id}:${current.attempts}`;
          if (applied.current !== key) {
            applied.current = key;
            const body = problemOf(current)!;
            const p = { kind: kindOf(body), problem: body };
            setProblem(p);
            markNotified(current.id, current.state);
            onProblemRef.current(p);
          }
        }
        return;
      }
      setItem(null);
      const sent = sentBookingOf(offlineId);
      if (sent) {
        forgetSentBooking(offlineId);
        markNotified(offlineId, 'sent');
        completeRef.current(sent);
      } else {
        setProblem(null);
        update({ offlineId: null });
      }
    };
    void refresh();
    const off = onOutboxChange((change) => {
      if (change.queue === 'booking' || change.queue === null) void refresh();
    });
    return () => {
      live = false;
      off();
    };
  }, [hydrated, offlineId, update]);

  /** Keeps the finished booking on this device; a booking it replaces (slot taken) goes. */
  const save = useCallback(
    async (body: BookingRequestBody, label: string) => {
      await saveBookingOffline(draft, body, label);
      if (offlineId && offlineId !== draft.idempotencyKey) await discardOfflineBooking(offlineId);
      setProblem(null);
      update({ offlineId: draft.idempotencyKey });
    },
    [draft, offlineId, update],
  );

  /** The booking was made online after all: the one kept on this device is replaced by it. */
  const replaced = useCallback(async () => {
    if (!offlineId) return;
    await discardOfflineBooking(offlineId);
  }, [offlineId]);

  const cancel = useCallback(async () => {
    if (!offlineId) return;
    await discardOfflineBooking(offlineId);
    setProblem(null);
    update({ offlineId: null, idempotencyKey: newIdempotencyKey() });
  }, [offlineId, update]);

  // the item read last, while it is still the draft's
  const current = item && item.id === offlineId ? item : null;
  const waiting = current && (current.state === 'waiting' || current.state === 'sending') ? current : null;
  return {
    waiting,
    problem: offlineId ? problem : null,
    save,
    replaced,
    cancel,
    sendNow: sendWaitingBookings,
  };
}
