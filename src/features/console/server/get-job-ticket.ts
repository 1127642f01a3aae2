import type { Db } from '@/server/db/runtime';
import { loadCatalog } from '@/features/catalog/server';
import { getShopRow } from '@/features/shops/server';
import type { PasscodePolicy } from '@/server/db/schema';
import { splitVatInclusive } from '@/features/pricing';
import { orderTotals } from '@/features/quotes';
import type { LoadedOrder } from '@/features/repairs/server';
import { orderLineRows, surchargeOf, agreedTotalOf } from '@/features/quotes/server';

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
  lines: Array<{
    kind: string;
    description: string;
    quantity: number;
    unitMinor: number;
    totalMinor: number;
  }>;
  surchargeMinor: number;
  totalMinor: number;
  vatMinor: number;
  vatRateBp: number;
  agreedTotalMinor: number;
  /** the VAT part of the agreed total, at the booking's rate */
  agreedVatMinor: number;
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
  const [rows, catalog, shop] = await Promise.all([
    orderLineRows(db, order.id),
    loadCatalog(db),
    shopSlug ? getShopRow(db, shopSlug) : Promise.resolve(null),
  ]);
  const model = catalog.modelsBySlug.get(booking.modelSlug);
  const vatRateBp = booking.quote.vat.rateBp;
  const totals = orderTotals(rows, surchargeOf(loaded), vatRateBp);
  const agreed = agreedTotalOf(loaded);
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
    lines: rows.map((l) => ({
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      unitMinor: l.unitMinor,
      totalMinor: l.totalMinor,
    })),
    surchargeMinor: totals.surchargeMinor,
    totalMinor: totals.totalMinor,
    vatMinor: totals.vatMinor,
    vatRateBp,
    agreedTotalMinor: agreed,
    agreedVatMinor: splitVatInclusive(agreed, vatRateBp).vatMinor,
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
