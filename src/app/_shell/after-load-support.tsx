'use client';
import { afterLoad } from '@/components/after-load';

/**
 * The support chat on the customer pages, loaded after the page (src/components/after-load.tsx):
 * its launcher is a corner button, and its dialog (Radix) is not needed for the first paint.
 * Apart from after-load-shell.tsx, so that the customer layouts' messages (src/i18n) do not
 * count the shell's parts.
 */
export const SupportWidget = afterLoad(() =>
  import('@/features/support/components').then((m) => m.SupportWidget),
);
