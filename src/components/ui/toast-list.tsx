'use client';
import * as RadixToast from '@radix-ui/react-toast';
import { cn } from './cn';

export interface ToastItem {
  id: number;
  title: string;
  description?: string;
  tone: 'info' | 'success' | 'error';
}

/** The toasts and their viewport (toast.tsx loads this after the page). */
export function ToastList({
  items,
  label,
  onDismiss,
}: {
  items: ToastItem[];
  label: string;
  onDismiss: (id: number) => void;
}) {
  return (
    <RadixToast.Provider swipeDirection="right" label={label}>
      {items.map((t) => (
        <RadixToast.Root
          key={t.id}
          type={t.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => !open && onDismiss(t.id)}
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
  );
}
