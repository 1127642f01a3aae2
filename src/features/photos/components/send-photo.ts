'use client';
/**
 * One photo upload that survives a flaky connection: XHR (fetch cannot report upload
 * progress), an Idempotency-Key that stays the same for every attempt of the photo (a retry
 * after a lost answer does not store it twice), automatic retries with backoff on network
 * errors, 408, 429 (Retry-After) and 5xx, and while the browser is offline a wait for `online`
 * before the next attempt. Refusals (4xx) are not retried: they come back with the server's
 * message.
 */
import { isRetryable, retryAfterMs, retryDelayMs, UPLOAD_ATTEMPTS } from '../photo-compression';

export interface SendResult {
  status: number;
  body: unknown;
}

export type SendPhase =
  { kind: 'uploading'; progress: number } | { kind: 'waiting'; reason: 'offline' | 'retry'; attempt: number };

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class UploadGaveUp extends Error {}

interface Attempt extends SendResult {
  retryAfter: string | null;
}

function attempt(
  url: string,
  body: FormData,
  key: string,
  onProgress: (f: number) => void,
  signal?: AbortSignal,
) {
  return new Promise<Attempt>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', key);
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
      resolve({ status: xhr.status, body: parsed, retryAfter: xhr.getResponseHeader('retry-after') });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('network'));
    xhr.ontimeout = () => reject(new Error('network'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves when the browser says it is online again (at once when it already is). */
export function whenOnline(signal?: AbortSignal): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener('online', done);
      resolve();
    };
    window.addEventListener('online', done);
    signal?.addEventListener('abort', done);
  });
}

function problemMessage(body: unknown): string | undefined {
  const p = (body ?? {}) as { detail?: string; errors?: Array<{ message: string }> };
  return p.errors?.[0]?.message ?? p.detail;
}

/** A new Idempotency-Key for one photo. */
export function newUploadKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? `photo-${crypto.randomUUID()}`
    : `photo-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Sends `makeBody()` to `url` until it is stored (201/200), refused (UploadRefused), or it gave
 * up after UPLOAD_ATTEMPTS (UploadGaveUp: offer Retry). `onPhase` reports progress and waits.
 */
export async function sendPhoto(
  url: string,
  makeBody: () => FormData,
  key: string,
  onPhase: (phase: SendPhase) => void,
  signal?: AbortSignal,
): Promise<SendResult> {
  for (let n = 1; ; n++) {
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      onPhase({ kind: 'waiting', reason: 'offline', attempt: n });
      await whenOnline(signal);
    }
    if (signal?.aborted) throw new UploadGaveUp('aborted');
    onPhase({ kind: 'uploading', progress: 0 });
    let status: number | null = null;
    let retryAfter: string | null = null;
    try {
      const res = await attempt(
        url,
        makeBody(),
        key,
        (f) => onPhase({ kind: 'uploading', progress: f }),
        signal,
      );
      if (res.status === 200 || res.status === 201) return res;
      status = res.status;
      retryAfter = res.retryAfter;
      if (!isRetryable(status)) throw new UploadRefused(status, problemMessage(res.body) ?? '');
    } catch (err) {
      if (err instanceof UploadRefused) throw err;
    }
    if (n >= UPLOAD_ATTEMPTS || signal?.aborted)
      throw new UploadGaveUp(status === null ? 'network' : `status ${status}`);
    onPhase({ kind: 'waiting', reason: 'retry', attempt: n });
    await sleep(retryDelayMs(n, retryAfterMs(retryAfter)), signal);
  }
}
