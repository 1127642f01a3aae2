'use client';
/**
 * Mounts the tracker on a page: `AnalyticsTracker` (in the root layout) sets the mode the server
 * chose (ANALYTICS_MODE, passed as a prop: client code never reads the environment), flushes
 * every 10 s and with sendBeacon when the page is hidden or left. `TrackPageViews` (in the
 * customer layouts) records one page_view per pathname.
 */
import { useEffect } from 'react';
import { usePathname } from 'next/navigation';
import type { AnalyticsMode } from '../tracking';
import { FLUSH_INTERVAL_MS, configureTracker, track } from './tracker';

export function AnalyticsTracker({ mode }: { mode: AnalyticsMode }) {
  useEffect(() => {
    const t = configureTracker(mode);
    if (mode === 'off') return;
    const timer = window.setInterval(() => void t.flush(), FLUSH_INTERVAL_MS);
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void t.flush('beacon');
    };
    const onPageHide = () => void t.flush('beacon');
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [mode]);
  return null;
}

export function TrackPageViews() {
  const pathname = usePathname();
  useEffect(() => {
    if (pathname) track('page_view');
  }, [pathname]);
  return null;
}
