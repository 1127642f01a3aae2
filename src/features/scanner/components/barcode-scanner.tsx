'use client';
/**
 * The live barcode scanner: the camera's picture (useCamera: rear camera first, switch, torch),
 * read a few times a second (slower with the battery saver on) until the first code, then the
 * camera stops and `onResult` gets it. Without a camera (none, refused, plain HTTP), or by
 * choice, a photo of the code does the same. `data-decoder` says which decoder reads:
 * "native" (the browser's BarcodeDetector) or "wasm" (zxing-wasm).
 * Client-only: mount it after the page has hydrated (the scan page) or in a dialog.
 */
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Flashlight, FlashlightOff, ImageUp, SwitchCamera } from 'lucide-react';
import { useCamera } from '@/components/device/use-camera';
import { saverOn } from '@/components/device/saver';
import { cn } from '@/components/ui/cn';
import { createDecoder, type Decoder, type ScanFormat, type ScanResult } from './decoders';

/** Between two reads of the live picture; longer while the battery saver is on. */
export const SCAN_INTERVAL_MS = 200;
export const SAVER_SCAN_INTERVAL_MS = 600;

export function BarcodeScanner({
  formats,
  onResult,
  className,
}: {
  formats: readonly ScanFormat[];
  onResult: (result: ScanResult) => void;
  className?: string;
}) {
  const t = useTranslations('scanner');
  const camera = useCamera();
  const { videoRef, status, stop } = camera;
  const [decoder, setDecoder] = useState<Decoder | null>(null);
  const [decoderFailed, setDecoderFailed] = useState(false);
  const [done, setDone] = useState(false);
  const [photoMessage, setPhotoMessage] = useState<string | null>(null);
  const [readingPhoto, setReadingPhoto] = useState(false);
  const fileId = useId();
  const doneRef = useRef(false);
  const onResultRef = useRef(onResult);
  useEffect(() => {
    onResultRef.current = onResult;
  }, [onResult]);
  const formatKey = formats.join(',');

  useEffect(() => {
    let cancelled = false;
    createDecoder(formatKey.split(',') as ScanFormat[])
      .then((d) => !cancelled && setDecoder(d))
      .catch(() => !cancelled && setDecoderFailed(true));
    return () => {
      cancelled = true;
    };
  }, [formatKey]);

  const finish = useCallback(
    (result: ScanResult) => {
      if (doneRef.current) return;
      doneRef.current = true;
      setDone(true);
      stop();
      onResultRef.current(result);
    },
    [stop],
  );

  // read the live picture until the first code
  useEffect(() => {
    if (!decoder || status !== 'live' || done) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped) return;
      const video = videoRef.current;
      if (video && video.readyState >= 2) {
        const result = await decoder.decode(video).catch(() => null);
        if (stopped) return;
        if (result) {
          finish(result);
          return;
        }
      }
      timer = setTimeout(tick, saverOn() ? SAVER_SCAN_INTERVAL_MS : SCAN_INTERVAL_MS);
    };
    timer = setTimeout(tick, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [decoder, status, done, videoRef, finish]);

  async function onPhoto(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || !decoder) return;
    setReadingPhoto(true);
    setPhotoMessage(null);
    const result = await decoder.decode(file).catch(() => null);
    setReadingPhoto(false);
    if (result) finish(result);
    else setPhotoMessage(t('photoUnreadable'));
  }

  const noCamera = status === 'unavailable' || status === 'denied' || status === 'error';
  const state = done
    ? 'done'
    : noCamera
      ? 'no-camera'
      : decoder && status === 'live'
        ? 'scanning'
        : 'starting';
  const statusText = decoderFailed
    ? t('decoderFailed')
    : status === 'denied'
      ? t('cameraDenied')
      : noCamera
        ? t('cameraUnavailable')
        : state === 'scanning'
          ? t('aim')
          : t('starting');

  return (
    <div
      className={cn('space-y-3', className)}
      data-testid="barcode-scanner"
      data-decoder={decoder?.kind ?? ''}
      data-state={state}
    >
      {/* the picture goes once a code is read (the camera is off) */}
      {noCamera || done ? null : (
        <div className="relative overflow-hidden rounded-xl bg-slate-900">
          <video
            ref={videoRef}
            className="aspect-[4/3] w-full object-cover"
            playsInline
            muted
            aria-label={t('preview')}
            data-testid="scanner-video"
          />
          {/* the aiming frame: where the code goes */}
          <div
            aria-hidden
            className="pointer-events-none absolute inset-[12%] rounded-lg border-2 border-white/80 shadow-[0_0_0_9999px_rgba(15,23,42,0.35)]"
          />
        </div>
      )}
      {/* once read, what the code is for is the page's to say */}
      {done ? null : (
        <p role="status" className="text-slate-800" data-testid="scanner-status">
          {statusText}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {camera.torchSupported && !done ? (
          <button
            type="button"
            onClick={camera.toggleTorch}
            aria-pressed={camera.torchOn}
            className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-900 hover:bg-slate-50"
            data-testid="scanner-torch"
          >
            {camera.torchOn ? (
              <FlashlightOff className="size-5" aria-hidden />
            ) : (
              <Flashlight className="size-5" aria-hidden />
            )}
            {t('torch')}
          </button>
        ) : null}
        {camera.canSwitch && !done ? (
          <button
            type="button"
            onClick={camera.switchCamera}
            className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-900 hover:bg-slate-50"
            data-testid="scanner-switch"
          >
            <SwitchCamera className="size-5" aria-hidden />
            {t('switchCamera')}
          </button>
        ) : null}
        {done ? null : (
          <label
            htmlFor={fileId}
            className={cn(
              'inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 font-medium has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand',
              noCamera
                ? 'bg-brand text-brand-fg hover:brightness-110'
                : 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50',
            )}
          >
            <ImageUp className="size-5" aria-hidden />
            {readingPhoto ? t('readingPhoto') : t('choosePhoto')}
            <input
              id={fileId}
              type="file"
              accept="image/*"
              className="sr-only"
              disabled={!decoder || readingPhoto}
              onChange={onPhoto}
              data-testid="scanner-photo"
            />
          </label>
        )}
      </div>
      {photoMessage ? (
        <p role="alert" className="font-medium text-red-700" data-testid="scanner-photo-message">
          {photoMessage}
        </p>
      ) : null}
    </div>
  );
}
