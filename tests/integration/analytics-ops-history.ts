/**
 * A fixed workshop history for the operations metrics (analytics-operations.test.ts), written
 * straight into the real tables: two technicians, orders in London and Manchester with their
 * status timelines at fixed times, repair and part lines, a device that came back within its
 * warranty, an open queue at a fixed `now`, and booking-funnel events for several visits.
 *
 * The range is Monday 3 to Sunday 16 February 2025 in Europe/London (GMT then, so midnight
 * there is 00:00Z): from 2025-02-03T00:00Z inclusive to 2025-02-17T00:00Z exclusive; the
 * previous range is 20 January to 2 February. `now` is 2025-02-20T12:00Z.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/runtime';
import {
  bookings,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  user,
  type QuoteSnapshot,
} from '@/server/db/schema';
import type { AnalyticsScope } from '@/features/analytics/server/scope';
import type { Compare } from '@/features/analytics/metrics';
import { writeFunnelEvents } from './analytics-ops-funnel';

export const NOW = new Date('2025-02-20T12:00:00.000Z');

/** The scope of the tests: 3-16 Feb 2025 in London, compared with the 14 days before. */
export function scopeFor(opts: { shops?: string[] | null; compare?: Compare } = {}): AnalyticsScope {
  const compare = opts.compare ?? 'previous';
  const withCompare = compare !== 'none';
  return {
    from: new Date('2025-02-03T00:00:00.000Z'),
    to: new Date('2025-02-17T00:00:00.000Z'),
    rangeFrom: '2025-02-03',
    rangeTo: '2025-02-16',
    compare,
    compareFrom: withCompare ? new Date('2025-01-20T00:00:00.000Z') : null,
    compareTo: withCompare ? new Date('2025-02-03T00:00:00.000Z') : null,
    compareRangeFrom: withCompare ? '2025-01-20' : null,
    compareRangeTo: withCompare ? '2025-02-02' : null,
    shopSlugs: opts.shops ?? null,
    interval: 'day',
    timeZone: 'Europe/London',
    currency: 'GBP',
    now: NOW,
  };
}

/** `hours` after the ISO time `iso`. */
export const h = (iso: string, hours: number) =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

interface Line {
  kind: 'repair' | 'part';
  repairSlug?: string;
  description: string;
  quantity?: number;
  partsMinor?: number;
  totalMinor: number;
}

export interface OpsOrder {
  shop: 'london' | 'manchester';
  model: string;
  email: string;
  /** when the order (and its booking) was made */
  created: string;
  imei?: string;
  tech?: 'ada' | 'bo';
  /** status moves in order, [to, at]; the first leaves `booked` */
  moves: Array<[string, string]>;
  warrantyEnds?: string;
  lines: Line[];
}

const screen = (partsMinor: number): Line => ({
  kind: 'repair',
  repairSlug: 'screen-crack',
  description: 'Cracked or broken screen',
  partsMinor,
  totalMinor: partsMinor + 5_000,
});
const battery = (partsMinor: number): Line => ({
  kind: 'repair',
  repairSlug: 'battery',
  description: 'Battery replacement',
  partsMinor,
  totalMinor: partsMinor + 3_000,
});
const part = (description: string, quantity: number, totalMinor: number): Line => ({
  kind: 'part',
  description,
  quantity,
  partsMinor: totalMinor,
  totalMinor,
});

/** received R, then each [status, hours after R] */
function flow(r: string, steps: Array<[string, number]>): Array<[string, string]> {
  return [['received', r], ...steps.map(([s, hours]): [string, string] => [s, h(r, hours)])];
}

const R = {
  L1: '2025-02-03T09:00:00.000Z',
  L2: '2025-02-05T09:00:00.000Z',
  L3: '2025-02-10T09:00:00.000Z',
  M1: '2025-02-04T10:00:00.000Z',
  M2: '2025-02-06T10:00:00.000Z',
  P1: '2025-01-21T09:00:00.000Z',
};

