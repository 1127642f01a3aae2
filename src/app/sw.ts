/// <reference lib="webworker" />
/**
 * The service worker (Serwist), bundled by src/app/sw.js/route.ts and served at /sw.js, scope /.
 * Which request gets which strategy: src/features/pwa/worker/cache-rules.ts. Per-session caches
 * and the offline fallback: src/features/pwa/worker/private-cache.ts.
 * It never activates by itself: the page shows "A new version is ready" and sends SKIP_WAITING
 * when the person clicks Reload (Serwist listens for that message).
 */
import {
  CacheFirst,
  ExpirationPlugin,
  Serwist,
  StaleWhileRevalidate,
  CacheableResponsePlugin,
} from 'serwist';
import type { PrecacheEntry, SerwistGlobalConfig } from 'serwist';
import { cacheRuleFor, isSignOut, type CacheRule } from '@/features/pwa/worker/cache-rules';
import { createPrivateCache } from '@/features/pwa/worker/private-cache';
import { registerPushHandlers } from '@/features/notifications/worker/push-handlers';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_URL = '/offline';

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // precached files are the same for everybody: fetch them without the visitor's cookies
  precacheOptions: { fetchOptions: { credentials: 'omit' }, cleanupOutdatedCaches: true },
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
});

const privateCache = createPrivateCache({
  offlineFallback: () => serwist.matchPrecache(OFFLINE_URL),
});

const publicSwr = new StaleWhileRevalidate({
  cacheName: 'rt-public',
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 7 * 24 * 3600 }),
  ],
});

const staticFiles = new CacheFirst({
  cacheName: 'rt-static',
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 }),
  ],
});

function ruleOf(request: Request, url: URL): CacheRule {
  return cacheRuleFor({
    method: request.method,
    url,
    origin: self.location.origin,
    mode: request.mode,
    accept: request.headers.get('accept'),
    rsc: request.headers.get('rsc'),
  });
}

serwist.registerCapture(({ request, url }) => ruleOf(request, url) === 'public-swr', publicSwr);
serwist.registerCapture(({ request, url }) => ruleOf(request, url) === 'static', staticFiles);
serwist.registerCapture(
  ({ request, url }) => ruleOf(request, url) === 'page',
  ({ request, event }) => privateCache.handle(request, event as FetchEvent, 'page'),
);
serwist.registerCapture(
  ({ request, url }) => ruleOf(request, url) === 'private-api',
  ({ request, event }) => privateCache.handle(request, event as FetchEvent, 'private-api'),
);

// signing out drops every per-session cache (the request itself goes to the network untouched)
self.addEventListener('fetch', (event) => {
  if (isSignOut(event.request.method, new URL(event.request.url))) {
    event.waitUntil(privateCache.forgetSession());
  }
});
self.addEventListener('activate', (event) => {
  event.waitUntil(privateCache.dropOtherScopes());
});

// push notifications: show them, report delivered/clicked, open the link
registerPushHandlers(self);

serwist.addEventListeners();
