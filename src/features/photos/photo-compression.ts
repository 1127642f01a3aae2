/**
 * The size maths of on-device photo compression, and the retry timing of uploads. Pure: no
 * browser APIs, so it is unit-tested and shared by the uploader, the camera and the booking form.
 */

/** The long edge and encoder quality photos are scaled to before upload. */
export interface CompressionPlan {
  maxEdge: number;
  quality: number;
}

export const NORMAL_PLAN: CompressionPlan = { maxEdge: 2048, quality: 0.8 };
/** While the battery saver is on: smaller and lighter (less to encode and to send). */
export const SAVER_PLAN: CompressionPlan = { maxEdge: 1280, quality: 0.7 };

export function compressionPlan(saver: boolean): CompressionPlan {
  return saver ? SAVER_PLAN : NORMAL_PLAN;
}

/**
 * The size to draw an image of `width` x `height` at so its long edge is at most `maxEdge`,
 * keeping the aspect ratio (whole pixels, at least 1); never enlarged.
 */
export function scaledSize(
  width: number,
  height: number,
  maxEdge: number,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const long = Math.max(width, height);
  if (long <= maxEdge) return { width: Math.round(width), height: Math.round(height) };
  const k = maxEdge / long;
  return {
    width: Math.max(1, Math.round(width * k)),
    height: Math.max(1, Math.round(height * k)),
  };
}

/** Keep the re-encoded file only when it is smaller than the original (else send the original). */
export function keepCompressed(originalBytes: number, compressedBytes: number): boolean {
  return compressedBytes > 0 && compressedBytes < originalBytes;
}

/** The name of a re-encoded file: the original's stem with the new extension. */
export function compressedName(original: string, mime: string): string {
  const ext = mime === 'image/webp' ? 'webp' : 'jpg';
  const stem = (original || 'photo').replace(/\.[^./\\]+$/, '') || 'photo';
  return `${stem}.${ext}`;
}

/** "1.2 MB", "340 KB", "900 B" (en-GB style, one decimal under 10). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** How many times an upload is tried on its own before it waits for the Retry button. */
export const UPLOAD_ATTEMPTS = 5;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/** Whether a failed attempt is worth trying again by itself: network errors, 408, 429, 5xx. */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500;
}

/**
 * Seconds from a Retry-After header (delta-seconds or an HTTP date), or null when absent or
 * unreadable. `now` is for tests.
 */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1): the server's
 * Retry-After when it gave one (capped), else exponential backoff (1 s, 2 s, 4 s…, at most
 * 30 s) with up to 25 % jitter so many phones coming back online do not retry in step.
 */
export function retryDelayMs(attempt: number, retryAfter: number | null, random = Math.random): number {
  if (retryAfter !== null) return Math.min(retryAfter, 5 * MAX_DELAY_MS);
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.25 * random()));
}
