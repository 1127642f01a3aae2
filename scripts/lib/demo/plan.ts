/**
 * Builds the demo year in memory (no I/O): bookings and their repair orders day by day with
 * the demand curve, each order through the workflow up to `now`, its lines, timeline, money,
 * rating and the booking funnel's events. Deterministic for a given seed, `now` and catalogue.
 */
import { REFERENCE_ALPHABET, REFERENCE_PREFIX } from '@/features/repairs/reference-format';
import { at, demand, localDay, openingHour, type LocalDay } from './calendar';
import { CustomerPool, demoStaff, type StaffMember } from './people';
import { Random } from './random';
import { buildOrder, type Builder, type Draft, type ReturnCandidate } from './order';
import {
  DAY,
  HOUR,
  type DemoContext,
  type DemoModel,
  type DemoOptions,
  type DemoPlan,
  type DemoPrice,
  type DemoShop,
  type Service,
} from './types';

export { DEMO_TOKEN_PREFIX } from './types';
export type { DemoContext, DemoOptions, DemoPlan } from './types';

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

  const collectedForReturns: ReturnCandidate[] = [];
  const builder: Builder = {
    rng,
    plan,
    now,
    firstShop: ctx.shops[0]!,
    reference,
    techPick,
    slotCount,
    collectedForReturns,
  };
  const build = (draft: Draft) => buildOrder(builder, draft);

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
