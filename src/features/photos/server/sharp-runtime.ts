/**
 * sharp (libvips), loaded with the first image, not with the server (README, "Start-up time"),
 * and a small pool: at most two images are decoded at once, as each can take a few hundred MB
 * while it is. Shared by the upload processing and the photo quality check.
 */
import type { SharpConstructor } from 'sharp';

let sharpLoaded: Promise<SharpConstructor> | undefined;

export function loadSharp(): Promise<SharpConstructor> {
  sharpLoaded ??= import('sharp').then(({ default: sharp }): SharpConstructor => {
    // uploads are one-offs: sharp's operation cache would only hold memory
    sharp.cache(false);
    return sharp;
  });
  return sharpLoaded;
}

const MAX_CONCURRENT = 2;
let running = 0;
const waiting: Array<() => void> = [];

export async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
