import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BarChart3, BellRing, Columns3, Inbox, List, Plus, SearchX } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { LiveRefresh } from '@/features/live/components/live-refresh';
import { latestOrderEventId } from '@/features/repairs/server/order-event-feed';
import { getDb } from '@/server/db/runtime';
import { listShopRows } from '@/features/shops/server/list-shops';
import { listStaffOrders } from '@/features/console/server/list-staff-orders';
import { listTechnicians } from '@/features/repairs/server/list-technicians';
import { StaffOrderQuerySchema } from '@/features/console/schemas';
import { isTerminal, REPAIR_STATUSES, type RepairStatus } from '@/features/repairs/state-machine';
import { OrdersFilters } from '@/features/console/components/orders-filters';
import { consoleHref, type ConsoleFilters } from '@/features/console/components/console-href';
import { OrdersQueue } from '@/features/console/components/orders-queue';
import { OrdersBoard } from '@/features/console/components/orders-board';
import { PullToRefresh } from '@/components/device/pull-to-refresh';
import { refreshLabels } from '@/features/console/components/refresh-labels';
import { NAV_HREF } from '@/app/_shell/nav-links';

export const dynamic = 'force-dynamic';

const QUEUE_PAGE = 50;
const BOARD_LIMIT = 200;

export async function generateMetadata() {
  return { title: (await getTranslations('staff'))('consoleTitle'), robots: { index: false } };
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function StaffConsolePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const qs = new URLSearchParams(
    Object.entries(sp).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : [])),
  ).toString();
  const me = await requirePageRole('technician', qs ? `/staff?${qs}` : '/staff');
  const t = await getTranslations('staff');
  const tNotify = await getTranslations('notificationSettings');
  const tRefresh = await getTranslations('queueCards.refresh');
  const tInsights = await getTranslations('insights');

  const statusParam = (Array.isArray(sp.status) ? sp.status.join(',') : sp.status) || 'active';
  const parsed = StaffOrderQuerySchema.safeParse({
    status: statusParam === 'all' ? undefined : statusParam,
    shop: first(sp.shop) || undefined,
    technician: first(sp.technician) || undefined,
    urgency: first(sp.urgency) || undefined,
    overdue: first(sp.overdue) === 'true' ? 'true' : undefined,
    q: first(sp.q) || undefined,
    offset: first(sp.offset) || undefined,
  });
  const query = parsed.success ? parsed.data : StaffOrderQuerySchema.parse({ status: 'active' });
  const filters: ConsoleFilters = {
    view: first(sp.view) === 'board' ? 'board' : 'queue',
    status: parsed.success ? statusParam : 'active',
    shop: query.shop ?? '',
    technician: query.technician ?? '',
    urgency: query.urgency ?? '',
    overdue: query.overdue,
    q: query.q ?? '',
  };
  const board = filters.view === 'board';

  const db = await getDb();
  const now = new Date();
  const since = await latestOrderEventId(db, {});
  const [list, shops, technicians] = await Promise.all([
    listStaffOrders(
      db,
      {
        statuses: query.status,
        shop: query.shop,
        technician: query.technician === 'me' ? me.id : query.technician,
        urgency: query.urgency,
        overdue: query.overdue,
        q: query.q,
        sort: board ? 'waiting' : 'newest',
        limit: board ? BOARD_LIMIT : QUEUE_PAGE,
        offset: board ? 0 : query.offset,
      },
      now,
    ),
    listShopRows(db),
    listTechnicians(db),
  ]);

  const wanted = new Set<RepairStatus>(
    (query.status ?? (statusParam === 'all' ? [...REPAIR_STATUSES] : ['active'])).flatMap((s) =>
      s === 'active' ? REPAIR_STATUSES.filter((x) => !isTerminal(x)) : [s],
    ),
  );
  const columns = REPAIR_STATUSES.filter((s) => wanted.has(s));
  const filtered =
    filters.status !== 'active' ||
    !!filters.shop ||
    !!filters.technician ||
    !!filters.urgency ||
    filters.overdue ||
    !!filters.q;
  const viewLink = (view: 'queue' | 'board', label: string, Icon: typeof List) => (
    <Link
      href={consoleHref({ ...filters, view })}
      aria-current={filters.view === view ? 'page' : undefined}
      className={cn(
        'inline-flex h-11 items-center gap-2 rounded-lg px-3 font-medium',
        filters.view === view ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
      )}
      data-testid={`view-${view}`}
    >
      <Icon className="size-4" aria-hidden />
      {label}
    </Link>
  );

  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-bold">{t('consoleTitle')}</h1>
            <LiveRefresh url="/api/staff/live" since={since} />
            <PullToRefresh labels={refreshLabels(tRefresh)} />
          </div>
          <p className="mt-1 max-w-2xl text-slate-700">{t('consoleLead')}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <nav
            aria-label={t('views.label')}
            className="flex gap-1 rounded-xl border border-slate-200 bg-white p-1"
          >
            {viewLink('queue', t('views.queue'), List)}
            {viewLink('board', t('views.board'), Columns3)}
          </nav>
          <Button asChild variant="secondary">
            <Link href={NAV_HREF.insights} data-testid="insights-link">
              <BarChart3 className="size-5" aria-hidden />
              {tInsights('consoleLink')}
            </Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href="/staff/notifications" data-testid="notification-settings-link">
              <BellRing className="size-5" aria-hidden />
              {tNotify('consoleLink')}
            </Link>
          </Button>
          <Button asChild>
            <Link href="/staff/walk-in" data-testid="new-walk-in">
              <Plus className="size-5" aria-hidden />
              {t('walkInLink')}
            </Link>
          </Button>
        </div>
      </div>

      <div className="mt-6">
        <OrdersFilters
          filters={filters}
          shops={shops.map((s) => ({ slug: s.slug, name: s.name }))}
          technicians={technicians.map((u) => ({ id: u.id, name: u.name }))}
        />
      </div>

      <p role="status" className="mt-4 text-sm font-medium text-slate-700" data-testid="results-count">
        {list.total > 0 && !board && (list.total > list.items.length || list.offset > 0)
          ? t('resultsShowing', {
              from: list.offset + 1,
              to: list.offset + list.items.length,
              total: list.total,
            })
          : t('results', { total: list.total })}
      </p>

      <div className="mt-3">
        {list.total === 0 && !board ? (
          <div
            className="rounded-2xl border border-dashed border-slate-300 bg-white p-10 text-center"
            data-testid="orders-empty"
          >
            {filtered ? (
              <SearchX className="mx-auto size-10 text-slate-400" aria-hidden />
            ) : (
              <Inbox className="mx-auto size-10 text-slate-400" aria-hidden />
            )}
            <h2 className="mt-3 text-lg font-semibold">
              {filtered ? t('noResults.title') : t('empty.title')}
            </h2>
            <p className="mt-1 text-slate-700">{filtered ? t('noResults.text') : t('empty.text')}</p>
            {filtered ? (
              <Button asChild variant="secondary" className="mt-4">
                <Link
                  href={consoleHref({
                    view: filters.view,
                    status: 'active',
                    shop: '',
                    technician: '',
                    urgency: '',
                    overdue: false,
                    q: '',
                  })}
                >
                  {t('filters.clear')}
                </Link>
              </Button>
            ) : null}
          </div>
        ) : board ? (
          <>
            {list.total > list.items.length ? (
              <p className="mb-2 text-sm text-amber-900">
                {t('board.truncated', { shown: list.items.length, total: list.total })}
              </p>
            ) : null}
            <OrdersBoard items={list.items} statuses={columns} now={now} />
          </>
        ) : (
          <OrdersQueue items={list.items} now={now} me={{ id: me.id, role: me.role }} />
        )}
      </div>

      {!board && (list.offset > 0 || list.nextOffset !== null) ? (
        <nav aria-label={t('pagination.label')} className="mt-4 flex gap-3">
          {list.offset > 0 ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={consoleHref(filters, { offset: String(Math.max(0, list.offset - QUEUE_PAGE)) })}>
                {t('pagination.previous')}
              </Link>
            </Button>
          ) : null}
          {list.nextOffset !== null ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={consoleHref(filters, { offset: String(list.nextOffset) })}>
                {t('pagination.next')}
              </Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
