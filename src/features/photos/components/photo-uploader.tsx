'use client';
import { Camera, ImagePlus, Upload } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Input, Select } from '@/components/ui/input';
import {
  ACCEPT_ATTRIBUTE,
  CAPTION_MAX,
  PHOTO_KIND_VALUES,
  type PhotoKindValue,
  type PhotoVisibilityValue,
} from '../photo-rules';
import type { Photo } from '../schemas';
import { CameraCapture } from './camera-capture';
import { UploadList } from './upload-list';
import { photosUrl, usePhotos } from './use-photos';
import { useUploadQueue, type UploadItem } from './use-upload-queue';

export interface PhotoUploaderProps {
  /** the order's id (uuid) or reference */
  orderId: string;
  /** called after each photo is stored */
  onUploaded?: (photo: Photo) => void;
  /** the kind selected at first (e.g. 'intake' on the intake form) */
  defaultKind?: PhotoKindValue;
  className?: string;
}

/**
 * Adds photos to an order: pick the kind and who may see them, then choose files, take a photo
 * with the camera (a live viewfinder; the phone's own camera or the file picker when it cannot
 * be had), or drop files (desktops). Files are checked here first (type by their bytes), scaled
 * and compressed on the device, then uploaded one after another with a progress bar each,
 * retried by themselves on a flaky connection (and by the Retry button after that); the server
 * decides. Galleries of the same order refresh after each upload.
 */
export function PhotoUploader({
  orderId,
  onUploaded,
  defaultKind = 'before',
  className,
}: PhotoUploaderProps) {
  const t = useTranslations('photos');
  const tu = useTranslations('photos.uploader');
  const id = useId();
  const { data, mutate } = usePhotos({ kind: 'staff', orderId });
  const [kind, setKind] = useState<PhotoKindValue>(defaultKind);
  const [visibility, setVisibility] = useState<PhotoVisibilityValue>('customer');
  const [caption, setCaption] = useState('');
  const [dragging, setDragging] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const maxBytes = data?.limits?.maxBytes ?? 0;
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const ready = !!data && data.canUpload;
  const { items, announcement, add, retry, keep, remove, clearFinished } = useUploadQueue({
    maxBytes,
    onStored: async (body) => {
      onUploaded?.(body as Photo);
      await mutate();
    },
  });

  function addFiles(files: FileList | File[] | null) {
    if (!files || !ready) return;
    const fields: Record<string, string> = { kind, visibility };
    if (caption.trim()) fields.caption = caption.trim();
    add([...files], { url: photosUrl({ kind: 'staff', orderId }), fields });
  }

  /** Retake: the poor shot goes (when this person may delete it) and the camera opens. */
  async function retake(item: UploadItem) {
    if (item.photoId && item.canDelete) {
      const res = await fetch(
        `${photosUrl({ kind: 'staff', orderId })}/${encodeURIComponent(item.photoId)}`,
        { method: 'DELETE', credentials: 'same-origin' },
      ).catch(() => null);
      if (res?.ok) {
        remove(item.key);
        await mutate();
      } else keep(item.key);
    } else keep(item.key);
    setCameraOpen(true);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    addFiles(e.dataTransfer.files);
  }

  if (data && !data.canUpload) {
    return (
      <p className={cn('text-sm text-slate-700', className)} data-testid="photo-uploader-not-allowed">
        {tu('notAllowed')}
      </p>
    );
  }

  const finished = items.some((i) => i.status === 'done' || i.status === 'failed');

  return (
    <div className={cn('space-y-4', className)} data-testid="photo-uploader">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium text-slate-800">
          {tu('kind')}
          <Select
            className="mt-1"
            value={kind}
            onChange={(e) => setKind(e.target.value as PhotoKindValue)}
            data-testid="photo-kind"
          >
            {PHOTO_KIND_VALUES.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </Select>
        </label>
        <label className="block text-sm font-medium text-slate-800">
          {tu('visibility')}
          <Select
            className="mt-1"
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as PhotoVisibilityValue)}
            data-testid="photo-visibility"
          >
            <option value="customer">{tu('visibilityCustomer')}</option>
            <option value="internal">{tu('visibilityInternal')}</option>
          </Select>
        </label>
        <label className="block text-sm font-medium text-slate-800 sm:col-span-2">
          {tu('caption')}
          <Input
            className="mt-1"
            value={caption}
            maxLength={CAPTION_MAX}
            onChange={(e) => setCaption(e.target.value)}
            aria-describedby={`${id}-caption-hint`}
            data-testid="photo-caption-input"
          />
          <span id={`${id}-caption-hint`} className="mt-1 block text-xs font-normal text-slate-600">
            {tu('captionHint')}
          </span>
        </label>
      </div>

      <div
        onDragEnter={(e) => {
          e.preventDefault();
          if (ready) setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = ready ? 'copy' : 'none';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center gap-3 rounded-2xl border-2 border-dashed px-4 py-6 text-center transition',
          dragging ? 'border-brand bg-brand/5' : 'border-slate-300 bg-slate-50',
        )}
        data-testid="photo-dropzone"
      >
        <Upload className="size-8 text-slate-500" aria-hidden />
        <p className="hidden font-medium text-slate-800 pointer-fine:block">
          {dragging ? tu('dropActive') : tu('drop')}
          <span className="sr-only">, </span>
          <span className="block text-sm font-normal text-slate-600">{tu('or')}</span>
        </p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => setCameraOpen(true)}
            disabled={!ready}
            data-testid="photo-camera"
          >
            <Camera className="size-5" aria-hidden />
            {tu('camera')}
          </Button>
          <Button
            type="button"
            onClick={() => fileInput.current?.click()}
            disabled={!ready}
            data-testid="photo-choose"
          >
            <ImagePlus className="size-5" aria-hidden />
            {tu('choose')}
          </Button>
        </div>
        <p className="text-sm text-slate-600" id={`${id}-rules`}>
          {maxBytes ? tu('rules', { mb }) : '\u00a0'}
        </p>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          multiple
          hidden
          aria-label={tu('choose')}
          aria-describedby={`${id}-rules`}
          data-testid="photo-file-input"
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>

      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
      <CameraCapture open={cameraOpen} onOpenChange={setCameraOpen} onCapture={(file) => addFiles([file])} />

      {items.length > 0 ? (
        <div>
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-800">{tu('queue')}</h3>
            {finished ? (
              <Button type="button" size="sm" variant="ghost" onClick={clearFinished}>
                {tu('dismiss')}
              </Button>
            ) : null}
          </div>
          <UploadList items={items} onRetry={retry} onKeep={keep} onRetake={(item) => void retake(item)} />
        </div>
      ) : null}
    </div>
  );
}
