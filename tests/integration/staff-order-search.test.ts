/**
 * The staff order search (listStaffOrders' `q`) finds exactly the orders the single OR across
 * the joined tables found before it became `id IN (… UNION …)` of index-backed lookups: the
 * reference implementation below is that former query, and both answer the same searches (by
 * reference, IMEI, customer name, e-mail and phone, device and brand, text with LIKE's own
 * characters, text matching nothing) on orders whose fields differ, with and without filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { listStaffOrders } from '@/features/console/server/list-staff-orders';
import { bookings, brands, deviceModels, repairOrders } from '@/server/db/schema';
import { containsPattern } from '@/server/db/like';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, type BookedOrder } from './fixtures';

/** The search as one OR across the joined tables (the query before the UNION rewrite). */
function formerSearch(q: string): SQL | undefined {
  const text = q.trim();
  if (!text) return undefined;
  const like = containsPattern(text);
  const parts: SQL[] = [
    ilike(repairOrders.reference, like),
    ilike(bookings.customerName, like),
    ilike(bookings.customerEmail, like),
    ilike(deviceModels.name, like),
    sql`(${brands.name} || ' ' || ${deviceModels.name}) ILIKE ${like}`,
  ];
  const compact = text.replace(/[\s\-./]/g, '').toUpperCase();
  if (compact.length >= 3) parts.push(ilike(repairOrders.imeiSerial, containsPattern(compact)));
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 4 && /^[+\d\s()-]+$/.test(text)) {
    parts.push(
      sql`regexp_replace(coalesce(${bookings.customerPhone}, ''), '[^0-9]', '', 'g') LIKE ${`%${digits}%`}`,
    );
  } else {
    parts.push(ilike(bookings.customerPhone, like));
  }
  return or(...parts);
}

describe.each(BACKENDS)('staff order search on $name', (backend) => {
  let app: TestApp;
  const orders: BookedOrder[] = [];
  const tag = `Srch${Date.now().toString(36)}`;

  beforeAll(async () => {
    app = await startApp(backend);
    const people = [
      { name: `${tag} Olivia Smith`, email: `olivia.smith.${tag}@example.com`, phone: '07700 900123' },
      { name: `${tag} Noah Patel`, email: `n.patel+${tag}@mail.example`, phone: '+44 (0)161 496 0000' },
      { name: `${tag} Amelia 100% Jones`, email: `amelia_jones.${tag}@example.org` },
      { name: `${tag} Leo Khan`, email: `leo.${tag}@example.net`, phone: '0161-496-0999' },
    ];
    const models = ['iphone-15', 'pixel-8', 'iphone-15', 'pixel-8'];
    for (const [i, customer] of people.entries()) {
      orders.push(
        await bookOrder(app, {
          shop: i % 2 ? 'manchester' : 'london',
          overrides: { modelSlug: models[i], customer },
        }),
      );
    }
    // IMEIs and serials are stored compact and upper-cased, as intake stores them
    await app.handle.db
      .update(repairOrders)
      .set({ imeiSerial: '490154203237518' })
      .where(eq(repairOrders.id, orders[0]!.orderId));
    await app.handle.db
      .update(repairOrders)
      .set({ imeiSerial: 'C02XK1ABJGH5' })
      .where(eq(repairOrders.id, orders[3]!.orderId));
  });
  afterAll(() => app.close());

  const searches = (): string[] => [
    orders[0]!.reference,
    orders[1]!.reference.toLowerCase(),
    orders[2]!.reference.slice(-4),
    tag,
    `${tag} noah`,
    'olivia.smith',
    `n.patel+${tag.toLowerCase()}`,
    '07700900123',
    '900 123',
    '0161 496',
    '(0)161',
    '4960',
    '4901 5420 3237 518',
    '237518',
    'c02xk1',
    'iphone 15',
    'Apple iPhone 15',
    'pixel',
    'google',
    '100%',
    'amelia_jones',
    '_',
    '%',
    '\\',
    'a',
    '   ',
    `nothing-matches-${tag}`,
  ];

  async function former(q: string, shop?: string): Promise<{ ids: string[]; total: number }> {
    const rows = await app.handle.db
      .select({ id: repairOrders.id })
      .from(repairOrders)
      .innerJoin(bookings, eq(bookings.id, repairOrders.bookingId))
      .leftJoin(deviceModels, eq(deviceModels.slug, bookings.modelSlug))
      .leftJoin(brands, eq(brands.slug, deviceModels.brandSlug))
      .where(and(formerSearch(q), shop ? eq(repairOrders.shopSlug, shop) : undefined));
    return { ids: rows.map((r) => r.id).sort(), total: rows.length };
  }

  async function current(q: string, shop?: string): Promise<{ ids: string[]; total: number }> {
    const list = await listStaffOrders(app.handle.db, { q, shop, limit: 1000, offset: 0 });
    return { ids: list.items.map((i) => i.id).sort(), total: list.total };
  }

  it('finds the same orders as the OR across the joined tables did', async () => {
    for (const q of searches()) {
      expect(await current(q), q).toEqual(await former(q));
    }
  });

  it('finds the same orders with a filter beside the search', async () => {
    for (const q of searches()) {
      expect(await current(q, 'manchester'), q).toEqual(await former(q, 'manchester'));
    }
  });

  it('finds each kind of match (the comparison is not vacuous)', async () => {
    const ids = async (q: string) => (await current(q)).ids;
    const id = (i: number) => orders[i]!.orderId;
    expect(await ids(orders[0]!.reference)).toEqual([id(0)]);
    expect(await ids('olivia.smith')).toEqual([id(0)]);
    expect(await ids('0161 496')).toEqual([id(1), id(3)].sort());
    expect(await ids('237518')).toEqual([id(0)]);
    expect(await ids('c02xk1')).toEqual([id(3)]);
    expect(await ids('100%')).toEqual([id(2)]);
    expect((await ids(tag)).length).toBe(4);
    expect(await ids(`nothing-matches-${tag}`)).toEqual([]);
  });
});
