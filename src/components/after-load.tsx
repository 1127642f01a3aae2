'use client';
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';

/**
 * A component whose code is fetched only once the page has loaded and the browser is idle, so
 * it is not part of the page's first-load JavaScript nor of its hydration (its chunk is not in
 * the HTML). For parts that draw nothing the first paint needs: the install prompt, background
 * sync, the support chat's launcher, the toasts. Renders nothing until then (on the server too).
 * Not for what must see the page from its first moment (the service worker's registrar).
 */
export function afterLoad<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function AfterLoad(props: P) {
    const [ready, setReady] = useState(false);
    useEffect(() => {
      const go = () => setReady(true);
      if (typeof window.requestIdleCallback === 'function') {
        const id = window.requestIdleCallback(go, { timeout: 3000 });
        return () => window.cancelIdleCallback(id);
      }
      const id = window.setTimeout(go, 500);
      return () => window.clearTimeout(id);
    }, []);
    return ready ? (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    ) : null;
  }
  return AfterLoad;
}
