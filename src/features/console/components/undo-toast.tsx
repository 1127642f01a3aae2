'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/** How long the toast stays (paused while it has the focus or the pointer). */
export const UNDO_TOAST_MS = 6_000;

export interface UndoToastItem {
  /** changes with every new toast (restarts its timer) */
  key: string;
  text: string;
  /** none: nothing to undo (the toast only tells) */
  onUndo?: () => void;
  tone?: 'info' | 'error';
}

/**
 * "Moved RT-… to Diagnosing · Undo" above the bottom navigation: a polite status message with a
 * real Undo button (reachable with Tab: it follows the card list in the page order), gone after
 * a few seconds unless someone is on it.
 */
export function UndoToast({
  item,
  busy,
  onClose,
}: {
  item: UndoToastItem | null;
  busy: boolean;
  /** stable (useCallback): the timer restarts when it changes */
  onClose: () => void;
}) {
  const t = useTranslations('queueCards.toast');
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (!item || held || busy) return;
    const timer = window.setTimeout(onClose, UNDO_TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [item, held, busy, onClose]);

  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 z-40 flex justify-center px-3"
      style={{ bottom: 'calc(var(--bottom-nav-height, 0px) + 0.75rem)' }}
      data-testid="undo-toast-region"
    >
      {item ? (
        <div
          key={item.key}
          className={cn(
            'pointer-events-auto flex w-full max-w-md items-center gap-2 rounded-xl px-4 py-2 text-white shadow-lg',
            item.tone === 'error' ? 'bg-red-800' : 'bg-slate-900',
          )}
          onFocus={() => setHeld(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld(false);
          }}
          onPointerEnter={() => setHeld(true)}
          onPointerLeave={() => setHeld(false)}
          data-testid="undo-toast"
        >
          <p className="min-w-0 flex-1 text-sm font-medium">{item.text}</p>
          {item.onUndo ? (
            <Button
              variant="ghost"
              className="shrink-0 font-semibold text-white underline-offset-4 hover:bg-white/10 hover:underline"
              loading={busy}
              onClick={item.onUndo}
              data-testid="undo-button"
            >
              {t('undo')}
            </Button>
          ) : null}
          <button
            type="button"
            className="inline-flex size-11 shrink-0 items-center justify-center rounded-lg hover:bg-white/10"
            aria-label={t('dismiss')}
            onClick={onClose}
          >
            <X className="size-5" aria-hidden />
          </button>
        </div>
      ) : null}
    </div>
  );
}
