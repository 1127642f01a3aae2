'use client';
import { useEffect, useState, type ComponentType } from 'react';

/**
 * A modal whose code (Radix Dialog, a photo viewer's gestures) is not in the page's first load:
 * it renders nothing while `isOpen(props)` has never been true, fetches its code when the
 * browser is first idle after the page mounts (so it is there when the visitor opens it, also
 * after the connection drops), or at once when it opens before that; from then on it is the
 * component itself, closed or open (so a closing dialog still returns the focus).
 *
 * A fetch that fails (offline before the code ever arrived) leaves the modal away until the
 * browser is back online; it never takes the page down to its error boundary.
 */
export function loadOnOpen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  isOpen: (props: P) => boolean,
): ComponentType<P> {
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

  function LoadOnOpen(props: P) {
    const open = isOpen(props);
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [wanted, setWanted] = useState(open);
    if (open && !wanted) setWanted(true);

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
      if (wanted) {
        attempt();
        return () => {
          done = true;
          window.removeEventListener('online', attempt);
        };
      }
      // not opened yet: fetch when the browser is idle, without rendering it
      const preload = () => void fetchOnce().catch(() => undefined);
      if (typeof window.requestIdleCallback !== 'function') {
        const timer = window.setTimeout(preload, 1000);
        return () => window.clearTimeout(timer);
      }
      const idle = window.requestIdleCallback(preload, { timeout: 5000 });
      return () => window.cancelIdleCallback(idle);
    }, [Component, wanted]);

    return Component && wanted ? <Component {...props} /> : null;
  }
  return LoadOnOpen;
}
