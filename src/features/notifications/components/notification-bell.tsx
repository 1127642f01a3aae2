'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { Bell, X } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { notificationsClient as api } from './api-client';
import { cn } from '@/components/ui/cn';
import { useLiveStream } from '@/features/live/components';
import type { NotificationList } from '../schemas';
import { notificationText } from './notification-text';

const REFETCH_DEBOUNCE_MS = 150;

/**
 * The notification centre in the site header (signed-in users): a bell with the unread count,
 * a panel listing the latest notifications with links to their orders, and "Mark all read".
 * Kept current by the user's live stream (/api/notifications/live).
 */
export function NotificationBell() {
  const t = useTranslations('notifications');
  const tStatus = useTranslations('status');
  const format = useFormatter();
  const pathname = usePathname();
  const [list, setList] = useState<NotificationList | null>(null);
  const [failed, setFailed] = useState(false);
  const [openOn, setOpenOn] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const panelId = useId();
  const titleId = useId();

  const load = useCallback(async () => {
    try {
      const res = await api.notifications.$get({ query: { limit: '20' } });
      if (!res.ok) throw new Error(String(res.status));
      setList((await res.json()) as NotificationList);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    // the first list; afterwards the live stream says when to read it again
    const first = setTimeout(() => void load(), 0);
    return () => {
      clearTimeout(first);
      clearTimeout(refetchTimer.current);
    };
  }, [load]);

  useLiveStream('/api/notifications/live', {
    onResume: () => void load(),
    onEvent: (event) => {
      if (event.data.kind === 'read' && typeof event.data.unreadCount === 'number') {
        const unreadCount = event.data.unreadCount;
        setList((l) => (l ? { ...l, unreadCount } : l));
      }
      clearTimeout(refetchTimer.current);
      refetchTimer.current = setTimeout(() => void load(), REFETCH_DEBOUNCE_MS);
    },
  });

  const close = useCallback((focusButton: boolean) => {
    setOpenOn(null);
    if (focusButton) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close]);

  async function markRead(body: { all: true } | { ids: number[] }) {
    const res = await api.notifications.read.$post({ json: body });
    if (!res.ok) return;
    const { unreadCount } = await res.json();
    setList((l) =>
      l
        ? {
            unreadCount,
            items: l.items.map((i) => ('all' in body || body.ids.includes(i.id) ? { ...i, read: true } : i)),
          }
        : l,
    );
  }

  async function markAllRead() {
    setBusy(true);
    try {
      await markRead({ all: true });
    } finally {
      setBusy(false);
    }
  }

  const unread = list?.unreadCount ?? 0;
  const status = (s: string) => (tStatus.has(s) ? tStatus(s as 'booked', { audience: 'customer' }) : s);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        data-testid="notification-bell"
        data-unread={unread}
        className="relative grid size-11 place-items-center rounded-lg text-slate-700 hover:bg-slate-100"
        aria-label={t('bellLabel', { count: unread })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close(false) : setOpenOn(pathname))}
      >
        <Bell className="size-6" aria-hidden />
        {unread > 0 ? (
          <span
            aria-hidden
            data-testid="notification-count"
            className="absolute right-1 top-1 grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs font-bold leading-5 text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          ref={panel}
          id={panelId}
          role="region"
          aria-labelledby={titleId}
          tabIndex={-1}
          data-testid="notification-panel"
          className="fixed inset-x-2 top-16 z-40 max-h-[calc(100dvh-5rem-var(--bottom-nav-height,0px))] overflow-y-auto rounded-xl border border-slate-200 bg-white shadow-xl sm:absolute sm:inset-x-auto sm:right-0 sm:top-12 sm:w-96"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
            <h2 id={titleId} className="text-base font-semibold">
              {t('title')}
            </h2>
            <div className="flex items-center gap-1">
              {unread > 0 ? (
                <button
                  type="button"
                  data-testid="notifications-mark-all"
                  className="rounded-md px-2 py-1.5 text-sm font-medium text-brand underline-offset-4 hover:underline disabled:opacity-60"
                  disabled={busy}
                  onClick={() => void markAllRead()}
                >
                  {t('markAllRead')}
                </button>
              ) : null}
              <button
                type="button"
                className="grid size-9 place-items-center rounded-md text-slate-600 hover:bg-slate-100"
                aria-label={t('close')}
                onClick={() => close(true)}
              >
                <X className="size-5" aria-hidden />
              </button>
            </div>
          </div>
          {failed && !list ? (
            <p className="px-4 py-6 text-sm text-red-800" role="alert">
              {t('error')}
            </p>
          ) : !list ? (
            <p className="px-4 py-6 text-sm text-slate-600">{t('loading')}</p>
          ) : list.items.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600" data-testid="notifications-empty">
              {t('empty')}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="notification-list">
              {list.items.map((item) => {
                const sentence = notificationText(item, t, status);
                const when = format.relativeTime(new Date(item.createdAt));
                const body = (
                  <>
                    <span
                      aria-hidden
                      className={cn(
                        'mt-1.5 size-2 shrink-0 rounded-full',
                        item.read ? 'bg-transparent' : 'bg-brand',
                      )}
                    />
                    <span className="min-w-0">
                      <span
                        className={cn('block', item.read ? 'text-slate-700' : 'font-semibold text-slate-900')}
                      >
                        {item.read ? null : <span className="sr-only">{t('unread')}: </span>}
                        {sentence}
                      </span>
                      <span className="block text-sm text-slate-600">
                        <time dateTime={item.createdAt}>{when}</time>
                      </span>
                    </span>
                  </>
                );
                return (
                  <li key={item.id} data-testid="notification-item" data-read={item.read}>
                    {item.href ? (
                      <Link
                        href={item.href}
                        className="flex gap-3 px-4 py-3 hover:bg-slate-50"
                        onClick={() => {
                          if (!item.read) void markRead({ ids: [item.id] });
                          close(false);
                        }}
                      >
                        {body}
                      </Link>
                    ) : (
                      <div className="flex gap-3 px-4 py-3">{body}</div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
