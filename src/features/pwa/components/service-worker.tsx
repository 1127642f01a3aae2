'use client';
/**
 * Registers the service worker (/sw.js, scope /) in production builds, and tells the person when
 * a new version is waiting: "A new version is ready" with a Reload button. Only that button
 * activates the new worker (SKIP_WAITING) and reloads the page, so nothing half-typed is lost
 * to a reload the person did not ask for.
 *
 * A plain client component rather than Serwist's React provider: the provider reloads the page
 * whenever the browser comes back online, which is exactly the surprise reload we must avoid.
 */
import { useEffect, useState } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { RefreshCw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { isWorthKeepingOffline } from '../worker/cache-rules';
import { saverOn } from '@/components/device/saver';

/** At most one update check per this many milliseconds when the page becomes visible again. */
const UPDATE_CHECK_INTERVAL = 30 * 60 * 1000;

export function ServiceWorkerRegistrar({ enabled }: { enabled: boolean }) {
  const t = useTranslations('pwa');
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  const [reloading, setReloading] = useState(false);
  const pathname = usePathname();
  // the page as first loaded came through the worker (or is fetched again when it takes control)
  const [firstPath] = useState(pathname);

  // a client-side navigation fetches Next's RSC payload, which the worker does not keep: fetch
  // the pages people come back to once more as a page, so the worker has them offline
  useEffect(() => {
    if (!enabled || !navigator.serviceWorker?.controller || !navigator.onLine) return;
    // a download in the background: not while the battery saver (or Save-Data) is on
    if (saverOn()) return;
    if (pathname === firstPath || !isWorthKeepingOffline(pathname)) return;
    const url = window.location.href;
    const timer = setTimeout(() => {
      fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' }).catch(() => undefined);
    }, 1000);
    return () => clearTimeout(timer);
  }, [enabled, pathname, firstPath]);

  useEffect(() => {
    if (!enabled || !('serviceWorker' in navigator)) return;
    let registration: ServiceWorkerRegistration | null = null;
    let lastCheck = Date.now();
    let cancelled = false;

    const showIfWaiting = () => {
      // a worker waiting while another controls the page is an update (the first install
      // has no controller and activates straight away)
      if (!cancelled && registration?.waiting && navigator.serviceWorker.controller) {
        setWaiting(registration.waiting);
      }
    };
    const onUpdateFound = () => {
      const installing = registration?.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') showIfWaiting();
      });
    };
    const onVisible = () => {
      if (document.visibilityState !== 'visible' || !registration) return;
      // the update check waits for a visit outside saving time
      if (saverOn()) return;
      if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL) return;
      lastCheck = Date.now();
      registration.update().catch(() => undefined);
    };

    // the page that installed the worker loaded before the worker ran: once it takes control,
    // fetch this page again through it, so it too is there offline
    const hadController = !!navigator.serviceWorker.controller;
    const onControllerChange = () => {
      if (hadController || cancelled) return;
      fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' }).catch(
        () => undefined,
      );
    };
    navigator.serviceWorker.addEventListener('controllerchange', onControllerChange, { once: true });
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((reg) => {
        if (cancelled) return;
        registration = reg;
        reg.addEventListener('updatefound', onUpdateFound);
        showIfWaiting();
      })
      .catch(() => undefined);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      registration?.removeEventListener('updatefound', onUpdateFound);
      document.removeEventListener('visibilitychange', onVisible);
      navigator.serviceWorker.removeEventListener('controllerchange', onControllerChange);
    };
  }, [enabled]);

  if (!waiting) return null;

  const reload = () => {
    setReloading(true);
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
      once: true,
    });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  };

  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="sw-update"
      className="fixed inset-x-3 top-20 z-50 mx-auto flex max-w-md flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-lg sm:inset-x-auto sm:right-4"
    >
      <p className="min-w-0 flex-1 text-sm font-medium text-slate-900">{t('updateReady')}</p>
      <div className="flex gap-2">
        <Button variant="ghost" size="sm" onClick={() => setWaiting(null)}>
          {t('updateLater')}
        </Button>
        <Button size="sm" onClick={reload} loading={reloading} data-testid="sw-update-reload">
          <RefreshCw aria-hidden className="size-4" />
          {t('updateReload')}
        </Button>
      </div>
    </div>
  );
}
