'use client';
import useSWR from 'swr';
import { readProblem } from '@/components/api-problem';
import { useLiveSignal } from '@/features/live/components';
import type { PhotoList } from '../schemas';

/** Where a gallery reads its photos from, and so what it may show. */
export type PhotoSource =
  | { kind: 'staff'; orderId: string }
  | { kind: 'account'; reference: string }
  | { kind: 'track'; reference: string; token: string };

/** The list URL; also the SWR key, so an uploader and a gallery of one order share the data. */
export function photosUrl(source: PhotoSource): string {
  switch (source.kind) {
    case 'staff':
      return `/api/staff/orders/${encodeURIComponent(source.orderId)}/photos`;
    case 'account':
      return `/api/account/repairs/${encodeURIComponent(source.reference)}/photos`;
    case 'track':
      return `/api/track/${encodeURIComponent(source.reference)}/photos?token=${encodeURIComponent(source.token)}`;
  }
}

export class PhotoListError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function fetchPhotos(url: string): Promise<PhotoList> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw new PhotoListError(res.status, (await readProblem(res)).detail);
  return (await res.json()) as PhotoList;
}

/** Events that add or take away a photo (the page's live stream, through LiveRefresh). */
const LIVE_TYPES = ['photo_added', 'photo_removed'];

export function usePhotos(source: PhotoSource) {
  const swr = useSWR<PhotoList, PhotoListError>(photosUrl(source), fetchPhotos, {
    // a 404 (no such order, or not yours) will not change by asking again
    shouldRetryOnError: (err: PhotoListError) => err.status >= 500,
  });
  const { mutate } = swr;
  useLiveSignal(LIVE_TYPES, () => void mutate());
  return swr;
}
