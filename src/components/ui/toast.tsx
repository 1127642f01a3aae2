'use client';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { afterLoad } from '../after-load';
import type { ToastItem } from './toast-list';

const ToastContext = createContext<(t: Omit<ToastItem, 'id'>) => void>(() => undefined);

/*
 * Radix Toast (the list and its live region) loads after the page (../after-load.tsx): no page
 * needs it for its first paint. A toast pushed before then waits in the state and shows when it
 * has loaded.
 */
const ToastList = afterLoad(() => import('./toast-list').then((m) => m.ToastList));

/** Toasts announced to screen readers (Radix Toast: a live region, swipe or Escape to dismiss). */
export function ToastProvider({ children, label }: { children: ReactNode; label: string }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const push = useCallback((t: Omit<ToastItem, 'id'>) => {
    setItems((prev) => [...prev, { ...t, id: Date.now() + Math.random() }]);
  }, []);
  const dismiss = useCallback((id: number) => setItems((prev) => prev.filter((x) => x.id !== id)), []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <ToastList items={items} label={label} onDismiss={dismiss} />
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
