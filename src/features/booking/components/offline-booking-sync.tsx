'use client';
import { useEffect, useRef } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useToast } from '@/components/ui/toast';
import { everyUnlessSaving } from '@/components/device/background-timer';
import { flushOutbox, listOutbox, onOutboxChange, type OutboxChange } from '@/features/offline/components';
import { markNotified, pruneKept, sendQueuedBooking, sentBookingOf, wasNotified } from './offline-booking';

const RETRY_MS = 30_000;

/** Sends the bookings kept on this device; safe to call often (one flusher at a time). */
export function sendWaitingBookings() {
  if (typeof indexedDB === 'undefined' || !navigator.onLine) return Promise.resolve(null);
  return flushOutbox('booking', sendQueuedBooking).catch(() => null);
}

/**
 * In the site layout: sends bookings saved offline as soon as the page is online (on load, on
 * the `online` event, and every half minute while some wait), so they go out in the page or
 * on the next visit to any page. Away from the booking form (which shows the answer itself), a
 * toast says what happened.
 */
export function OfflineBookingSync() {
  const t = useTranslations('booking.offline');
  const toast = useToast();
  const pathname = usePathname();
  const onForm = pathname === '/book-repair';
  const onFormRef = useRef(onForm);
  useEffect(() => {
    onFormRef.current = onForm;
  }, [onForm]);

  useEffect(() => {
    if (typeof indexedDB === 'undefined') return;
    pruneKept();
    const flush = () => void sendWaitingBookings();
    flush();
    window.addEventListener('online', flush);
    // the half-minute retry rests while the battery saver is on (load and `online` still send)
    const stopRetry = everyUnlessSaving(() => {
      void listOutbox('booking').then(
        (items) => items.some((i) => i.state === 'waiting') && flush(),
        () => undefined,
      );
    }, RETRY_MS);

    const sentIds = new Set<string>();
    // remember which items were waiting, to know a removal was a send
    const tell = (change: OutboxChange) => {
      if (change.queue !== 'booking' || !change.id || onFormRef.current) return;
      const id = change.id;
      const sent = sentBookingOf(id);
      if (sent && !sentIds.has(id) && !wasNotified(id, 'sent')) {
        sentIds.add(id);
        markNotified(id, 'sent');
        toast({
          tone: 'success',
          title: t('sentToastTitle', { reference: sent.reference }),
          description: t('sentToastText'),
        });
        return;
      }
      void listOutbox('booking').then((items) => {
        const item = items.find((i) => i.id === id);
        if (!item || (item.state !== 'conflict' && item.state !== 'failed')) return;
        if (wasNotified(id, item.state)) return;
        markNotified(id, item.state);
        toast({ tone: 'error', title: t('problemToastTitle'), description: t('problemToastText') });
      });
    };
    const off = onOutboxChange(tell);
    return () => {
      window.removeEventListener('online', flush);
      stopRetry();
      off();
    };
  }, [t, toast]);

  return null;
}