export const ORDERS: Record<string, OpsOrder> = {
  // collected in the range
  L1: {
    shop: 'london',
    model: 'iphone-15',
    email: 'a@example.com',
    imei: '111111111111111',
    tech: 'ada',
    created: h(R.L1, -24),
    moves: flow(R.L1, [
      ['repairing', 2],
      ['ready_for_collection', 10],
      ['collected', 24],
    ]),
    warrantyEnds: '2025-05-05T09:00:00.000Z',
    lines: [screen(4_000)],
  },
  L2: {
    shop: 'london',
    model: 'iphone-15',
    email: 'b@example.com',
    imei: '222222222222222',
    tech: 'ada',
    created: h(R.L2, -24),
    moves: flow(R.L2, [
      ['repairing', 4],
      ['ready_for_collection', 20],
      ['collected', 30],
    ]),
    warrantyEnds: '2025-05-07T15:00:00.000Z',
    lines: [battery(2_000), part('Adhesive strip', 2, 300)],
  },
  // sent back from ready to repairing: turnaround runs to the FIRST ready (40 h)
  L3: {
    shop: 'london',
    model: 'pixel-8',
    email: 'c@example.com',
    tech: 'ada',
    created: h(R.L3, -24),
    moves: flow(R.L3, [
      ['repairing', 5],
      ['ready_for_collection', 40],
      ['repairing', 45],
      ['ready_for_collection', 50],
      ['collected', 60],
    ]),
    warrantyEnds: '2025-05-12T21:00:00.000Z',
    lines: [screen(5_000), part('Screw set', 4, 200)],
  },
  M1: {
    shop: 'manchester',
    model: 'iphone-15',
    email: 'd@example.com',
    tech: 'bo',
    created: h(R.M1, -12),
    moves: flow(R.M1, [
      ['repairing', 1],
      ['ready_for_collection', 6],
      ['collected', 8],
    ]),
    // no warranty end: its return cannot be judged
    lines: [screen(4_000)],
  },
  M2: {
    shop: 'manchester',
    model: 'pixel-8',
    email: 'e@example.com',
    imei: '333333333333333',
    tech: 'bo',
    created: h(R.M2, -48),
    moves: flow(R.M2, [
      ['repairing', 2],
      ['ready_for_collection', 12],
      ['collected', 14],
    ]),
    warrantyEnds: '2025-02-15T00:00:00.000Z',
    lines: [battery(1_500), part('Adhesive strip', 1, 150)],
  },
  // the previous range
  P1: {
    shop: 'london',
    model: 'iphone-15',
    email: 'p@example.com',
    tech: 'ada',
    created: h(R.P1, -24),
    moves: flow(R.P1, [
      ['repairing', 10],
      ['ready_for_collection', 30],
      ['collected', 48],
    ]),
    warrantyEnds: '2025-04-21T09:00:00.000Z',
    lines: [screen(4_000)],
  },
  // open at NOW. L2's device back (same IMEI) within its warranty: L2 was not fixed first time
  L5: {
    shop: 'london',
    model: 'iphone-15',
    email: 'b@example.com',
    imei: '222222222222222',
    tech: 'ada',
    created: '2025-02-10T10:00:00.000Z',
    moves: [['received', '2025-02-11T10:00:00.000Z']],
    lines: [battery(2_000)],
  },
  // L3's customer with ANOTHER model: not a return of L3
  L6: {
    shop: 'london',
    model: 'iphone-15',
    email: 'c@example.com',
    created: '2025-02-14T00:00:00.000Z',
    moves: [
      ['received', '2025-02-14T12:00:00.000Z'],
      ['repairing', '2025-02-19T12:00:00.000Z'],
    ],
    lines: [screen(4_000), part('Battery cell', 1, 999)],
  },
  L7: {
    shop: 'london',
    model: 'iphone-15',
    email: 'g@example.com',
    created: '2025-02-20T06:00:00.000Z',
    moves: [],
    lines: [screen(4_000)],
  },
  // M2's IMEI again, but after its warranty ended (15 Feb): not a return
  M3: {
    shop: 'manchester',
    model: 'pixel-8',
    email: 'e@example.com',
    imei: '333333333333333',
    created: '2025-02-17T12:00:00.000Z',
    moves: [
      ['received', '2025-02-18T12:00:00.000Z'],
      ['diagnosing', '2025-02-18T12:00:00.000Z'],
    ],
    lines: [battery(1_500)],
  },
  M4: {
    shop: 'manchester',
    model: 'iphone-15',
    email: 'f@example.com',
    created: '2025-02-18T00:00:00.000Z',
    moves: [
      ['received', '2025-02-19T00:00:00.000Z'],
      ['repairing', '2025-02-19T02:00:00.000Z'],
      ['quality_check', '2025-02-19T10:00:00.000Z'],
    ],
    lines: [screen(4_000)],
  },
  // June, outside every February range: J1 (no IMEI) came back as J2 (same customer, e-mail in
  // another case, same model, an IMEI this time): a return found by model + customer
  J1: {
    shop: 'london',
    model: 'pixel-8',
    email: 'j@example.com',
    tech: 'ada',
    created: '2025-06-01T09:00:00.000Z',
    moves: flow('2025-06-02T09:00:00.000Z', [
      ['ready_for_collection', 10],
      ['collected', 24],
    ]),
    warrantyEnds: '2025-09-03T09:00:00.000Z',
    lines: [screen(5_000)],
  },
  J2: {
    shop: 'london',
    model: 'pixel-8',
    email: 'J@Example.com',
    imei: '444444444444444',
    created: '2025-06-20T09:00:00.000Z',
    moves: flow('2025-06-21T09:00:00.000Z', [
      ['ready_for_collection', 4],
      ['collected', 6],
    ]),
    lines: [screen(5_000)],
  },
  // August, outside every other range: K1 (an IMEI) came back as K2 (same customer and model,
  // no IMEI this time): a return found by model + customer from the later order's side
  K1: {
    shop: 'london',
    model: 'pixel-8',
    email: 'k@example.com',
    tech: 'ada',
    imei: '555555555555555',
    created: '2025-08-01T09:00:00.000Z',
    moves: flow('2025-08-02T09:00:00.000Z', [
      ['ready_for_collection', 8],
      ['collected', 24],
    ]),
    warrantyEnds: '2025-11-03T09:00:00.000Z',
    lines: [screen(5_000)],
  },
  K2: {
    shop: 'london',
    model: 'pixel-8',
    email: 'k@example.com',
    created: '2025-08-20T09:00:00.000Z',
    moves: flow('2025-08-21T09:00:00.000Z', [
      ['ready_for_collection', 4],
      ['collected', 6],
    ]),
    lines: [screen(5_000)],
  },
  // cancelled after receipt: neither queue nor top models
  LC: {
    shop: 'london',
    model: 'pixel-8',
    email: 'h@example.com',
    created: '2025-02-07T09:00:00.000Z',
    moves: [
      ['received', '2025-02-08T09:00:00.000Z'],
      ['cancelled', '2025-02-09T09:00:00.000Z'],
    ],
    lines: [screen(5_000)],
  },
};

