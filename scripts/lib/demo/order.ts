/** One order of the demo (its booking, order, lines, timeline, money, rating and visits). */
import type { QuoteSnapshot } from '@/server/db/schema';
import { computeQuote } from '@/features/pricing/engine';
import { pricingConfigOf } from '@/features/pricing/server';
import { REFERENCE_ALPHABET } from '@/features/repairs/reference-format';
import type { DemoCustomer, StaffMember } from './people';
import type { Random } from './random';
import { planWorkflow } from './workflow';
import { addMoney } from './money';
import { addRating, addVisits } from './visits';
import {
  DAY,
  DEMO_TOKEN_PREFIX,
  FAULTS,
  HOUR,
  LABOUR_LINES,
  PART_LINES,
  type DemoModel,
  type DemoPlan,
  type DemoPrice,
  type DemoShop,
  type Service,
} from './types';

export interface Draft {
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
export interface ReturnCandidate {
  draft: Draft;
  collectedAt: Date;
  warrantyDays: number;
  pace: number;
  imei: string;
}

/** What every order is built with: the stream, the plan so far, and the shared counters. */
export interface Builder {
  rng: Random;
  plan: DemoPlan;
  now: Date;
  firstShop: DemoShop;
  reference(): string;
  techPick(shop: string): StaffMember;
  slotCount: Map<string, { shop: DemoShop; startsAt: Date; n: number }>;
  collectedForReturns: ReturnCandidate[];
}

export function buildOrder(b: Builder, draft: Draft): void {
  const { rng, plan, now, reference, techPick, slotCount, collectedForReturns } = b;
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
  const tech = techPick(shopSlug ?? b.firstShop.slug);
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
  // the first move to ready, as the timeline trigger (migration 0018) derives it: written with the
  // order so the bulk insert of events finds it right and does not rewrite every order row
  let readyAt: Date | null = null;
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
      if (step.to === 'ready_for_collection') readyAt ??= step.at;
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
    readyAt,
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
