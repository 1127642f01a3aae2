/**
 * The full server listens before its job queue is up (src/server/main.ts): the queue starts
 * right after, off the path to the first answer. Until it is up, /api/ready answers 503
 * ("queue not started") and every other API request waits here for it, so no request is served
 * by a process whose queue is not running yet (an e-mail job sent in a booking's transaction
 * needs it). The probes answer at once: liveness (/api/health) is 200 as soon as the server
 * listens, and readiness says why the process is not ready yet.
 */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/api/health', '/api/ready']);

export interface StartGate {
  /** null when a request to `url` may go on now; otherwise a promise of when it may */
  wait(url: string): Promise<void> | null;
  /** lets every waiting and later request through */
  open(): void;
  readonly isOpen: boolean;
}

export function createStartGate(): StartGate {
  let isOpen = false;
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    wait(url) {
      if (isOpen) return null;
      const q = url.indexOf('?');
      return PROBE_PATHS.has(q < 0 ? url : url.slice(0, q)) ? null : opened;
    },
    open() {
      isOpen = true;
      release();
    },
    get isOpen() {
      return isOpen;
    },
  };
}
