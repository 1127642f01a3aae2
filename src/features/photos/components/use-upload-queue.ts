'use client';
/**
 * A queue of photo uploads, one after another: each file is checked (type by its bytes, size),
 * compressed on the device, then sent by `sendPhoto` (progress, retries with backoff, an
 * Idempotency-Key per photo, waiting while offline). A failed upload keeps its compressed file
 * and key, so the Retry button sends the same photo under the same key.
 */
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkPhotoBytes, TYPE_NAMES } from '../photo-rules';
import type { PhotoQuality } from '../photo-quality-rules';
import { compressPhoto, type CompressedPhoto } from './compress-image';
import { newUploadKey, sendPhoto, UploadRefused, type SendResult } from './send-photo';

export type UploadStatus = 'waiting' | 'checking' | 'uploading' | 'retrying' | 'offline' | 'done' | 'failed';

export interface UploadItem {
  key: string;
  name: string;
  status: UploadStatus;
  progress: number;
  message?: string;
  /** a refused file cannot be retried; a network failure can */
  canRetry?: boolean;
  originalBytes?: number;
  bytes?: number;
  /** once stored: the server's verdict on the photo (too dark, blurry…) */
  quality?: PhotoQuality | null;
  /** the person chose to keep a photo the check found problems with */
  qualityKept?: boolean;
  /** once stored: the photo's id, and whether the caller may delete it (staff uploads) */
  photoId?: string;
  canDelete?: boolean;
}

/** What an upload answer says of the stored photo (staff: the photo; booking: `{ photo }`). */
function storedOf(body: unknown): Pick<UploadItem, 'quality' | 'photoId' | 'canDelete'> {
  const b = (body ?? {}) as {
    id?: string;
    canDelete?: boolean;
    photo?: { id?: string };
    quality?: PhotoQuality | null;
  };
  return { quality: b.quality ?? null, photoId: b.id ?? b.photo?.id, canDelete: b.canDelete === true };
}

export interface UploadTarget {
  url: string;
  fields: Record<string, string>;
}

interface Job {
  key: string;
  file: File;
  target: UploadTarget;
  idempotencyKey: string;
  prepared?: CompressedPhoto;
}

let seq = 0;

