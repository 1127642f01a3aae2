'use client';
/**
 * A right swipe on an element, with pointer events (touch, pen and mouse alike): the element
 * follows the finger sideways while vertical scrolling stays the browser's (give the element
 * `touch-action: pan-y`; a vertical gesture ends in pointercancel and is left alone). Past the
 * threshold on release, `onSwipe` runs; short of it the element springs back. A click that ends
 * a drag is swallowed, so a swipe that starts on a link does not follow it.
 */
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

/** Sideways movement before the gesture counts as a drag (below it, a tap stays a tap). */
const SLOP_PX = 10;
/** How far past the threshold the element may follow the finger. */
const MAX_OVERSHOOT = 1.4;

export interface SwipeState {
  /** how far the element is dragged right now, in px (0 at rest) */
  dx: number;
  /** 0..1: how close the drag is to the threshold (1: releasing now swipes) */
  progress: number;
  dragging: boolean;
}

export interface SwipeHandlers {
  onPointerDown: (e: ReactPointerEvent<HTMLElement>) => void;
  onPointerMove: (e: ReactPointerEvent<HTMLElement>) => void;
  onPointerUp: (e: ReactPointerEvent<HTMLElement>) => void;
  onPointerCancel: (e: ReactPointerEvent<HTMLElement>) => void;
  onClickCapture: (e: React.MouseEvent<HTMLElement>) => void;
}

/** The threshold for an element `width` px wide: a third of it, at most 120 px. */
export function swipeThreshold(width: number): number {
  return Math.max(48, Math.min(120, width * 0.35));
}

export function useSwipe(opts: { onSwipe: () => void; disabled?: boolean }): {
  state: SwipeState;
  handlers: SwipeHandlers;
} {
  const [state, setState] = useState<SwipeState>({ dx: 0, progress: 0, dragging: false });
  const start = useRef<{ x: number; y: number; id: number; width: number; drag: boolean } | null>(null);
  const swallowClick = useRef(false);
  const { onSwipe, disabled } = opts;

  const reset = useCallback(() => {
    start.current = null;
    setState({ dx: 0, progress: 0, dragging: false });
  }, []);

  const handlers: SwipeHandlers = {
    onPointerDown(e) {
      if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
      start.current = {
        x: e.clientX,
        y: e.clientY,
        id: e.pointerId,
        width: e.currentTarget.getBoundingClientRect().width,
        drag: false,
      };
      swallowClick.current = false;
    },
    onPointerMove(e) {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      const dx = e.clientX - s.x;
      const dy = e.clientY - s.y;
      if (!s.drag) {
        // a vertical gesture is a scroll: let it be
        if (Math.abs(dy) > SLOP_PX && Math.abs(dy) > Math.abs(dx)) {
          start.current = null;
          return;
        }
        if (Math.abs(dx) < SLOP_PX) return;
        s.drag = true;
        swallowClick.current = true;
        try {
          e.currentTarget.setPointerCapture(e.pointerId);
        } catch {
          // the pointer may be gone already
        }
      }
      const threshold = swipeThreshold(s.width);
      const moved = Math.max(0, Math.min(dx, threshold * MAX_OVERSHOOT));
      setState({ dx: moved, progress: Math.min(1, moved / threshold), dragging: true });
    },
    onPointerUp(e) {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      const swiped = s.drag && e.clientX - s.x >= swipeThreshold(s.width);
      reset();
      if (swiped) onSwipe();
    },
    onPointerCancel() {
      reset();
    },
    onClickCapture(e) {
      if (swallowClick.current) {
        e.preventDefault();
        e.stopPropagation();
        swallowClick.current = false;
      }
    },
  };
  return { state, handlers };
}
