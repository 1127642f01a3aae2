'use client';
/**
 * "Photos of the damage": an optional step of the booking form. Up to BOOKING_PHOTO_MAX photos
 * from the camera or the files, compressed on this phone as they are added, shown as thumbnails
 * that can be removed. They are kept in memory and sent after the booking is made (the success
 * page shows their progress): a booking kept on this device while offline is sent without them,
 * and the step says so while offline.
 */
import { Camera, ImagePlus, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useOnlineStatus } from '@/features/offline/components';
import {
  CameraCapture,
  checkPickedPhoto,
  compressPhoto,
  measurePhotoQuality,
  QualityNotice,
  type CompressedPhoto,
  type PhotoQuality,
} from '@/features/photos/components';
import { BOOKING_PHOTO_MAX } from '../booking-photos';
import { Section } from './section';

export interface DamagePhoto extends CompressedPhoto {
  key: string;
  /** a blob: URL for the thumbnail */
  url: string;
  /** the quality check on this device (too dark, blurry…); null when it could not run */
  quality: PhotoQuality | null;
  /** the customer chose to keep it despite the check */
  kept?: boolean;
}

let seq = 0;

export function DamagePhotosSection({
  step,
  photos,
  onChange,
  disabled,
}: {
  step: number;
  photos: DamagePhoto[];
  onChange: (update: (photos: DamagePhoto[]) => DamagePhoto[]) => void;
  disabled?: boolean;
}) {
  const t = useTranslations('bookingPhotos');
  const online = useOnlineStatus();
  const [cameraOpen, setCameraOpen] = useState(false);
  const [preparing, setPreparing] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const room = BOOKING_PHOTO_MAX - photos.length - preparing;
  const full = room <= 0;

  async function addFiles(files: File[]) {
    setMessage(null);
    const take = files.slice(0, Math.max(0, room));
    if (files.length > take.length) setMessage(t('full', { max: BOOKING_PHOTO_MAX }));
    setPreparing((n) => n + take.length);
    for (const file of take) {
      try {
        const check = await checkPickedPhoto(file);
        if (!check.ok) {
          setMessage(t('notPhoto', { name: file.name || 'photo' }));
          continue;
        }
        const compressed = await compressPhoto(file);
        const photo: DamagePhoto = {
          ...compressed,
          key: `d${++seq}`,
          url: URL.createObjectURL(compressed.file),
          quality: await measurePhotoQuality(compressed.file),
        };
        onChange((list) => (list.length >= BOOKING_PHOTO_MAX ? list : [...list, photo]));
      } finally {
        setPreparing((n) => n - 1);
      }
    }
  }

  function keep(photo: DamagePhoto) {
    onChange((list) => list.map((p) => (p.key === photo.key ? { ...p, kept: true } : p)));
  }

  /** Retake: this shot goes and the camera opens for another. */
  function retake(photo: DamagePhoto) {
    remove(photo);
    setCameraOpen(true);
  }

  function remove(photo: DamagePhoto) {
    URL.revokeObjectURL(photo.url);
    onChange((list) => list.filter((p) => p.key !== photo.key));
    setMessage(null);
  }

  return (
    <Section
      id="damage-photos"
      step={step}
      title={t('title')}
      aside={<span className="text-sm text-slate-600">{t('optional')}</span>}
    >
      <div className="space-y-4" data-testid="damage-photos">
        <p className="text-slate-700">
          {t('lead', { max: BOOKING_PHOTO_MAX })} {t('sentAfter')}
        </p>
        {!online ? (
          <p
            className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-amber-950"
            data-testid="damage-photos-offline"
          >
            {t('offlineNote')}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => setCameraOpen(true)}
            disabled={disabled || full}
            data-testid="damage-photos-camera"
          >
            <Camera className="size-5" aria-hidden />
            {t('takePhoto')}
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => fileInput.current?.click()}
            disabled={disabled || full}
            data-testid="damage-photos-choose"
          >
            <ImagePlus className="size-5" aria-hidden />
            {t('choose')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            hidden
            aria-label={t('choose')}
            data-testid="damage-photos-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void addFiles(files);
            }}
          />
        </div>
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="damage-photos-count">
          {preparing > 0 ? t('preparing') : t('count', { count: photos.length, max: BOOKING_PHOTO_MAX })}
        </p>
        {message ? (
          <p role="alert" className="text-sm text-red-800">
            {message}
          </p>
        ) : null}
        {photos.length > 0 ? (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5" data-testid="damage-photos-list">
            {photos.map((p, i) => (
              <li key={p.key} className="relative" data-testid="damage-photo">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local blob: URL */}
                <img
                  src={p.url}
                  alt={t('photoAlt', { n: i + 1 })}
                  className="aspect-square w-full rounded-lg border border-slate-200 object-cover"
                />
                <button
                  type="button"
                  onClick={() => remove(p)}
                  disabled={disabled}
                  aria-label={t('remove', { n: i + 1 })}
                  className="absolute right-1 top-1 inline-flex size-11 items-center justify-center rounded-full bg-slate-900/75 text-white hover:bg-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
                  data-testid="damage-photo-remove"
                >
                  <X className="size-5" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {photos.map((p, i) =>
          p.quality && !p.quality.ok && !p.kept ? (
            <div key={p.key} data-testid="damage-photo-quality">
              <QualityNotice
                quality={p.quality}
                name={t('photoAlt', { n: i + 1 })}
                showName
                onRetake={disabled ? undefined : () => retake(p)}
                onKeep={() => keep(p)}
              />
            </div>
          ) : null,
        )}
      </div>
      <CameraCapture
        open={cameraOpen}
        onOpenChange={setCameraOpen}
        onCapture={(file) => void addFiles([file])}
      />
    </Section>
  );
}
