'use client';
import { Camera, CheckCircle2, ImagePlus, Upload, XCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Input, Select } from '@/components/ui/input';
import {
  ACCEPT_ATTRIBUTE,
  CAPTION_MAX,
  checkPhotoBytes,
  PHOTO_KIND_VALUES,
  TYPE_NAMES,
  type PhotoKindValue,
  type PhotoVisibilityValue,
} from '../photo-rules';
import type { Photo } from '../schemas';
import { photosUrl, usePhotos } from './use-photos';

export interface PhotoUploaderProps {
  /** the order's id (uuid) or reference */
  orderId: string;
  /** called after each photo is stored */
  onUploaded?: (photo: Photo) => void;
  /** the kind selected at first (e.g. 'intake' on the intake form) */
  defaultKind?: PhotoKindValue;
  className?: string;
}

type Status = 'waiting' | 'checking' | 'uploading' | 'done' | 'failed';

interface Item {
  key: string;
  name: string;
  status: Status;
  progress: number;
  message?: string;
}

interface Job {
  key: string;
  file: File;
  kind: PhotoKindValue;
  visibility: PhotoVisibilityValue;
  caption: string;
  maxBytes: number;
}

interface SendResult {
  status: number;
  body: unknown;
}

/** XMLHttpRequest, because fetch cannot report upload progress. */
function send(url: string, body: FormData, onProgress: (fraction: number) => void): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText || 'null');
      } catch {
        parsed = null;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('network'));
    xhr.send(body);
  });
}

let keySeq = 0;

/**
 * Adds photos to an order: pick the kind and who may see them, then choose files, take a photo
 * (phones), or drop files (desktops). Files are checked here first (type by their bytes, size)
 * with clear messages, then uploaded one after another with a progress bar each; the server
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
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const queue = useRef<Job[]>([]);
  const running = useRef(false);

  const maxBytes = data?.limits?.maxBytes ?? 0;
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const ready = !!data && data.canUpload;

  const update = (key: string, patch: Partial<Item>) =>
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  async function runJob(job: Job) {
    update(job.key, { status: 'checking' });
    const head = new Uint8Array(await job.file.slice(0, 1024).arrayBuffer());
    const check = checkPhotoBytes(head, job.file.size, job.maxBytes, job.file.type, job.file.name);
    if (!check.ok) {
      const type = TYPE_NAMES[check.detected];
      const message = tu(`reasons.${check.reason}`, {
        mb: Math.round((job.maxBytes / 1024 / 1024) * 10) / 10,
        type,
      });
      update(job.key, { status: 'failed', message });
      setAnnouncement(tu('announceFailed', { name: job.file.name, reason: message }));
      return;
    }
    update(job.key, { status: 'uploading', progress: 0 });
    const body = new FormData();
    body.set('file', job.file, job.file.name);
    body.set('kind', job.kind);
    body.set('visibility', job.visibility);
    if (job.caption.trim()) body.set('caption', job.caption.trim());
    try {
      const res = await send(photosUrl({ kind: 'staff', orderId }), body, (f) =>
        update(job.key, { progress: Math.min(99, Math.round(f * 100)) }),
      );
      if (res.status === 201) {
        update(job.key, { status: 'done', progress: 100 });
        setAnnouncement(tu('announceDone', { name: job.file.name }));
        onUploaded?.(res.body as Photo);
        await mutate();
        return;
      }
      const problem = (res.body ?? {}) as { detail?: string; errors?: Array<{ message: string }> };
      const message = problem.errors?.[0]?.message ?? problem.detail ?? tu('reasons.server');
      update(job.key, { status: 'failed', message });
      setAnnouncement(tu('announceFailed', { name: job.file.name, reason: message }));
    } catch {
      const message = tu('reasons.network');
      update(job.key, { status: 'failed', message });
      setAnnouncement(tu('announceFailed', { name: job.file.name, reason: message }));
    }
  }

  async function drainQueue() {
    if (running.current) return;
    running.current = true;
    try {
      for (let job = queue.current.shift(); job; job = queue.current.shift()) await runJob(job);
    } finally {
      running.current = false;
    }
  }

  function addFiles(files: FileList | File[] | null) {
    if (!files || !ready) return;
    const list = [...files];
    if (list.length === 0) return;
    const jobs = list.map((file) => ({
      key: `u${++keySeq}`,
      file,
      kind,
      visibility,
      caption,
      maxBytes,
    }));
    setItems((prev) => [
      ...prev,
      ...jobs.map((j) => ({
        key: j.key,
        name: j.file.name || 'photo',
        status: 'waiting' as const,
        progress: 0,
      })),
    ]);
    queue.current.push(...jobs);
    void drainQueue();
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
            className="hidden pointer-coarse:inline-flex"
            onClick={() => cameraInput.current?.click()}
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
        <input
          ref={cameraInput}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          capture="environment"
          hidden
          aria-label={tu('camera')}
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>

      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>

      {items.length > 0 ? (
        <div>
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-800">{tu('queue')}</h3>
            {finished ? (
              <Button
                type="button"
                size="sm"
                variant="ghost"
                onClick={() =>
                  setItems((list) => list.filter((i) => i.status !== 'done' && i.status !== 'failed'))
                }
              >
                {tu('dismiss')}
              </Button>
            ) : null}
          </div>
          <ul className="mt-2 space-y-2" data-testid="photo-upload-list">
            {items.map((it) => (
              <li
                key={it.key}
                className="rounded-lg border border-slate-200 bg-white p-3"
                data-testid="photo-upload-item"
                data-status={it.status}
              >
                <div className="flex items-start gap-2">
                  {it.status === 'done' ? (
                    <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-green-700" aria-hidden />
                  ) : it.status === 'failed' ? (
                    <XCircle className="mt-0.5 size-5 shrink-0 text-red-700" aria-hidden />
                  ) : (
                    <Upload className="mt-0.5 size-5 shrink-0 text-slate-500" aria-hidden />
                  )}
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">{it.name}</p>
                    <p
                      className={cn('text-sm', it.status === 'failed' ? 'text-red-800' : 'text-slate-600')}
                      data-testid="photo-upload-status"
                    >
                      {it.status === 'uploading'
                        ? tu('uploading', { percent: it.progress })
                        : it.status === 'failed'
                          ? `${tu('failed')}: ${it.message ?? ''}`
                          : tu(it.status)}
                    </p>
                  </div>
                </div>
                {it.status === 'uploading' ? (
                  <div
                    role="progressbar"
                    aria-label={tu('progress', { name: it.name })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={it.progress}
                    className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200"
                  >
                    <div
                      className="h-full rounded-full bg-brand transition-[width]"
                      style={{ width: `${it.progress}%` }}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
