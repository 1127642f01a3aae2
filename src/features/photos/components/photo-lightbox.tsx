'use client';
import * as RadixDialog from '@radix-ui/react-dialog';
import { ChevronLeft, ChevronRight, Maximize, X, ZoomIn, ZoomOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import type { Photo } from '../schemas';
import { useZoom } from './use-zoom';

const iconButton =
  'inline-flex size-11 shrink-0 items-center justify-center rounded-full text-white transition hover:bg-white/15 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 aria-disabled:hover:bg-transparent';

/**
 * A button that stays focusable when it cannot act (aria-disabled): a focused button that
 * became `disabled` would drop the focus out of the dialog.
 */
function ToolButton({
  label,
  onClick,
  enabled = true,
  testId,
  children,
}: {
  label: string;
  onClick?: () => void;
  enabled?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={iconButton}
      aria-label={label}
      aria-disabled={!enabled || undefined}
      onClick={enabled ? onClick : undefined}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/**
 * A full-screen viewer for a list of photos: a modal dialog (focus stays inside, Esc closes),
 * arrow keys and buttons move between photos, zoom with + / − (buttons or keys), the wheel,
 * double-click / double-tap and pinch; drag to pan a zoomed photo; swipe sideways (not zoomed) for the next or
 * previous photo.
 */
export function PhotoLightbox({
  photos,
  index,
  onIndexChange,
  onClose,
  altOf,
  returnFocusTo,
}: {
  photos: Photo[];
  /** the open photo, or null when closed */
  index: number | null;
  onIndexChange: (index: number) => void;
  onClose: () => void;
  altOf: (photo: Photo) => string;
  /** where the focus goes on close: the thumbnail of the photo last shown */
  returnFocusTo?: (photo: Photo) => HTMLElement | null | undefined;
}) {
  const t = useTranslations('photos.lightbox');
  const open = index !== null && photos.length > 0;
  const i = Math.min(index ?? 0, Math.max(photos.length - 1, 0));
  const photo = photos[i];
  const lastShown = useRef<Photo | undefined>(undefined);
  useEffect(() => {
    if (photo && index !== null) lastShown.current = photo;
  }, [photo, index]);

  return (
    <RadixDialog.Root open={open} onOpenChange={(o) => !o && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-950" />
        <RadixDialog.Content
          className="fixed inset-0 z-50 flex flex-col text-white outline-none"
          data-testid="photo-lightbox"
          aria-describedby="photo-lightbox-help"
          onCloseAutoFocus={(e) => {
            // without a Radix trigger the focus would fall to the page's start
            const target = lastShown.current && returnFocusTo?.(lastShown.current);
            if (target) {
              e.preventDefault();
              target.focus();
            }
          }}
        >
          {photo ? (
            <Viewer
              // a fresh zoom for every photo
              key={photo.id}
              photo={photo}
              n={i + 1}
              total={photos.length}
              alt={altOf(photo)}
              onPrevious={i > 0 ? () => onIndexChange(i - 1) : undefined}
              onNext={i < photos.length - 1 ? () => onIndexChange(i + 1) : undefined}
              preload={[photos[i - 1]?.url, photos[i + 1]?.url].filter((u): u is string => !!u)}
            />
          ) : null}
          <p id="photo-lightbox-help" className="sr-only">
            {t('help')}
          </p>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function Viewer({
  photo,
  n,
  total,
  alt,
  onPrevious,
  onNext,
  preload,
}: {
  photo: Photo;
  n: number;
  total: number;
  alt: string;
  onPrevious?: () => void;
  onNext?: () => void;
  preload: string[];
}) {
  const t = useTranslations('photos.lightbox');
  const {
    stageRef,
    imageRef,
    state,
    swipeOffset,
    zoomed,
    canZoomIn,
    canZoomOut,
    zoomIn,
    zoomOut,
    reset,
    handlers,
  } = useZoom({
    // swipe left for the next photo, right for the previous one (only while not zoomed)
    onSwipe: (direction) => (direction === 'next' ? onNext?.() : onPrevious?.()),
  });
  const [loaded, setLoaded] = useState(false);

  // the neighbours load while this one is looked at
  const preloadKey = preload.join(' ');
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const src of preloadKey.split(' ').filter(Boolean)) new Image().src = src;
    }, 300);
    return () => clearTimeout(timer);
  }, [preloadKey]);

  // keys anywhere while the viewer is open (Esc is the dialog's own)
  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const action =
        e.key === 'ArrowLeft'
          ? onPrevious
          : e.key === 'ArrowRight'
            ? onNext
            : e.key === '+' || e.key === '='
              ? zoomIn
              : e.key === '-' || e.key === '_'
                ? zoomOut
                : e.key === '0'
                  ? reset
                  : undefined;
      if (!action) return;
      e.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onPrevious, onNext, zoomIn, zoomOut, reset]);

  const percent = Math.round(state.scale * 100);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-1 px-2 py-2 sm:gap-2 sm:px-4">
        <RadixDialog.Title className="min-w-0 flex-1 truncate px-2 text-base font-semibold">
          {t('title', { n, total })}
        </RadixDialog.Title>
        <span className="sr-only" aria-live="polite" data-testid="photo-zoom-level">
          {t('zoomLevel', { percent })}
        </span>
        <span aria-hidden className="hidden w-14 text-right text-sm tabular-nums text-slate-300 sm:inline">
          {percent}%
        </span>
        <ToolButton label={t('zoomOut')} onClick={zoomOut} enabled={canZoomOut} testId="photo-zoom-out">
          <ZoomOut className="size-5" aria-hidden />
        </ToolButton>
        <ToolButton label={t('zoomIn')} onClick={zoomIn} enabled={canZoomIn} testId="photo-zoom-in">
          <ZoomIn className="size-5" aria-hidden />
        </ToolButton>
        <ToolButton label={t('zoomReset')} onClick={reset} enabled={zoomed} testId="photo-zoom-reset">
          <Maximize className="size-5" aria-hidden />
        </ToolButton>
        <RadixDialog.Close className={iconButton} aria-label={t('close')} data-testid="photo-lightbox-close">
          <X className="size-6" aria-hidden />
        </RadixDialog.Close>
      </div>

      <div
        ref={stageRef}
        className={cn(
          'relative min-h-0 flex-1 touch-none select-none overflow-hidden',
          zoomed ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in',
        )}
        data-testid="photo-stage"
        data-scale={state.scale}
        data-photo-index={n}
        {...handlers}
      >
        {!loaded ? (
          // eslint-disable-next-line @next/next/no-img-element -- authorised bytes from our API, not optimisable
          <img
            src={photo.thumbUrl}
            alt=""
            aria-hidden
            className="absolute inset-0 m-auto max-h-full max-w-full object-contain opacity-60 blur-sm"
            draggable={false}
          />
        ) : null}
        {/* eslint-disable-next-line @next/next/no-img-element -- authorised bytes from our API, not optimisable */}
        <img
          ref={imageRef}
          src={photo.url}
          alt={alt}
          width={photo.width}
          height={photo.height}
          onLoad={() => setLoaded(true)}
          draggable={false}
          data-testid="photo-full"
          className="absolute inset-0 m-auto h-auto max-h-full w-auto max-w-full object-contain will-change-transform"
          style={{
            transform: `translate(${state.x + swipeOffset}px, ${state.y}px) scale(${state.scale})`,
            transition: zoomed || swipeOffset ? 'none' : 'transform 150ms ease-out',
          }}
        />
      </div>

      <div className="flex items-center gap-2 px-2 py-3 sm:px-4">
        <ToolButton label={t('previous')} onClick={onPrevious} enabled={!!onPrevious} testId="photo-previous">
          <ChevronLeft className="size-7" aria-hidden />
        </ToolButton>
        <div className="min-w-0 flex-1 text-center text-sm">
          <p className="font-medium" data-testid="photo-caption">
            {alt}
          </p>
          {photo.uploadedBy ? (
            <p className="text-slate-300">{t('uploadedBy', { name: photo.uploadedBy.name })}</p>
          ) : null}
        </div>
        <ToolButton label={t('next')} onClick={onNext} enabled={!!onNext} testId="photo-next">
          <ChevronRight className="size-7" aria-hidden />
        </ToolButton>
      </div>
    </div>
  );
}
