'use client';
import { loadOnOpen } from '../load-on-open';
import type { DialogProps } from './dialog-modal';

export type { DialogProps };

/**
 * Accessible modal dialog (focus trap, Escape to close, labelled by its title). Radix Dialog
 * (about 11 kB gzipped) is fetched when the browser is idle or the dialog first opens, not in
 * the page's first load (docs/benchmarks.md, "Pages on a phone").
 */
export const Dialog = loadOnOpen<DialogProps>(
  () => import('./dialog-modal').then((m) => m.DialogModal),
  (props) => props.open,
);
