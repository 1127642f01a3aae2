'use client';
import { Lock, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState } from 'react';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { PHOTO_KIND_VALUES, type PhotoKindValue } from '../photo-rules';
import type { Photo } from '../schemas';
import { PhotoLightbox } from './photo-lightbox';
import { PhotoPicture } from './photo-picture';
import { usePhotos, type PhotoSource } from './use-photos';

export type { PhotoSource } from './use-photos';

export interface PhotoGalleryProps {
  /** whose photos, and so which are shown: staff see internal ones, customers and links do not */
  source: PhotoSource;
  /** show delete buttons (staff pages); each photo still needs the server's `canDelete` */
  canDelete?: boolean;
  /** a heading above the gallery (an h2) */
  title?: string;
  /** render nothing while loading or when there are no photos (default: for tracking links) */
  hideWhenEmpty?: boolean;
  className?: string;
}

/**
 * An order's photos as thumbnails grouped by kind (before and after side by side on wide
 * screens), opening a zoomable lightbox. Fetches its own data (SWR), so an uploader for the
 * same order refreshes it.
 */
export function PhotoGallery({
  source,
  canDelete = false,
  title,
  hideWhenEmpty,
  className,
}: PhotoGalleryProps) {
  const t = useTranslations('photos');
  const toast = useToast();
  const { data, error, isLoading, mutate } = usePhotos(source);
  const [open, setOpen] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<Photo | null>(null);
  const [deleting, setDeleting] = useState(false);
  const hide = hideWhenEmpty ?? source.kind === 'track';
  const headingId = useId();
  const root = useRef<HTMLElement>(null);

  const photos = useMemo(() => data?.items ?? [], [data]);
  // one order for the grid and the lightbox: by kind, then oldest first
  const groups = useMemo(() => {
    const byKind = new Map<PhotoKindValue, Photo[]>();
    for (const p of photos) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
    return PHOTO_KIND_VALUES.filter((k) => byKind.has(k)).map((kind) => ({ kind, items: byKind.get(kind)! }));
  }, [photos]);
  const ordered = useMemo(() => groups.flatMap((g) => g.items), [groups]);

  const altOf = (p: Photo) => {
    const kind = t(`kinds.${p.kind}`);
    if (p.caption) return t('altWithCaption', { kind, caption: p.caption });
    const sameKind = photos.filter((q) => q.kind === p.kind);
    return t('altPlain', { kind, n: sameKind.indexOf(p) + 1 });
  };

  async function remove(photo: Photo) {
    if (source.kind !== 'staff') return;
    setDeleting(true);
    try {
      const res = await fetch(
        `/api/staff/orders/${encodeURIComponent(source.orderId)}/photos/${encodeURIComponent(photo.id)}`,
        { method: 'DELETE', credentials: 'same-origin' },
      );
      if (res.ok || res.status === 404) {
        toast({ tone: 'success', title: t('deleted') });
        await mutate();
      } else {
        toast({ tone: 'error', title: t('deleteFailed'), description: (await readProblem(res)).detail });
      }
    } finally {
      setDeleting(false);
      setConfirm(null);
    }
  }

  if (hide && (!data || photos.length === 0)) return null;

  const before = groups.find((g) => g.kind === 'before');
  const after = groups.find((g) => g.kind === 'after');
  const pairBeforeAfter = !!before && !!after;

  const renderGroup = (g: { kind: PhotoKindValue; items: Photo[] }) => (
    <section key={g.kind} aria-labelledby={`${headingId}-${g.kind}`} data-testid={`photo-group-${g.kind}`}>
      <h3 id={`${headingId}-${g.kind}`} className="text-sm font-semibold text-slate-700">
        {t(`kindHeadings.${g.kind}`)} <span className="font-normal text-slate-600">({g.items.length})</span>
      </h3>
      <ul className="mt-2 grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-2 sm:gap-3">
        {g.items.map((p) => {
          const alt = altOf(p);
          const deletable = canDelete && p.canDelete && source.kind === 'staff';
          return (
            <li key={p.id} data-testid="photo-tile" data-photo-id={p.id}>
              <div className="relative">
                <button
                  type="button"
                  onClick={() => setOpen(ordered.indexOf(p))}
                  data-open
                  className="group block aspect-square w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-100"
                  aria-label={t('open', { alt })}
                >
                  <PhotoPicture
                    photo={p}
                    alt=""
                    className="size-full object-cover transition group-hover:scale-105"
                  />
                </button>
                {p.visibility === 'internal' ? (
                  <span
                    className="pointer-events-none absolute bottom-1 left-1 inline-flex items-center gap-1 rounded-md bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 shadow-sm"
                    title={t('internalHint')}
                    data-testid="photo-internal-badge"
                  >
                    <Lock className="size-3" aria-hidden />
                    {t('internal')}
                  </span>
                ) : null}
                {deletable ? (
                  <button
                    type="button"
                    onClick={() => setConfirm(p)}
                    className="absolute right-1 top-1 inline-flex size-9 items-center justify-center rounded-full bg-white/95 text-red-700 shadow-sm hover:bg-red-50"
                    aria-label={t('deleteLabel', { alt })}
                    data-testid="photo-delete"
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </button>
                ) : null}
              </div>
              {p.caption ? <p className="mt-1 line-clamp-2 text-xs text-slate-700">{p.caption}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );

  return (
    <section
      ref={root}
      className={className}
      aria-labelledby={title ? headingId : undefined}
      aria-label={title ? undefined : t('title')}
      data-testid="photo-gallery"
    >
      {title ? (
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
      ) : null}
      {error ? (
        <div role="alert" className={cn('text-red-800', title && 'mt-3')}>
          <p>{t('loadError')}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => void mutate()}>
            {t('retry')}
          </Button>
        </div>
      ) : isLoading || !data ? (
        <div className={cn('grid grid-cols-3 gap-2 sm:grid-cols-5', title && 'mt-3')}>
          <span className="sr-only" role="status">
            {t('loading')}
          </span>
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="aspect-square" />
          ))}
        </div>
      ) : photos.length === 0 ? (
        <p className={cn('text-slate-700', title && 'mt-2')} data-testid="photos-empty">
          {t('empty')}
        </p>
      ) : (
        <div className={cn('space-y-5', title && 'mt-3')}>
          {groups.filter((g) => g.kind === 'intake').map(renderGroup)}
          {pairBeforeAfter ? (
            <div className="grid gap-5 md:grid-cols-2">
              {renderGroup(before)}
              {renderGroup(after)}
            </div>
          ) : (
            groups.filter((g) => g.kind === 'before' || g.kind === 'after').map(renderGroup)
          )}
          {groups.filter((g) => g.kind === 'other').map(renderGroup)}
        </div>
      )}

      <PhotoLightbox
        photos={ordered}
        index={open}
        onIndexChange={setOpen}
        onClose={() => setOpen(null)}
        altOf={altOf}
        returnFocusTo={(p) =>
          root.current?.querySelector<HTMLElement>(`[data-photo-id="${p.id}"] button[data-open]`)
        }
      />
      <Dialog
        open={confirm !== null}
        onOpenChange={(o) => !o && !deleting && setConfirm(null)}
        title={t('deleteTitle')}
        description={t('deleteText')}
        closeLabel={t('cancel')}
      >
        {confirm ? (
          <div className="space-y-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- authorised bytes from our API, not optimisable */}
            <img src={confirm.thumbUrl} alt={altOf(confirm)} className="max-h-48 rounded-lg" />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirm(null)} disabled={deleting}>
                {t('cancel')}
              </Button>
              <Button
                variant="danger"
                loading={deleting}
                onClick={() => void remove(confirm)}
                data-testid="photo-delete-confirm"
              >
                {t('deleteConfirm')}
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
