/**
 * The booking-funnel events of the workshop history (analytics-ops-history.ts): `funnel_step`
 * rows for several visits, in and around the test range, with and without a shop.
 */
import type { Db } from '@/server/db/runtime';
import { analyticsEvents } from '@/server/db/schema';

const h = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000);

const FULL = ['start', 'device', 'repairs', 'service', 'details', 'submit', 'booked'];

/**
 * Visits (ids made unique per suite): v1 all seven steps in London; v2 start..repairs in
 * London; v3 start and device (twice) in London; v4 all seven in Manchester; v5 start and device
 * with no shop; v6 starts after the range; v7 starts and books in London in the previous range.
 */
export async function writeFunnelEvents(db: Db, tag: string): Promise<void> {
  const rows: Array<typeof analyticsEvents.$inferInsert> = [];
  const visit = (id: string, shop: string | null, steps: string[], start: string) =>
    steps.forEach((step, i) =>
      rows.push({
        name: 'funnel_step',
        visitId: `${id}-${tag}`,
        path: '/book-repair',
        shopSlug: shop,
        props: { step },
        occurredAt: h(start, i * 0.05),
      }),
    );
  visit('v1', 'london', FULL, '2025-02-04T10:00:00.000Z');
  visit('v2', 'london', FULL.slice(0, 3), '2025-02-05T10:00:00.000Z');
  visit('v3', 'london', ['start', 'device', 'device'], '2025-02-06T10:00:00.000Z');
  visit('v4', 'manchester', FULL, '2025-02-07T10:00:00.000Z');
  visit('v5', null, ['start', 'device'], '2025-02-08T10:00:00.000Z');
  visit('v6', 'london', ['start'], '2025-02-17T00:30:00.000Z');
  visit('v7', 'london', ['start', 'booked'], '2025-01-25T10:00:00.000Z');
  // not a funnel step
  rows.push({
    name: 'page_view',
    visitId: `v1-${tag}`,
    path: '/book-repair',
    shopSlug: 'london',
    props: {},
    occurredAt: new Date('2025-02-04T09:59:00.000Z'),
  });
  await db.insert(analyticsEvents).values(rows);
}
