/**
 * Builds the demo year in memory (no I/O): bookings and their repair orders day by day with
 * the demand curve, each order through the workflow up to `now`, its lines, timeline, money,
 * rating and the booking funnel's events. Deterministic for a given seed, `now` and catalogue.
 */
import type {
  analyticsEvents,
  bookings,
  QuoteSnapshot,
  repairOrderEvents,
  repairOrderLines,
  repairOrders,
  repairRatings,
  user,
} from '@/server/db/schema';
import type { UrgencyJson } from '@/server/db/schema';
import { computeQuote } from '@/features/pricing/engine';
import { pricingConfigOf } from '@/features/pricing/server';
import { REFERENCE_ALPHABET, REFERENCE_PREFIX } from '@/features/repairs/reference-format';
import { at, demand, localDay, openingHour, type LocalDay } from './calendar';
import { CustomerPool, demoStaff, type DemoCustomer, type StaffMember } from './people';
import { Random } from './random';
import { planWorkflow } from './workflow';
import { addMoney, type MoneyRows } from './money';
import { addRating, addVisits } from './visits';

export const DEMO_TOKEN_PREFIX = 'demo:';

export interface DemoShop {
  slug: string;
  name: string;
  timeZone: string;
  slotMinutes: number;
  capacityPerSlot: number;
  urgency: UrgencyJson;
  addressLine1: string;
  city: string;
  postcode: string;
  phone: string;
  email: string;
}
export interface DemoModel {
  slug: string;
  name: string;
  releaseYear: number;
  categorySlug: string;
}
export interface DemoPrice {
  modelSlug: string;
  repairSlug: string;
  repairName: string;
  partsMinor: number;
  labourMinor: number;
  warrantyDays: number;
  turnaroundHours: number;
}
export interface DemoOptions {
  now: Date;
  /** volume multiplier (1: about 2,300 orders a year over two shops) */
  scale: number;
  /** how many days of history end today (365) */
  days: number;
  seed: number;
}
export interface DemoContext {
  shops: DemoShop[];
  models: DemoModel[];
  prices: DemoPrice[];
  shopsWithManager: Set<string>;
  /** references already used by real bookings */
  takenReferences: Set<string>;
  /** booked places of existing slot reservations, by `${shop}|${iso}` */
  reservedSlots: Map<string, number>;
}

export interface DemoPlan extends MoneyRows {
  users: (typeof user.$inferInsert)[];
  bookings: (typeof bookings.$inferInsert)[];
  orders: (typeof repairOrders.$inferInsert)[];
  lines: (typeof repairOrderLines.$inferInsert)[];
  events: (typeof repairOrderEvents.$inferInsert)[];
  ratings: (typeof repairRatings.$inferInsert)[];
  analytics: (typeof analyticsEvents.$inferInsert)[];
  /** places the demo's confirmed drop-offs take, to add to slot_reservations */
  slots: Array<{ shopSlug: string; startsAt: Date; capacity: number; booked: number }>;
}

type Service = 'drop_off' | 'mail_in' | 'walk_in';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PART_LINES: Array<[string, number]> = [
  ['Adhesive seal kit', 450],
  ['Replacement screw set', 250],
  ['Charging port flex cable', 1400],
  ['Camera lens cover', 900],
  ['Loudspeaker module', 1800],
];
const LABOUR_LINES: Array<[string, number]> = [
  ['Data backup and transfer', 2500],
  ['Liquid damage clean', 3500],
  ['Board-level diagnosis', 4000],
];
const FAULTS: Record<string, string[]> = {
  screen: [
    'Dropped it, screen shattered.',
    'Lines across the display.',
    'Touch stopped working in one corner.',
  ],
  battery: ['Battery dies by lunchtime.', 'Shuts down at 30%.', 'Battery is swelling.'],
  other: ['Stopped working after a fall.', 'Intermittent fault.', 'Not sure what is wrong.'],
};

