'use client';
import { CheckCircle2, CloudOff, RotateCcw, Upload, XCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { formatBytes } from '../photo-compression';
import { QualityNotice } from './quality-notice';
import type { UploadItem } from './use-upload-queue';

/**
 * The uploads of a queue: status, progress, the size saved on the device, Retry on failure, and
 * under a stored photo with quality problems "Retake: too dark" with Retake (when offered) and
 * Keep.
 */
export function UploadList({
  items,
  onRetry,
  onKeep,
  onRetake,
}: {
  items: UploadItem[];
  onRetry: (key: string) => void;
  onKeep: (key: string) => void;
  onRetake?: (item: UploadItem) => void;
}) {
  const tu = useTranslations('photos.uploader');
  return (
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
            ) : it.status === 'offline' ? (
              <CloudOff className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden />
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
              {it.bytes !== undefined && it.originalBytes !== undefined ? (
                <p className="text-xs text-slate-600" data-testid="photo-upload-size" data-bytes={it.bytes}>
                  {it.bytes < it.originalBytes
                    ? tu('sizeSaved', {
                        size: formatBytes(it.bytes),
                        original: formatBytes(it.originalBytes),
                      })
                    : tu('size', { size: formatBytes(it.bytes) })}
                </p>
              ) : null}
            </div>
            {it.status === 'failed' && it.canRetry ? (
              <Button
                type="button"
                size="sm"
                variant="secondary"
                className="min-h-11 shrink-0"
                onClick={() => onRetry(it.key)}
                aria-label={tu('retryLabel', { name: it.name })}
                data-testid="photo-upload-retry"
              >
                <RotateCcw className="size-4" aria-hidden />
                {tu('retry')}
              </Button>
            ) : null}
          </div>
          {it.status === 'done' && it.quality && !it.quality.ok && !it.qualityKept ? (
            <QualityNotice
              quality={it.quality}
              name={it.name}
              onKeep={() => onKeep(it.key)}
              onRetake={onRetake ? () => onRetake(it) : undefined}
            />
          ) : null}
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
  );
}
