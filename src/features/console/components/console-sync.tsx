'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { CloudOff, RefreshCw, Wifi } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { everyUnlessSaving } from '@/components/device/background-timer';
import {
  removeFromOutbox,
  useOnlineStatus,
  useOutboxItems,
  type OutboxItem,
} from '@/features/offline/components';
import type { StaffRole } from '@/features/repairs';
import { flushConsole, isPending, OTHER_AUTHOR, releaseOwnItems } from './console-outbox';
import { ConflictDialog } from './conflict-dialog';

/** How often waiting changes are tried again while online (a 503 or a dropped request). */
const RETRY_MS = 15_000;

/**
 * The console's sync bar: online or offline, how many changes wait on this device (announced),
 * the list of them with discard (author only, confirmed), and the conflicts to decide. It also
 * sends what waits: on load, when the connection returns, when a change is queued, and every
 * few seconds while something waits.
 */
export function ConsoleSync({ userId, role }: { userId: string; role: StaffRole }) {
  const t = useTranslations('staff.offline');
  const format = useFormatter();
  const router = useRouter();
  const toast = useToast();
  const online = useOnlineStatus();
  const items = useOutboxItems('console');
  const listId = useId();
  const [showList, setShowList] = useState(false);
  const [discarding, setDiscarding] = useState<OutboxItem | null>(null);
  const [deciding, setDeciding] = useState<string | null>(null);
  const opened = useRef(new Set<string>());

  const all = items ?? [];
  const pending = all.filter(isPending);
  const heldForAuthor = (i: OutboxItem) =>
    (i.lastError?.body as { code?: string } | null)?.code === OTHER_AUTHOR;
  const decisions = all.filter((i) => i.state === 'conflict' || (i.state === 'failed' && !heldForAuthor(i)));

  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    const summary = await flushConsole(userId).catch(() => null);
    if (!summary) return;
    if (summary.sent > 0) {
      toast({ tone: 'success', title: t('synced', { count: summary.sent }) });
      router.refresh();
    }
  }, [router, t, toast, userId]);

  // my changes held while someone else was signed in here wait again (and so are sent)
  useEffect(() => {
    if (typeof indexedDB !== 'undefined') void releaseOwnItems(userId).catch(() => 0);
  }, [userId]);

  // send on load, when the connection returns, and whenever a change is queued
  const pendingCount = pending.filter((i) => i.state === 'waiting').length;
  useEffect(() => {
    if (online && pendingCount > 0) void flush();
  }, [online, pendingCount, flush]);
  useEffect(() => {
    if (!online || pendingCount === 0) return;
    // not while the battery saver is on: the connection coming back and new changes still send
    return everyUnlessSaving(() => void flush(), RETRY_MS);
  }, [online, pendingCount, flush]);

  // a new conflict of mine opens its decision at once (once per change)
  useEffect(() => {
    if (deciding) return;
    const next = decisions.find((i) => i.authorId === userId && !opened.current.has(i.id));
    if (next) {
      opened.current.add(next.id);
      setDeciding(next.id);
    }
  }, [decisions, deciding, userId]);

  const decidingItem = deciding ? all.find((i) => i.id === deciding) : undefined;

  async function discard(item: OutboxItem) {
    await removeFromOutbox(item.id);
    setDiscarding(null);
    // the waiting change leaves the page through the outbox hooks: no reload (offline, a
    // refresh would fall back to a full navigation, and to the browser's offline page)
    toast({ tone: 'success', title: t('discarded') });
  }

  return (
    <div className="flex flex-col gap-2" data-testid="console-sync">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <span
          className={cn(
            'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-semibold',
            online ? 'bg-emerald-100 text-emerald-900' : 'bg-amber-100 text-amber-950',
          )}
          data-testid="connection-state"
          data-online={online ? 'true' : 'false'}
        >
          {online ? <Wifi className="size-4" aria-hidden /> : <CloudOff className="size-4" aria-hidden />}
          <span role="status" aria-live="polite">
            {online ? t('online') : t('offline')}
          </span>
        </span>
        <span
          role="status"
          aria-live="polite"
          className="font-medium text-slate-800"
          data-testid="waiting-count"
        >
          {t('count', { count: all.length })}
          {decisions.length > 0 ? (
            <span className="ml-2 font-semibold text-red-800" data-testid="decision-count">
              · {t('needsDecision', { count: decisions.length })}
            </span>
          ) : null}
        </span>
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={showList}
          aria-controls={listId}
          onClick={() => setShowList((s) => !s)}
          data-testid="toggle-waiting"
        >
          {showList ? t('hideList') : t('showList')}
        </Button>
        {online && pending.length > 0 ? (
          <Button variant="secondary" size="sm" onClick={() => void flush()} data-testid="send-now">
            <RefreshCw className="size-4" aria-hidden />
            {t('sendNow')}
          </Button>
        ) : null}
      </div>

      {showList ? (
        <section
          id={listId}
          aria-labelledby={`${listId}-title`}
          className="rounded-xl border border-slate-200 bg-white p-3"
        >
          <h2 id={`${listId}-title`} className="font-semibold">
            {t('listTitle')}
          </h2>
          {all.length === 0 ? (
            <p className="mt-1 text-sm text-slate-700">{t('listEmpty')}</p>
          ) : (
            <>
              <p className="mt-1 text-sm text-slate-700">{t('listLead')}</p>
              <ul className="mt-3 divide-y divide-slate-200" data-testid="waiting-list">
                {all.map((item) => (
                  <li
                    key={item.id}
                    className="flex flex-col gap-2 py-2 sm:flex-row sm:items-center sm:justify-between"
                    data-testid="waiting-item"
                    data-state={item.state}
                  >
                    <div className="min-w-0">
                      <p className="break-words font-medium text-slate-900">{item.label}</p>
                      <p className="text-sm text-slate-600">
                        <StateBadge state={item.state} label={t(`state.${item.state}`)} />{' '}
                        {t('queuedAt', {
                          date: format.dateTime(new Date(item.createdAt), {
                            timeStyle: 'short',
                            dateStyle: 'short',
                          }),
                        })}
                        {item.authorId && item.authorId !== userId ? ` · ${t('byOther')}` : ''}
                      </p>
                    </div>
                    <div className="flex shrink-0 gap-2">
                      {item.state === 'conflict' || item.state === 'failed' ? (
                        <Button
                          size="sm"
                          onClick={() => setDeciding(item.id)}
                          disabled={item.authorId !== userId}
                          data-testid="waiting-resolve"
                        >
                          {t('resolve')}
                        </Button>
                      ) : null}
                      {item.authorId === userId && item.state !== 'sending' ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => setDiscarding(item)}
                          aria-label={`${t('discard')}: ${item.label}`}
                          data-testid="waiting-discard"
                        >
                          {t('discard')}
                        </Button>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}

      <Dialog
        open={discarding !== null}
        onOpenChange={(o) => !o && setDiscarding(null)}
        title={t('discardTitle')}
        description={discarding ? t('discardText', { label: discarding.label }) : undefined}
        closeLabel={t('keepIt')}
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setDiscarding(null)}>
            {t('keepIt')}
          </Button>
          <Button
            variant="danger"
            onClick={() => discarding && void discard(discarding)}
            data-testid="discard-confirm"
          >
            {t('discardConfirm')}
          </Button>
        </div>
      </Dialog>

      {decidingItem ? (
        <ConflictDialog
          key={decidingItem.id}
          item={decidingItem}
          role={role}
          userId={userId}
          onClose={() => setDeciding(null)}
          onResolved={(requeued) => {
            setDeciding(null);
            if (requeued) void flush();
            else if (navigator.onLine) router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function StateBadge({ state, label }: { state: OutboxItem['state']; label: string }) {
  return (
    <span
      className={cn(
        'inline-block rounded-full px-2 py-0.5 text-xs font-semibold',
        state === 'conflict' || state === 'failed'
          ? 'bg-red-100 text-red-900'
          : state === 'sending'
            ? 'bg-sky-100 text-sky-900'
            : 'bg-amber-100 text-amber-950',
      )}
    >
      {label}
    </span>
  );
}
