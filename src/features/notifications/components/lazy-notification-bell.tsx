'use client';
import dynamic from 'next/dynamic';

/**
 * The header's notification centre, for signed-in users only: its code (the panel, the
 * notification texts, the live stream) is a chunk of its own, sent with the pages of those who
 * see it (rendered on the server, so preloaded with their page) and kept out of everyone else's
 * first-load JavaScript (docs/benchmarks.md, "Pages on a phone").
 */
export const NotificationBell = dynamic(() => import('./notification-bell').then((m) => m.NotificationBell));
