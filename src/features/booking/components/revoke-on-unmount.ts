'use client';
import { useEffect, useRef } from 'react';

/**
 * The blob: URLs of photos that are gone (the form left, started over). Its own module, so the
 * booking form keeps it while the photo step's code loads only when the step is shown.
 */
export function useRevokeOnUnmount(photos: ReadonlyArray<{ url: string }>) {
  const latest = useRef(photos);
  useEffect(() => {
    latest.current = photos;
  }, [photos]);
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.url)), []);
}
