'use client';
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

export const MIN_SCALE = 1;
export const MAX_SCALE = 5;
const STEP = 1.5;
const DOUBLE_TAP_MS = 300;
const TAP_SLOP = 10;
/** A swipe: this far sideways (px), mostly horizontal, while not zoomed. */
export const SWIPE_MIN_PX = 50;

/** Pure: whether a one-finger drag of (dx, dy) at `scale` is a swipe, and which way. */
export function swipeDirection(dx: number, dy: number, scale: number): 'next' | 'previous' | null {
  if (scale > 1 || Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy) * 1.5) return null;
  return dx < 0 ? 'next' : 'previous';
}

export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

const FIT: ZoomState = { scale: 1, x: 0, y: 0 };

function clampScale(s: number) {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));
}

/**
 * Zoom and pan for one image inside a stage element: buttons (zoomIn/zoomOut/reset), the
 * mouse wheel, double-click or double-tap, two-finger pinch (pointer events), and dragging
 * to pan while zoomed. The image is drawn with `transform: translate(x, y) scale(scale)`
 * around the stage's centre. While not zoomed, a one-finger sideways drag follows the finger
 * (`swipeOffset`) and, far enough, is a swipe to the next or previous photo (`onSwipe`); a
 * pinch never turns into a swipe.
 */