export function useUploadQueue({
  maxBytes,
  onStored,
}: {
  /** 0 while unknown: the server's limit is then the only check */
  maxBytes: number;
  onStored?: (body: unknown, item: UploadItem) => void | Promise<void>;
}) {
  const tu = useTranslations('photos.uploader');
  const [items, setItems] = useState<UploadItem[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const queue = useRef<Job[]>([]);
  const jobs = useRef(new Map<string, Job>());
  const running = useRef(false);
  // uploads carry on when the component goes (the photos still reach the order); React drops
  // the state updates of an unmounted component
  const onStoredRef = useRef(onStored);
  useEffect(() => {
    onStoredRef.current = onStored;
  }, [onStored]);

  const update = useCallback(
    (key: string, patch: Partial<UploadItem>) =>
      setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it))),
    [],
  );

  const fail = useCallback(
    (job: Job, message: string, canRetry: boolean) => {
      update(job.key, { status: 'failed', message, canRetry });
      setAnnouncement(tu('announceFailed', { name: job.file.name, reason: message }));
    },
    [tu, update],
  );

  const runJob = useCallback(
    async (job: Job) => {
      if (!job.prepared) {
        update(job.key, { status: 'checking' });
        const head = new Uint8Array(await job.file.slice(0, 1024).arrayBuffer());
        // the size limit is judged on what will be sent (after compression), not the original
        const check = checkPhotoBytes(
          head,
          job.file.size,
          Number.MAX_SAFE_INTEGER,
          job.file.type,
          job.file.name,
        );
        if (!check.ok) {
          const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
          return fail(job, tu(`reasons.${check.reason}`, { mb, type: TYPE_NAMES[check.detected] }), false);
        }
        job.prepared = await compressPhoto(job.file);
        update(job.key, { originalBytes: job.prepared.originalBytes, bytes: job.prepared.bytes });
        if (maxBytes && job.prepared.bytes > maxBytes) {
          const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
          return fail(job, tu('reasons.too_large', { mb }), false);
        }
      }
      const prepared = job.prepared;
      const makeBody = () => {
        const body = new FormData();
        body.set('file', prepared.file, prepared.file.name);
        for (const [k, v] of Object.entries(job.target.fields)) body.set(k, v);
        return body;
      };
      try {
        const res: SendResult = await sendPhoto(job.target.url, makeBody, job.idempotencyKey, (phase) =>
          phase.kind === 'uploading'
            ? update(job.key, {
                status: 'uploading',
                progress: Math.min(99, Math.round(phase.progress * 100)),
              })
            : update(job.key, { status: phase.reason === 'offline' ? 'offline' : 'retrying', progress: 0 }),
        );
        update(job.key, { status: 'done', progress: 100, canRetry: false, ...storedOf(res.body) });
        setAnnouncement(tu('announceDone', { name: job.file.name }));
        jobs.current.delete(job.key);
        await onStoredRef.current?.(res.body, {
          key: job.key,
          name: job.file.name,
          status: 'done',
          progress: 100,
          originalBytes: prepared.originalBytes,
          bytes: prepared.bytes,
        });
      } catch (err) {
        if (err instanceof UploadRefused) return fail(job, err.message || tu('reasons.server'), false);
        fail(job, tu('reasons.network'), true);
      }
    },
    [fail, maxBytes, tu, update],
  );

  const drain = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let job = queue.current.shift(); job; job = queue.current.shift()) await runJob(job);
    } finally {
      running.current = false;
    }
  }, [runJob]);

  /** Adds files to send to `target` (the fields as they are now: kind, caption…). */
  const add = useCallback(
    (files: File[], target: UploadTarget) => {
      if (files.length === 0) return;
      const added = files.map((file) => ({
        key: `u${++seq}`,
        file,
        target,
        idempotencyKey: newUploadKey(),
      }));
      for (const j of added) jobs.current.set(j.key, j);
      setItems((prev) => [
        ...prev,
        ...added.map((j) => ({
          key: j.key,
          name: j.file.name || 'photo',
          status: 'waiting' as const,
          progress: 0,
        })),
      ]);
      queue.current.push(...added);
      void drain();
    },
    [drain],
  );

  /** Adds photos already checked and compressed (e.g. picked in a form before there was an order). */
  const addPrepared = useCallback(
    (photos: CompressedPhoto[], target: UploadTarget) => {
      if (photos.length === 0) return;
      const added: Job[] = photos.map((p) => ({
        key: `u${++seq}`,
        file: p.file,
        target,
        idempotencyKey: newUploadKey(),
        prepared: p,
      }));
      for (const j of added) jobs.current.set(j.key, j);
      setItems((prev) => [
        ...prev,
        ...added.map((j) => ({
          key: j.key,
          name: j.file.name || 'photo',
          status: 'waiting' as const,
          progress: 0,
          originalBytes: j.prepared!.originalBytes,
          bytes: j.prepared!.bytes,
        })),
      ]);
      queue.current.push(...added);
      void drain();
    },
    [drain],
  );

  /** Sends a failed photo again: the same compressed file under the same Idempotency-Key. */
  const retry = useCallback(
    (key: string) => {
      const job = jobs.current.get(key);
      if (!job) return;
      update(key, { status: 'waiting', message: undefined, canRetry: false, progress: 0 });
      queue.current.push(job);
      void drain();
    },
    [drain, update],
  );

  /** Keeps a photo the quality check found problems with: its notice goes. */
  const keep = useCallback((key: string) => update(key, { qualityKept: true }), [update]);

  /** Takes an item off the list (a photo retaken, whose poor first shot was deleted). */
  const remove = useCallback((key: string) => {
    jobs.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  const clearFinished = useCallback(() => {
    setItems((list) => {
      for (const i of list) if (i.status === 'done' || i.status === 'failed') jobs.current.delete(i.key);
      return list.filter((i) => i.status !== 'done' && i.status !== 'failed');
    });
  }, []);

  return { items, announcement, add, addPrepared, retry, keep, remove, clearFinished };
}
