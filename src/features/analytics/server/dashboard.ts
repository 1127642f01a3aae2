/**
 * A user's own analytics dashboard: the widgets they added, in their order, kept server-side.
 * Saves are conditional on the version they were based on (two tabs cannot silently overwrite
 * each other: the later one gets VERSION_CONFLICT with the current dashboard).
 */
import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '@/server/domain-error';
import type { Db } from '@/server/db/client';
import { analyticsDashboards, type DashboardWidget } from '@/server/db/schema';
import type { Dashboard, Widget } from '../schemas';

/** What a user who has saved nothing sees: money, the workshop's flow, customers, what is coming. */
export const DEFAULT_WIDGETS: Widget[] = [
  { id: 'default-revenue-series', metric: 'revenueSeries', view: 'chart', size: 'wide' },
  { id: 'default-revenue-by-repair', metric: 'revenueByRepair', view: 'chart', size: 'small' },
  { id: 'default-turnaround', metric: 'turnaround', view: 'chart', size: 'small' },
  { id: 'default-funnel', metric: 'funnel', view: 'chart', size: 'small' },
  { id: 'default-satisfaction', metric: 'satisfaction', view: 'chart', size: 'small' },
  { id: 'default-bookings-forecast', metric: 'bookingsForecast', view: 'chart', size: 'wide' },
];

/** The saved dashboard, or the default layout at version 0. */
export async function getDashboard(db: Db, userId: string): Promise<Dashboard> {
  const [row] = await db
    .select({ widgets: analyticsDashboards.widgets, version: analyticsDashboards.version })
    .from(analyticsDashboards)
    .where(eq(analyticsDashboards.userId, userId));
  if (!row) return { widgets: DEFAULT_WIDGETS.map((w) => ({ ...w })), version: 0 };
  return { widgets: row.widgets as Dashboard['widgets'], version: row.version };
}

/**
 * Saves `widgets` if the stored version is still `version` (0: nothing saved yet), as one
 * conditional statement; answers the new version. Throws VERSION_CONFLICT (409) otherwise.
 */
export async function saveDashboard(
  db: Db,
  userId: string,
  input: { widgets: DashboardWidget[]; version: number },
): Promise<Dashboard> {
  const saved =
    input.version === 0
      ? await db
          .insert(analyticsDashboards)
          .values({ userId, widgets: input.widgets, version: 1 })
          .onConflictDoNothing({ target: analyticsDashboards.userId })
          .returning({ widgets: analyticsDashboards.widgets, version: analyticsDashboards.version })
      : await db
          .update(analyticsDashboards)
          .set({
            widgets: input.widgets,
            version: sql`${analyticsDashboards.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(analyticsDashboards.userId, userId), eq(analyticsDashboards.version, input.version)))
          .returning({ widgets: analyticsDashboards.widgets, version: analyticsDashboards.version });
  const row = saved[0];
  if (row) return { widgets: row.widgets as Dashboard['widgets'], version: row.version };
  const current = await getDashboard(db, userId);
  throw new DomainError(
    'VERSION_CONFLICT',
    'The dashboard was changed elsewhere (another tab?): reload it and try again.',
    [],
    { current },
  );
}