export function planDemo(opts: DemoOptions, ctx: DemoContext): DemoPlan {
  const rng = new Random(opts.seed);
  const now = opts.now;
  if (ctx.shops.length === 0) throw new Error('No shops: run `npm run seed` first.');
  const { users, technicians } = demoStaff(
    ctx.shops.map((s) => s.slug),
    ctx.shopsWithManager,
    now,
  );
  const pool = new CustomerPool(rng);
  const plan: DemoPlan = {
    users,
    bookings: [],
    orders: [],
    lines: [],
    events: [],
    ratings: [],
    analytics: [],
    slots: [],
    payments: [],
    refunds: [],
    invoices: [],
  };
  const slotCount = new Map<string, { shop: DemoShop; startsAt: Date; n: number }>();
  const references = new Set(ctx.takenReferences);
  const reference = (): string => {
    for (;;) {
      let s = REFERENCE_PREFIX;
      for (let i = 0; i < 6; i++) s += REFERENCE_ALPHABET[rng.int(0, REFERENCE_ALPHABET.length - 1)];
      if (!references.has(s)) {
        references.add(s);
        return s;
      }
    }
  };

  // the catalogue, weighted towards recent models and the common repairs
  const pricesByModel = new Map<string, DemoPrice[]>();
  for (const p of ctx.prices) pricesByModel.set(p.modelSlug, [...(pricesByModel.get(p.modelSlug) ?? []), p]);
  const thisYear = new Date(now).getUTCFullYear();
  const modelWeights = ctx.models
    .filter((m) => pricesByModel.has(m.slug))
    .map((m) => {
      const age = thisYear - m.releaseYear;
      return [m, age <= 2 ? 5 : age <= 4 ? 3 : age <= 7 ? 1 : 0.3] as const;
    });
  if (modelWeights.length === 0) throw new Error('The catalogue has no prices: run `npm run seed` first.');
  const repairWeight = (slug: string) =>
    slug.includes('screen') ? 45 : slug.includes('battery') ? 26 : slug.includes('charg') ? 9 : 4;
  const techsOf = (shop: string) => technicians.filter((t) => t.shopSlug === shop);
  const techPick = (shop: string): StaffMember => {
    const list = techsOf(shop);
    return rng.weighted(list.map((t, i) => [t, i === 0 ? 1.4 : 1] as const));
  };

  interface Draft {
    service: Service;
    shop: DemoShop | null;
    createdAt: Date;
    receivedAt: Date;
    slot: Date | null;
    customer: DemoCustomer;
    model: DemoModel;
    repairs: DemoPrice[];
    warrantyReturnOf?: { imei: string };
  }
  const collectedForReturns: Array<{
    draft: Draft;
    collectedAt: Date;
    warrantyDays: number;
    pace: number;
    imei: string;
  }> = [];

  const build = (draft: Draft) => {
    const { shop, customer, model } = draft;
    const urgency =
      shop && !draft.warrantyReturnOf
        ? rng.weighted([
            ['standard', 85],
            ['express', 10],
            ['same_day', 5],
          ] as const)
        : 'standard';
    const quote = computeQuote(
      { lines: draft.repairs.map((r) => ({ ...r, repairName: r.repairName })), urgency },
      pricingConfigOf(shop),
      draft.createdAt,
    );
    const snapshot: QuoteSnapshot = quote;
    const ref = reference();
    const bookingId = rng.uuid();
    const orderId = rng.uuid();
    const paymentMethod =
      draft.service === 'walk_in' || draft.warrantyReturnOf
        ? 'collection'
        : rng.chance(0.4)
          ? 'card'
          : 'collection';
    customer.bookings++;
    const shopSlug = shop?.slug ?? null;
    const tech = techPick(shopSlug ?? ctx.shops[0]!.slug);
    const faults =
      FAULTS[
        draft.repairs[0]!.repairSlug.includes('screen')
          ? 'screen'
          : draft.repairs[0]!.repairSlug.includes('battery')
            ? 'battery'
            : 'other'
      ]!;
    const walkIn = draft.service === 'walk_in';
    const staffActor = { actor: tech.name, actorUserId: tech.id, actorRole: 'staff' as const };

    // what happens to it, cut at `now`
    const customerCancels = !walkIn && rng.chance(0.04);
    const cancelAt = customerCancels
      ? new Date(
          draft.createdAt.getTime() +
            (draft.receivedAt.getTime() - draft.createdAt.getTime()) * rng.between(0.1, 0.9),
        )
      : null;
    const extras: Array<{ kind: 'part' | 'labour'; description: string; minor: number }> = [];
    if (!draft.warrantyReturnOf && rng.chance(0.12)) {
      const [d, m] = rng.pick(PART_LINES);
      extras.push({ kind: 'part', description: d, minor: m });
    }
    if (!draft.warrantyReturnOf && rng.chance(0.07)) {
      const [d, m] = rng.pick(LABOUR_LINES);
      extras.push({ kind: 'labour', description: d, minor: m });
    }
    const flow = planWorkflow(rng, {
      receivedAt: draft.receivedAt,
      turnaroundHours: quote.turnaroundHours,
      urgency,
      pace: tech.pace,
      needsApproval: extras.length > 0,
    });
    let status = 'booked';
    let statusAt = draft.createdAt;
    const events: DemoPlan['events'] = [
      {
        orderId,
        type: 'created',
        toStatus: 'booked',
        actor: walkIn ? tech.name : 'customer',
        actorUserId: walkIn ? tech.id : customer.userId,
        actorRole: walkIn ? 'staff' : 'customer',
        message: walkIn ? 'Booked in at the counter.' : 'Booking received.',
        createdAt: draft.createdAt,
      },
    ];
    let receivedAt: Date | null = null;
    let collectedAt: Date | null = null;
    let cancelledAt: Date | null = null;
    let approvalAt: Date | null = null;
    if (cancelAt) {
      if (cancelAt <= now) {
        status = 'cancelled';
        statusAt = cancelAt;
        cancelledAt = cancelAt;
        events.push({
          orderId,
          type: 'status_changed',
          fromStatus: 'booked',
          toStatus: 'cancelled',
          actor: 'customer',
          actorUserId: customer.userId,
          actorRole: 'customer',
          message: 'Cancelled by the customer.',
          createdAt: cancelAt,
        });
      }
    } else if (draft.receivedAt <= now) {
      receivedAt = draft.receivedAt;
      status = 'received';
      statusAt = receivedAt;
      events.push({
        orderId,
        type: 'status_changed',
        fromStatus: 'booked',
        toStatus: 'received',
        ...staffActor,
        createdAt: receivedAt,
      });
      for (const step of flow.steps) {
        if (step.at > now) break;
        status = step.to;
        statusAt = step.at;
        if (step.to === 'awaiting_approval') approvalAt ??= step.at;
        if (step.to === 'collected') collectedAt = step.at;
        if (step.to === 'cancelled') cancelledAt = step.at;
        events.push({
          orderId,
          type: 'status_changed',
          fromStatus: step.from,
          toStatus: step.to,
          ...staffActor,
          message: step.message ?? null,
          data: step.qcNote ? { qcNote: step.qcNote } : null,
          createdAt: step.at,
        });
      }
    }

    const repairTotal = quote.totalMinor;
    const extrasAdded = approvalAt !== null;
    const agreed = draft.warrantyReturnOf
      ? 0
      : repairTotal + (extrasAdded ? extras.reduce((s, e) => s + e.minor, 0) : 0);
    const imei = draft.warrantyReturnOf?.imei ?? deviceNumber(rng, model);
    plan.bookings.push({
      id: bookingId,
      reference: ref,
      trackingTokenHash: `${DEMO_TOKEN_PREFIX}${ref}`,
      serviceType: draft.service,
      shopSlug,
      slotStartsAt: draft.slot,
      slotEndsAt: draft.slot && shop ? new Date(draft.slot.getTime() + shop.slotMinutes * 60_000) : null,
      modelSlug: model.slug,
      customerName: customer.name,
      customerEmail: customer.email,
      customerPhone: customer.phone,
      userId: customer.userId,
      faultDescription: draft.warrantyReturnOf ? 'Same fault again (warranty).' : rng.pick(faults),
      urgency,
      paymentMethod,
      quote: snapshot,
      totalMinor: quote.totalMinor,
      currency: quote.currency,
      status: status === 'cancelled' && cancelledAt && !receivedAt ? 'cancelled' : 'confirmed',
      locale: 'en-GB',
      createdAt: draft.createdAt,
      updatedAt: cancelledAt && !receivedAt ? cancelledAt : draft.createdAt,
    });
    if (draft.slot && shop && !(cancelledAt && !receivedAt)) {
      const key = `${shop.slug}|${draft.slot.toISOString()}`;
      const s = slotCount.get(key) ?? { shop, startsAt: draft.slot, n: 0 };
      s.n++;
      slotCount.set(key, s);
    }
    const lastAt = events[events.length - 1]!.createdAt as Date;
    plan.orders.push({
      id: orderId,
      reference: ref,
      bookingId,
      shopSlug,
      status,
      statusEnteredAt: statusAt,
      assignedTechnicianId: receivedAt ? tech.id : null,
      imeiSerial: receivedAt ? imei : null,
      conditionNotes: receivedAt
        ? rng.pick([
            'Light scratches on the frame.',
            'Good condition apart from the fault.',
            'Case and screen protector removed.',
          ])
        : null,
      accessories: receivedAt && rng.chance(0.3) ? ['case'] : [],
      passcodePolicy: receivedAt ? rng.pick(['none', 'customer_unlocks', 'wipe_authorised'] as const) : null,
      receivedAt,
      receivedBy: receivedAt ? tech.id : null,
      collectedAt,
      warrantyEndsAt: collectedAt ? new Date(collectedAt.getTime() + quote.warrantyDays * DAY) : null,
      agreedTotalMinor: agreed,
      createdAt: draft.createdAt,
      updatedAt: lastAt,
    });
    for (const l of quote.lines) {
      const free = draft.warrantyReturnOf !== undefined;
      plan.lines.push({
        id: rng.uuid(),
        orderId,
        kind: 'repair',
        repairSlug: l.repairSlug,
        description: free ? `${l.repairName} (warranty)` : l.repairName,
        unitMinor: free ? 0 : l.totalMinor,
        partsMinor: l.partsMinor,
        labourMinor: l.labourMinor,
        discountMinor: free ? l.grossMinor : l.discountMinor,
        totalMinor: free ? 0 : l.totalMinor,
        createdAt: draft.createdAt,
      });
    }
    if (approvalAt) {
      for (const e of extras) {
        plan.lines.push({
          id: rng.uuid(),
          orderId,
          kind: e.kind,
          description: e.description,
          unitMinor: e.minor,
          labourMinor: e.kind === 'labour' ? e.minor : 0,
          totalMinor: e.minor,
          createdBy: tech.id,
          createdAt: approvalAt,
        });
      }
    }
    plan.events.push(...events);
    addMoney(rng, plan, {
      orderId,
      bookingId,
      shop,
      customer,
      reference: ref,
      device: model.name,
      paymentMethod,
      createdAt: draft.createdAt,
      quoteTotal: repairTotal,
      agreed,
      collectedAt,
      cancelledAt,
      linesForInvoice: [
        ...quote.lines.map((l) => ({
          description: l.repairName,
          quantity: 1,
          unitMinor: l.totalMinor,
          totalMinor: l.totalMinor,
        })),
        ...(approvalAt
          ? extras.map((e) => ({
              description: e.description,
              quantity: 1,
              unitMinor: e.minor,
              totalMinor: e.minor,
            }))
          : []),
      ],
      now,
    });
    if (collectedAt && !draft.warrantyReturnOf) {
      const promised = quote.turnaroundHours * HOUR;
      const readyAt = flow.steps.find((s) => s.to === 'ready_for_collection')?.at ?? collectedAt;
      addRating(rng, plan, {
        orderId,
        shopSlug,
        collectedAt,
        late: readyAt.getTime() - draft.receivedAt.getTime() > promised * 1.5,
        pace: tech.pace,
        now,
      });
      collectedForReturns.push({
        draft,
        collectedAt,
        warrantyDays: quote.warrantyDays,
        pace: tech.pace,
        imei,
      });
    }
    if (draft.service !== 'walk_in')
      addVisits(rng, plan, { createdAt: draft.createdAt, shopSlug, userId: customer.userId, now });
  };

  // the year, oldest day first (so returning customers have been here before); a week ahead
  // for drop-offs already booked
  const days = Math.max(1, Math.round(opts.days));
  for (let offset = days - 1; offset >= -7; offset--) {
    for (const [i, shop] of ctx.shops.entries()) {
      const day = localDay(now, shop.timeZone, offset);
      const n = rng.poisson((i === 0 ? 3.6 : 2.6) * opts.scale * demand(day, offset, days));
      for (let k = 0; k < n; k++) {
        const draft = draftFor(shop, day);
        if (draft) build(draft);
      }
    }
    // mail-in without a shop (posted to the workshop)
    const tz = ctx.shops[0]!.timeZone;
    const day = localDay(now, tz, offset);
    const n =
      day.weekday === 0 || day.weekday === 6 ? 0 : rng.poisson(0.5 * opts.scale * demand(day, offset, days));
    for (let k = 0; k < n; k++) {
      const receivedAt = at(day, rng.between(10, 13), tz);
      const createdAt = new Date(receivedAt.getTime() - rng.between(40, 120) * HOUR);
      if (createdAt > now) continue;
      build({
        service: 'mail_in',
        shop: null,
        createdAt,
        receivedAt,
        slot: null,
        customer: pool.choose('mail_in', null, createdAt),
        ...device(),
      });
    }
  }
  // warranty returns: the same device back within its warranty (first-time fix fails)
  for (const c of collectedForReturns) {
    if (!rng.chance(0.035 * c.pace)) continue;
    const createdAt = new Date(
      c.collectedAt.getTime() + rng.between(3, Math.max(4, Math.min(60, c.warrantyDays - 1))) * DAY,
    );
    if (createdAt > now) continue;
    build({
      ...c.draft,
      service: 'walk_in',
      createdAt,
      receivedAt: createdAt,
      slot: null,
      repairs: [c.draft.repairs[0]!],
      shop: c.draft.shop ?? ctx.shops[0]!,
      warrantyReturnOf: { imei: c.imei },
    });
  }

  plan.users.push(...pool.accounts);
  for (const s of slotCount.values())
    plan.slots.push({
      shopSlug: s.shop.slug,
      startsAt: s.startsAt,
      capacity: s.shop.capacityPerSlot,
      booked: s.n,
    });
  numberInvoices(plan);
  return plan;

  function device(): { model: DemoModel; repairs: DemoPrice[] } {
    const model = rng.weighted(modelWeights);
    const offered = pricesByModel.get(model.slug)!;
    const first = rng.weighted(offered.map((p) => [p, repairWeight(p.repairSlug)] as const));
    const repairs = [first];
    if (offered.length > 1 && rng.chance(0.14)) {
      const second = rng.weighted(
        offered.filter((p) => p !== first).map((p) => [p, repairWeight(p.repairSlug)] as const),
      );
      repairs.push(second);
    }
    return { model, repairs };
  }

  function draftFor(shop: DemoShop, day: LocalDay): Parameters<typeof build>[0] | null {
    let service = rng.weighted([
      ['drop_off', 55],
      ['walk_in', 35],
      ['mail_in', 10],
    ] as const) as Service;
    if (day.weekday === 0) service = 'walk_in';
    if (service === 'drop_off') {
      for (let tries = 0; tries < 4; tries++) {
        const slotsPerDay = Math.floor((8 * 60) / shop.slotMinutes);
        const slot = at(day, 9.5 + (rng.int(0, slotsPerDay - 1) * shop.slotMinutes) / 60, shop.timeZone);
        const key = `${shop.slug}|${slot.toISOString()}`;
        const taken = (ctx.reservedSlots.get(key) ?? 0) + (slotCount.get(key)?.n ?? 0);
        if (taken >= shop.capacityPerSlot) continue;
        const createdAt = new Date(slot.getTime() - Math.max(2.5, rng.skewed(40, 0.9)) * HOUR);
        if (createdAt > now) return null;
        const receivedAt = new Date(slot.getTime() + rng.between(-10, 25) * 60_000);
        return {
          service,
          shop,
          createdAt,
          receivedAt,
          slot,
          customer: pool.choose(service, shop.slug, createdAt),
          ...device(),
        };
      }
      service = 'walk_in';
    }
    if (service === 'mail_in') {
      const receivedAt = at(day, rng.between(10, 13), shop.timeZone);
      const createdAt = new Date(receivedAt.getTime() - rng.between(40, 120) * HOUR);
      if (createdAt > now) return null;
      return {
        service,
        shop,
        createdAt,
        receivedAt,
        slot: null,
        customer: pool.choose(service, shop.slug, createdAt),
        ...device(),
      };
    }
    const createdAt = at(day, openingHour(rng, day), shop.timeZone);
    if (createdAt > now) return null;
    return {
      service,
      shop,
      createdAt,
      receivedAt: createdAt,
      slot: null,
      customer: pool.choose(service, shop.slug, createdAt),
      ...device(),
    };
  }
}

/** An IMEI (15 digits, Luhn check digit) for phones and tablets, a serial number otherwise. */
function deviceNumber(rng: Random, model: DemoModel): string {
  if (!/phone|tablet/.test(model.categorySlug)) {
    let s = 'C';
    for (let i = 0; i < 11; i++) s += REFERENCE_ALPHABET[rng.int(0, REFERENCE_ALPHABET.length - 1)];
    return s;
  }
  const digits = [3, 5];
  for (let i = 0; i < 12; i++) digits.push(rng.int(0, 9));
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = digits[i]!;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('');
}

/** Invoice numbers per series in the order the payments succeeded (gapless, as the app numbers them). */
function numberInvoices(plan: DemoPlan): void {
  const paidAt = new Map(plan.payments.map((p) => [p.id!, p.succeededAt!.getTime()]));
  plan.invoices.sort((a, b) => paidAt.get(a.paymentId)! - paidAt.get(b.paymentId)!);
  const next = new Map<string, number>();
  for (const inv of plan.invoices) {
    const n = (next.get(inv.series) ?? 0) + 1;
    next.set(inv.series, n);
    inv.sequence = n;
    inv.number = `${inv.series}-${String(n).padStart(6, '0')}`;
  }
}

export type { DemoCustomer };
