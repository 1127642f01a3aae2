'use client';
import { hc } from 'hono/client';
import type { pwaApi } from '../api';
import type { AppEvent } from '../schemas';

/** Typed client of the PWA routes. */
export const pwaClient = hc<typeof pwaApi>('/api');

/** Records an app event; best effort (a lost analytics event must never disturb the page). */
export function sendAppEvent(name: AppEvent['name'], data?: AppEvent['data']): void {
  pwaClient.pwa.events.$post({ json: { name, ...(data ? { data } : {}) } }).catch(() => undefined);
}
