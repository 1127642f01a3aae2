'use client';
/**
 * Battery saver: whether the app should do less on this device right now. It is on when the
 * user asks for reduced motion, when the browser says Save-Data (`navigator.connection.saveData`),
 * or when the battery is low and not charging (`navigator.getBattery()`, where the browser tells).
 *
 * While on, the root element carries `data-saver="on"` (CSS drops animations and transitions
 * from it), live streams reconnect slowly instead of in storms, background refreshes stop, and
 * uploads ask for smaller images. `SaverWatcher` (in the root layout) keeps the attribute true;
 * everything else reads it through `useSaver()` or `saverOn()`.
 */
import { useSyncExternalStore } from 'react';

export type SaverReason = 'reduced-motion' | 'save-data' | 'low-battery';

/** At or below this charge, and not charging, counts as a low battery. */
export const LOW_BATTERY_LEVEL = 0.2;

interface BatteryLike extends EventTarget {
  charging: boolean;
  level: number;
}
interface ConnectionLike extends EventTarget {
  saveData?: boolean;
}

/** Pure: the reasons for saving, from what the browser reports. */
export function saverReasons(input: {
  reducedMotion: boolean;
  saveData: boolean;
  battery: { charging: boolean; level: number } | null;
}): SaverReason[] {
  const reasons: SaverReason[] = [];
  if (input.reducedMotion) reasons.push('reduced-motion');
  if (input.saveData) reasons.push('save-data');
  if (input.battery && !input.battery.charging && input.battery.level <= LOW_BATTERY_LEVEL) {
    reasons.push('low-battery');
  }
  return reasons;
}

let current: SaverReason[] = [];
const listeners = new Set<() => void>();
let started = false;

function publish(next: SaverReason[]) {
  if (next.join() === current.join()) return;
  current = next;
  const root = document.documentElement;
  if (next.length) {
    root.dataset.saver = 'on';
    root.dataset.saverReasons = next.join(' ');
  } else {
    delete root.dataset.saver;
    delete root.dataset.saverReasons;
  }
  for (const l of listeners) l();
}

/** Starts watching the browser's signals (once per page; called by `SaverWatcher`). */
export function startSaverWatch(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const connection = (navigator as Navigator & { connection?: ConnectionLike }).connection;
  let battery: BatteryLike | null = null;
  const update = () =>
    publish(
      saverReasons({
        reducedMotion: motion.matches,
        saveData: connection?.saveData === true,
        battery: battery ? { charging: battery.charging, level: battery.level } : null,
      }),
    );
  motion.addEventListener('change', update);
  connection?.addEventListener('change', update);
  const getBattery = (navigator as Navigator & { getBattery?: () => Promise<BatteryLike> }).getBattery;
  if (typeof getBattery === 'function') {
    getBattery
      .call(navigator)
      .then((b) => {
        battery = b;
        b.addEventListener('levelchange', update);
        b.addEventListener('chargingchange', update);
        update();
      })
      .catch(() => {});
  }
  update();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
const none: SaverReason[] = [];

/** The saver's state in a component: re-renders when it changes. */
export function useSaver(): { on: boolean; reasons: SaverReason[] } {
  const reasons = useSyncExternalStore(
    subscribe,
    () => current,
    () => none,
  );
  return { on: reasons.length > 0, reasons };
}

/** Outside React (a reconnect timer, an upload): is the saver on now? */
export function saverOn(): boolean {
  return typeof document !== 'undefined' && document.documentElement.dataset.saver === 'on';
}
