'use client';
/**
 * Scanning offline: on the console's pages, once the browser is idle, fetch the WebAssembly
 * decoder through the service worker (cache-first for /scanner/…), so the scanner still reads
 * codes when the shop's connection drops. Only where the service worker controls the page, the
 * browser has no BarcodeDetector of its own for our formats, and the battery saver is off; the
 * decoder's JavaScript is a build chunk the worker precaches anyway.
 */
import { useEffect } from 'react';
import { saverOn } from '@/components/device/saver';
import { LINEAR_FORMATS, MATRIX_FORMATS, readsNatively } from './decoders';

export function ScannerWarmUp() {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller || !navigator.onLine) return;
    let cancelled = false;
    const warm = async () => {
      if (cancelled || saverOn()) return;
      if (await readsNatively([...LINEAR_FORMATS, ...MATRIX_FORMATS])) return;
      const { WASM_PATH } = await import('./wasm-decoder');
      if (!cancelled) await fetch(WASM_PATH, { credentials: 'same-origin' });
    };
    const run = () => void warm().catch(() => {});
    const idle = typeof window.requestIdleCallback === 'function';
    const handle = idle ? window.requestIdleCallback(run, { timeout: 10_000 }) : window.setTimeout(run, 3000);
    return () => {
      cancelled = true;
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
    };
  }, []);
  return null;
}
