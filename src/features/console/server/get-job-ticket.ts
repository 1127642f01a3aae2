import type { Db } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import type { PasscodePolicy } from '@/server/db/schema';
import { splitVatInclusive } from '@/features/pricing';
import { orderTotals } from '@/features/quotes';
import type { LoadedOrder } from '@/features/repairs/server';
import { agreedPriceOf, findPendingQuote, orderLineRows, surchargeOf } from '@/features/quotes/server';

export interface TicketLine {
  kind: string;
  description: string;
  quantity: number;
  unitMinor: number;
  totalMinor: number;
}

const lineKey = (l: TicketLine) => JSON.stringify([l.kind, l.description, l.quantity, l.unitMinor]);

/** Lines of `a` not matched one-for-one by a line of `b`. */
function linesNotIn(a: readonly TicketLine[], b: readonly TicketLine[]): TicketLine[] {
  const left = new Map<string, number>();
  for (const l of b) left.set(lineKey(l), (left.get(lineKey(l)) ?? 0) + 1);
  return a.filter((l) => {
    const n = left.get(lineKey(l)) ?? 0;
    if (n === 0) return true;
    left.set(lineKey(l), n - 1);
    return false;
  });
}

export interface JobTicket {
  reference: string;
  status: string;
  shop: { name: string; address: string[]; phone: string; email: string; timeZone: string } | null;
  customer: { name: string; phone: string | null };
  device: { name: string; brandName: string };
  imeiSerial: string | null;
  serviceType: 'drop_off' | 'mail_in' | 'walk_in';
  urgency: string;
  faultDescription: string | null;
  /** the agreed lines: what the customer's signature refers to (the booking, or the last approved revised quote) */
  lines: TicketLine[];
  /** the booking's urgency surcharge inside the agreed total */
  surchargeMinor: number;
  vatRateBp: number;
  agreedTotalMinor: number;
  /** the VAT part of the agreed total, at the booking's rate */
  agreedVatMinor: number;
  /**
   * Work lines that differ from the agreed ones (added since, or taken out), and what the total
   * would become: not part of the signed price. Null when the work matches what was agreed.
   */
  pending: {
    added: TicketLine[];
    removed: TicketLine[];
    totalMinor: number;
    /** a revised quote with these changes waits for the customer's decision */
    awaitingApproval: boolean;
  } | null;
  currency: string;
  intake: { conditionNotes: string | null; accessories: string[]; passcodePolicy: PasscodePolicy | null };
  dates: {
    bookedAt: Date;
    slotStartsAt: Date | null;
    receivedAt: Date | null;
    collectedAt: Date | null;
    warrantyEndsAt: Date | null;
  };
  warrantyDays: number;
}

/**
 * Everything printed on the job ticket. Never the device passcode: only the policy about it.
 */
export async function getJobTicket(db: Db, loaded: LoadedOrder): Promise<JobTicket> {
  const { order, booking } = loaded;
  const shopSlug = order.shopSlug ?? booking.shopSlug;
  const [rows, agreed, pendingQuote, catalog, shop] = await Promise.all([
    orderLineRows(db, order.id),
    agreedPriceOf(db, loaded),
    findPendingQuote(db, order.id),
    loadCatalog(db),
    shopSlug ? getShopRow(db, shopSlug) : Promise.resolve(null),
  ]);
  const model = catalog.modelsBySlug.get(booking.modelSlug);
  const vatRateBp = booking.quote.vat.rateBp;
  const totals = orderTotals(rows, surchargeOf(loaded), vatRateBp);
  const working: TicketLine[] = rows.map((l) => ({
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unitMinor: l.unitMinor,
    totalMinor: l.totalMinor,
  }));
  const added = linesNotIn(working, agreed.lines);
  const removed = linesNotIn(agreed.lines, working);
  const changed = added.length > 0 || removed.length > 0 || totals.totalMinor !== agreed.totalMinor;
  return {
    reference: order.reference,
    status: order.status,
    shop: shop
      ? {
          name: shop.name,
          address: [shop.addressLine1, shop.addressLine2, `${shop.city} ${shop.postcode}`].filter(
            (l): l is string => !!l,
          ),
          phone: shop.phone,
          email: shop.email,
          timeZone: shop.timeZone,
        }
      : null,
    customer: { name: booking.customerName, phone: booking.customerPhone },
    device: { name: model?.name ?? booking.modelSlug, brandName: model?.brandName ?? '' },
    imeiSerial: order.imeiSerial,
    serviceType: booking.serviceType,
    urgency: booking.urgency,
    faultDescription: booking.faultDescription,
    lines: agreed.lines,
    surchargeMinor: agreed.surchargeMinor,
    vatRateBp,
    agreedTotalMinor: agreed.totalMinor,
    agreedVatMinor: splitVatInclusive(agreed.totalMinor, vatRateBp).vatMinor,
    pending: changed
      ? { added, removed, totalMinor: totals.totalMinor, awaitingApproval: !!pendingQuote }
      : null,
    currency: booking.currency,
    intake: {
      conditionNotes: order.conditionNotes,
      accessories: order.accessories,
      passcodePolicy: order.passcodePolicy,
    },
    dates: {
      bookedAt: booking.createdAt,
      slotStartsAt: booking.slotStartsAt,
      receivedAt: order.receivedAt,
      collectedAt: order.collectedAt,
      warrantyEndsAt: order.warrantyEndsAt,
    },
    warrantyDays: booking.quote.warrantyDays,
  };
}