export interface Technicians {
  ada: string;
  bo: string;
}

export async function writeOpsHistory(db: Db): Promise<Technicians> {
  const tag = randomBytes(4).toString('hex');
  const techs: Technicians = { ada: `ops-ada-${tag}`, bo: `ops-bo-${tag}` };
  await db.insert(user).values([
    {
      id: techs.ada,
      name: 'Ada Lovelace',
      email: `${techs.ada}@example.com`,
      role: 'technician',
      shopSlug: 'london',
    },
    {
      id: techs.bo,
      name: 'Bo Diddley',
      email: `${techs.bo}@example.com`,
      role: 'technician',
      shopSlug: 'manchester',
    },
  ]);
  for (const o of Object.values(ORDERS)) {
    const reference = `RT-${randomBytes(3).toString('hex').toUpperCase()}`;
    const created = new Date(o.created);
    const [booking] = await db
      .insert(bookings)
      .values({
        reference,
        trackingTokenHash: randomBytes(16).toString('hex'),
        serviceType: 'drop_off',
        shopSlug: o.shop,
        modelSlug: o.model,
        customerName: 'Ops Customer',
        customerEmail: o.email,
        urgency: 'standard',
        paymentMethod: 'collection',
        quote: {} as QuoteSnapshot,
        totalMinor: 10_000,
        currency: 'GBP',
        createdAt: created,
      })
      .returning({ id: bookings.id });
    const last = o.moves.at(-1);
    const when = (status: string) => o.moves.find(([s]) => s === status)?.[1];
    const [order] = await db
      .insert(repairOrders)
      .values({
        reference,
        bookingId: booking!.id,
        shopSlug: o.shop,
        status: last?.[0] ?? 'booked',
        statusEnteredAt: new Date(last?.[1] ?? o.created),
        assignedTechnicianId: o.tech ? techs[o.tech] : null,
        imeiSerial: o.imei ?? null,
        receivedAt: when('received') ? new Date(when('received')!) : null,
        collectedAt: when('collected') ? new Date(when('collected')!) : null,
        warrantyEndsAt: o.warrantyEnds ? new Date(o.warrantyEnds) : null,
        createdAt: created,
      })
      .returning({ id: repairOrders.id });
    const orderId = order!.id;
    await db.insert(repairOrderLines).values(
      o.lines.map((l) => ({
        orderId,
        kind: l.kind,
        repairSlug: l.repairSlug ?? null,
        description: l.description,
        quantity: l.quantity ?? 1,
        unitMinor: Math.round(l.totalMinor / (l.quantity ?? 1)),
        partsMinor: l.partsMinor ?? 0,
        totalMinor: l.totalMinor,
      })),
    );
    if (o.moves.length > 0) {
      await db.insert(repairOrderEvents).values(
        o.moves.map(([to, atIso], i) => ({
          orderId,
          type: 'status_changed',
          fromStatus: i === 0 ? 'booked' : o.moves[i - 1]![0],
          toStatus: to,
          actor: 'Test',
          actorRole: 'staff',
          visibility: 'customer' as const,
          createdAt: new Date(atIso),
        })),
      );
    }
  }
  await writeFunnelEvents(db, tag);
  return techs;
}
