'use client';
import { afterLoad } from '@/components/after-load';

/*
 * The shell's parts that draw nothing the first paint needs, loaded after the page (see
 * src/components/after-load.tsx): out of every page's first-load JavaScript and hydration
 * (docs/benchmarks.md, "Pages on a phone").
 */
export const InstallPrompt = afterLoad(() =>
  import('@/features/pwa/components/install-prompt').then((m) => m.InstallPrompt),
);
export const OfflineBookingSync = afterLoad(() =>
  import('@/features/booking/components/offline-booking-sync').then((m) => m.OfflineBookingSync),
);
export const SaverWatcher = afterLoad(() =>
  import('@/components/device/saver-watcher').then((m) => m.SaverWatcher),
);
