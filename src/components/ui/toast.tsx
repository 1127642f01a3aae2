'use client';
import * as RadixToast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { cn } from './cn';

interface ToastItem {
  id: number;
  title: string;
  description?: string;
  tone: 'info' | 'success' | 'error';
}

const ToastContext = createContext<(t: Omit<ToastItem, 'id'>) => void>(() => undefined);

/** Toasts announced to screen readers (Radix Toast: a live region, swipe or Escape to dismiss). */
export function ToastProvider({ children, label }: { children: ReactNode; label: string }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const push = useCallback((t: Omit<ToastItem, 'id'>) => {
    setItems((prev) => [...prev, { ...t, id: Date.now() + Math.random() }]);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      <RadixToast.Provider swipeDirection="right" label={label}>
        {children}
        {items.map((t) => (
          <RadixToast.Root
            key={t.id}
            type={t.tone === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => !open && setItems((prev) => prev.filter((x) => x.id !== t.id))}
            className={cn(
              'rounded-xl border bg-white p-4 shadow-lg',
              t.tone === 'error' && 'border-red-300',
              t.tone === 'success' && 'border-emerald-300',
            )}
          >
            <RadixToast.Title className="font-semibold">{t.title}</RadixToast.Title>
            {t.description ? (
              <RadixToast.Description className="mt-1 text-sm text-slate-700">
                {t.description}
              </RadixToast.Description>
            ) : null}
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed bottom-[calc(1rem+var(--bottom-nav-height,0px))] right-4 z-50 flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
