'use client';
/**
 * On the success page: the photos of the damage picked in the form, sent now that the booking
 * exists (POST /api/bookings/{reference}/photos with the manage link's signature), each with its
 * progress, retried by itself on a flaky connection and by the Retry button after that.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { UploadList, useUploadQueue } from '@/features/photos/components';
import type { BookingConfirmation } from '../schemas';
import type { DamagePhoto } from './damage-photos-section';

export function BookingPhotoUploads({
  booking,
  photos,
}: {
  booking: BookingConfirmation;
  photos: DamagePhoto[];
}) {
  const t = useTranslations('bookingPhotos');
  const { items, announcement, addPrepared, retry, keep } = useUploadQueue({ maxBytes: 0 });
  const started = useRef<string | null>(null);

  useEffect(() => {
    // once per booking (a development double effect or a re-render must not send them twice)
    if (started.current === booking.reference || photos.length === 0 || !booking.manageUrl) return;
    started.current = booking.reference;
    const sig = new URL(booking.manageUrl).searchParams.get('sig') ?? '';
    addPrepared(photos, {
      url: `/api/bookings/${encodeURIComponent(booking.reference)}/photos`,
      fields: { sig },
    });
  }, [addPrepared, booking.manageUrl, booking.reference, photos]);

  if (photos.length === 0) return null;
  const done = items.length > 0 && items.every((i) => i.status === 'done');
  const failed = items.some((i) => i.status === 'failed');
  return (
    <section
      aria-labelledby="booking-photos-title"
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      data-testid="booking-photo-uploads"
    >
      <h2 id="booking-photos-title" className="text-lg font-semibold">
        {t('uploadsTitle')}
      </h2>
      <p className="mt-1 text-slate-700" data-testid="booking-photo-uploads-summary">
        {done ? t('allSent') : failed ? t('someFailed') : t('uploadsLead')}
      </p>
      {/* the photos were chosen (and any retake offered) in the form: here the verdict is for information */}
      <UploadList items={items} onRetry={retry} onKeep={keep} />
      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
    </section>
  );
}
