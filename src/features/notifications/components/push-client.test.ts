/**
 * The push switch's state when the service worker registers late (after the page's wait for it):
 * "unavailable" first, then the real state once the worker is ready, not "unavailable" until a
 * reload. The browser's objects are stand-ins with the same shape (no DOM in the unit project).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPushState, type PushState } from './push-client';

function standInBrowser() {
  let becomeReady!: (reg: unknown) => void;
  const ready = new Promise((resolve) => (becomeReady = resolve));
  const registration = { pushManager: { getSubscription: async () => null } };
  let registered = false;
  const serviceWorker = {
    ready,
    getRegistration: async () => (registered ? registration : undefined),
  };
  vi.stubGlobal('window', { PushManager: class {}, Notification: class {} });
  vi.stubGlobal('navigator', { serviceWorker });
  vi.stubGlobal('Notification', { permission: 'default' });
  vi.stubGlobal('PushManager', class {});
  return {
    register() {
      registered = true;
      becomeReady(registration);
    },
  };
}

describe('watchPushState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says "unavailable" while no worker is there, then the real state once it registers', async () => {
    const browser = standInBrowser();
    const states: PushState[] = [];
    watchPushState((s) => states.push(s));
    await vi.advanceTimersByTimeAsync(6_000);
    expect(states).toEqual(['unavailable']);
    browser.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['unavailable', 'off']);
  });

  it('reports nothing more once stopped', async () => {
    const browser = standInBrowser();
    const states: PushState[] = [];
    const stop = watchPushState((s) => states.push(s));
    await vi.advanceTimersByTimeAsync(6_000);
    stop();
    browser.register();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['unavailable']);
  });
});
