'use client';
/**
 * Take a photo with the device's camera: a full-screen dialog with the live picture (rear camera
 * first), a big shutter, a camera switch when there is more than one, the torch where the camera
 * has one; then the shot to look at with "Use photo" / "Retake". When the camera cannot be had
 * (no camera, plain HTTP, permission refused) it says why and offers the phone's own camera or
 * the file picker (`<input capture="environment">`) instead.
 */
import * as RadixDialog from '@radix-ui/react-dialog';
import {
  Camera as CameraIcon,
  Check,
  Flashlight,
  FlashlightOff,
  RotateCcw,
  SwitchCamera,
  X,
} from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useCamera } from '@/components/device/use-camera';
import { Button } from '@/components/ui/button';
import { ACCEPT_ATTRIBUTE } from '../photo-rules';

const roundButton =
  'inline-flex size-12 shrink-0 items-center justify-center rounded-full bg-white/15 text-white transition hover:bg-white/25 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white';

export interface CameraCaptureProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** the shot (a JPEG at the camera's resolution; the uploader compresses it like any file) */
  onCapture: (file: File) => void;
}

export function CameraCapture({ open, onOpenChange, onCapture }: CameraCaptureProps) {
  const t = useTranslations('camera');
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-[60] bg-black" />
        <RadixDialog.Content
          className="fixed inset-0 z-[60] flex flex-col bg-black text-white outline-none"
          data-testid="camera-dialog"
          aria-describedby="camera-help"
        >
          <div className="flex items-center gap-2 px-3 py-2">
            <RadixDialog.Title className="min-w-0 flex-1 truncate text-base font-semibold">
              {t('title')}
            </RadixDialog.Title>
            <RadixDialog.Close className={roundButton} aria-label={t('close')} data-testid="camera-close">
              <X className="size-6" aria-hidden />
            </RadixDialog.Close>
          </div>
          <p id="camera-help" className="sr-only">
            {t('help')}
          </p>
          {/* mounted only while open: the camera starts with the dialog and stops when it closes */}
          {open ? (
            <CameraBody
              onUse={(file) => {
                onCapture(file);
                onOpenChange(false);
              }}
            />
          ) : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function captureFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx || !canvas.width || !canvas.height) return Promise.resolve(null);
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  // high quality here: the upload path scales and compresses it once, like any other photo
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
}

function CameraBody({ onUse }: { onUse: (file: File) => void }) {
  const t = useTranslations('camera');
  const { videoRef, status, canSwitch, switchCamera, torchSupported, torchOn, toggleTorch } = useCamera();
  const [shot, setShot] = useState<{ file: File; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const shutterRef = useRef<HTMLButtonElement>(null);
  const useRefButton = useRef<HTMLButtonElement>(null);

  useEffect(() => () => (shot ? URL.revokeObjectURL(shot.url) : undefined), [shot]);
  // the focus follows the step: the shutter when live, "Use photo" on the preview
  useEffect(() => {
    if (shot) useRefButton.current?.focus();
    else if (status === 'live') shutterRef.current?.focus();
  }, [shot, status]);

  async function takeShot() {
    const video = videoRef.current;
    if (!video || busy) return;
    setBusy(true);
    try {
      const blob = await captureFrame(video);
      if (!blob) return;
      const file = new File([blob], `photo-${new Date().toISOString().replace(/[:.]/g, '-')}.jpg`, {
        type: 'image/jpeg',
      });
      setShot({ file, url: URL.createObjectURL(blob) });
    } finally {
      setBusy(false);
    }
  }

  const failed = status === 'denied' || status === 'unavailable' || status === 'error';
  const fallback = (
    <>
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        capture="environment"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        data-testid="camera-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onUse(file);
        }}
      />
      <Button type="button" onClick={() => fileInput.current?.click()} data-testid="camera-file-fallback">
        <CameraIcon className="size-5" aria-hidden />
        {t('useDeviceCamera')}
      </Button>
    </>
  );

  if (failed) {
    return (
      <div
        className="flex flex-1 flex-col items-center justify-center gap-4 px-6 text-center"
        data-testid="camera-unavailable"
      >
        <p role="alert" className="max-w-sm text-base">
          {t(`failed.${status}`)}
        </p>
        {fallback}
      </div>
    );
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="relative min-h-0 flex-1 overflow-hidden bg-black">
        <video
          ref={videoRef}
          className="absolute inset-0 size-full object-contain"
          playsInline
          muted
          autoPlay
          aria-label={t('viewfinder')}
          data-testid="camera-video"
          hidden={!!shot}
        />
        {shot ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local blob: URL of the shot
          <img
            src={shot.url}
            alt={t('previewAlt')}
            className="absolute inset-0 size-full object-contain"
            data-testid="camera-preview"
          />
        ) : null}
        {status === 'starting' && !shot ? (
          <p className="absolute inset-x-0 top-1/2 text-center text-sm text-slate-200" role="status">
            {t('starting')}
          </p>
        ) : null}
      </div>
      <div
        className="flex items-center justify-center gap-6 px-4 pt-4"
        // above the bottom navigation (helper A's --bottom-nav-height) and the home indicator
        style={{
          paddingBottom: 'calc(max(var(--bottom-nav-height, 0px), env(safe-area-inset-bottom)) + 1rem)',
        }}
      >
        {shot ? (
          <>
            <Button
              type="button"
              variant="secondary"
              onClick={() => setShot(null)}
              className="min-w-32"
              data-testid="camera-retake"
            >
              <RotateCcw className="size-5" aria-hidden />
              {t('retake')}
            </Button>
            <Button
              ref={useRefButton}
              type="button"
              onClick={() => onUse(shot.file)}
              className="min-w-32"
              data-testid="camera-use"
            >
              <Check className="size-5" aria-hidden />
              {t('use')}
            </Button>
          </>
        ) : (
          <>
            <div className="flex w-12 justify-center">
              {torchSupported ? (
                <button
                  type="button"
                  className={roundButton}
                  aria-pressed={torchOn}
                  aria-label={t('torch')}
                  onClick={toggleTorch}
                  data-testid="camera-torch"
                >
                  {torchOn ? (
                    <Flashlight className="size-6" aria-hidden />
                  ) : (
                    <FlashlightOff className="size-6" aria-hidden />
                  )}
                </button>
              ) : null}
            </div>
            <button
              ref={shutterRef}
              type="button"
              onClick={() => void takeShot()}
              disabled={status !== 'live' || busy}
              aria-label={t('shutter')}
              className="inline-flex size-20 items-center justify-center rounded-full border-4 border-white bg-white/20 transition hover:bg-white/35 focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-4 focus-visible:outline-sky-300 disabled:opacity-50"
              data-testid="camera-shutter"
            >
              <span className="size-14 rounded-full bg-white" aria-hidden />
            </button>
            <div className="flex w-12 justify-center">
              {canSwitch ? (
                <button
                  type="button"
                  className={roundButton}
                  aria-label={t('switch')}
                  onClick={switchCamera}
                  data-testid="camera-switch"
                >
                  <SwitchCamera className="size-6" aria-hidden />
                </button>
              ) : null}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