export function useZoom({ onSwipe }: { onSwipe?: (direction: 'next' | 'previous') => void } = {}) {
  const onSwipeRef = useRef(onSwipe);
  useEffect(() => {
    onSwipeRef.current = onSwipe;
  }, [onSwipe]);
  const [swipeOffset, setSwipeOffset] = useState(0);
  const stageRef = useRef<HTMLDivElement | null>(null);
  const imageRef = useRef<HTMLImageElement | null>(null);
  const [state, setState] = useState<ZoomState>(FIT);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{
    start: ZoomState;
    distance: number;
    mid: { x: number; y: number };
    moved: boolean;
    downAt: { x: number; y: number };
    /** two fingers were down at some point: a pinch, never a swipe */
    multi: boolean;
  } | null>(null);
  const lastTap = useRef<{ t: number; x: number; y: number } | null>(null);
  // the latest state for pointer handlers (a gesture starts from what is on screen)
  const current = useRef<ZoomState>(FIT);
  useEffect(() => {
    current.current = state;
  }, [state]);

  /** No panning past the image's edges (an axis where it fits the stage stays centred). */
  const clamp = useCallback((s: ZoomState): ZoomState => {
    const stage = stageRef.current;
    if (!stage || s.scale <= 1) return FIT;
    // the image's laid-out size (transforms do not change offsetWidth/Height)
    const w = imageRef.current?.offsetWidth || stage.clientWidth;
    const h = imageRef.current?.offsetHeight || stage.clientHeight;
    const maxX = Math.max(0, (w * s.scale - stage.clientWidth) / 2);
    const maxY = Math.max(0, (h * s.scale - stage.clientHeight) / 2);
    return {
      scale: s.scale,
      x: Math.min(maxX, Math.max(-maxX, s.x)),
      y: Math.min(maxY, Math.max(-maxY, s.y)),
    };
  }, []);

  /** A point in stage coordinates relative to its centre. */
  const fromCentre = useCallback((clientX: number, clientY: number) => {
    const r = stageRef.current?.getBoundingClientRect();
    if (!r) return { x: 0, y: 0 };
    return { x: clientX - r.left - r.width / 2, y: clientY - r.top - r.height / 2 };
  }, []);

  /** Zooms to `scale`, keeping the point `p` (relative to the centre) where it is. */
  const zoomAt = useCallback(
    (from: ZoomState, scale: number, p = { x: 0, y: 0 }): ZoomState => {
      const next = clampScale(scale);
      const k = next / from.scale;
      return clamp({ scale: next, x: p.x - (p.x - from.x) * k, y: p.y - (p.y - from.y) * k });
    },
    [clamp],
  );

  const zoomIn = useCallback(() => setState((s) => zoomAt(s, s.scale * STEP)), [zoomAt]);
  const zoomOut = useCallback(() => setState((s) => zoomAt(s, s.scale / STEP)), [zoomAt]);
  const reset = useCallback(() => setState(FIT), []);

  // the wheel needs a non-passive listener to keep the page from scrolling
  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const p = fromCentre(e.clientX, e.clientY);
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002));
      setState((s) => zoomAt(s, s.scale * factor, p));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      try {
        e.currentTarget.setPointerCapture(e.pointerId);
      } catch {
        // a pointer that is no longer active (lifted already): nothing to capture
      }
      pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const pts = [...pointers.current.values()];
      const two = pts.length >= 2;
      gesture.current = {
        start: current.current,
        distance: two ? Math.hypot(pts[0]!.x - pts[1]!.x, pts[0]!.y - pts[1]!.y) : 0,
        mid: two ? fromCentre((pts[0]!.x + pts[1]!.x) / 2, (pts[0]!.y + pts[1]!.y) / 2) : { x: 0, y: 0 },
        moved: two,
        downAt: { x: e.clientX, y: e.clientY },
        multi: two || (gesture.current?.multi ?? false),
      };
      if (two) setSwipeOffset(0);
    },
    [fromCentre],
  );

  const onPointerMove = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      if (!pointers.current.has(e.pointerId)) return;
      pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const g = gesture.current;
      if (!g) return;
      const pts = [...pointers.current.values()];
      if (pts.length >= 2 && g.distance > 0) {
        // pinch: scale by the change in finger distance around where the fingers started
        const d = Math.hypot(pts[0]!.x - pts[1]!.x, pts[0]!.y - pts[1]!.y);
        const mid = fromCentre((pts[0]!.x + pts[1]!.x) / 2, (pts[0]!.y + pts[1]!.y) / 2);
        g.moved = true;
        const zoomed = zoomAt(g.start, g.start.scale * (d / g.distance), g.mid);
        setState(clamp({ ...zoomed, x: zoomed.x + mid.x - g.mid.x, y: zoomed.y + mid.y - g.mid.y }));
        return;
      }
      const dx = e.clientX - g.downAt.x;
      const dy = e.clientY - g.downAt.y;
      if (!g.moved && Math.hypot(dx, dy) > TAP_SLOP) g.moved = true;
      if (g.moved && g.start.scale > 1) {
        setState(clamp({ scale: g.start.scale, x: g.start.x + dx, y: g.start.y + dy }));
      } else if (g.moved && !g.multi && onSwipeRef.current && Math.abs(dx) > Math.abs(dy)) {
        // not zoomed: the photo follows the finger sideways
        setSwipeOffset(dx);
      }
    },
    [clamp, fromCentre, zoomAt],
  );

  const onPointerUp = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      if (!pointers.current.has(e.pointerId)) return;
      pointers.current.delete(e.pointerId);
      const g = gesture.current;
      if (pointers.current.size > 0) {
        // one finger of a pinch lifted: carry on panning from here with the other
        const [rest] = [...pointers.current.values()];
        gesture.current = {
          start: current.current,
          distance: 0,
          mid: { x: 0, y: 0 },
          moved: true,
          downAt: rest!,
          multi: true,
        };
        return;
      }
      gesture.current = null;
      setSwipeOffset(0);
      if (g && g.moved && !g.multi && e.type !== 'pointercancel') {
        const direction = swipeDirection(e.clientX - g.downAt.x, e.clientY - g.downAt.y, g.start.scale);
        if (direction) onSwipeRef.current?.(direction);
        return;
      }
      if (!g || g.moved || e.type === 'pointercancel') return;
      // a tap: two within a moment of each other (double-click, double-tap) toggle the zoom
      const now = e.timeStamp;
      const prev = lastTap.current;
      if (prev && now - prev.t < DOUBLE_TAP_MS && Math.hypot(e.clientX - prev.x, e.clientY - prev.y) < 30) {
        lastTap.current = null;
        const p = fromCentre(e.clientX, e.clientY);
        setState((s) => (s.scale > 1 ? FIT : zoomAt(s, 2.5, p)));
      } else {
        lastTap.current = { t: now, x: e.clientX, y: e.clientY };
      }
    },
    [fromCentre, zoomAt],
  );

  return {
    stageRef,
    imageRef,
    state,
    swipeOffset,
    zoomed: state.scale > 1,
    canZoomIn: state.scale < MAX_SCALE,
    canZoomOut: state.scale > MIN_SCALE,
    zoomIn,
    zoomOut,
    reset,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp,
      onPointerCancel: onPointerUp,
    },
  };
}
