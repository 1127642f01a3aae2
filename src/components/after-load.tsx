'use client';
import { useEffect, useState, type ComponentType } from 'react';

/**
 * A component whose code is fetched only once the page has loaded and the browser is idle, so
 * it is not part of the page's first-load JavaScript nor of its hydration (its chunk is not in
 * the HTML). For parts that draw nothing the first paint needs: the install prompt, background
 * sync, the support chat's launcher, the toasts. Renders nothing until then (on the server too).
 * Not for what must see the page from its first moment (the service worker's registrar).
 *
 * Fetching it can fail (the device went offline before the browser was idle): the part then
 * stays away and is fetched again when the browser is back online. It never breaks the page
 * (a lazy component that throws its load error would take the page down to its error boundary).
 */
export function afterLoad<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchOnce = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (err: unknown) => {
        loading = null; // the next try fetches again
        throw err;
      },
    ));

  function AfterLoad(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let done = false;
      const attempt = () => {
        fetchOnce().then(
          (c) => {
            if (!done) setComponent(() => c);
          },
          () => {
            if (!done) window.addEventListener('online', attempt, { once: true });
          },
        );
      };
      let idle: number | undefined;
      let timer: number | undefined;
      if (typeof window.requestIdleCallback === 'function')
        idle = window.requestIdleCallback(attempt, { timeout: 3000 });
      else timer = window.setTimeout(attempt, 500);
      return () => {
        done = true;
        if (idle !== undefined) window.cancelIdleCallback(idle);
        if (timer !== undefined) window.clearTimeout(timer);
        window.removeEventListener('online', attempt);
      };
    }, [Component]);
    return Component ? <Component {...props} /> : null;
  }
  return AfterLoad;
}
