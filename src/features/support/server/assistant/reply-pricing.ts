/**
 * Prices from the pricing engine (`quoteFromSnapshot`, the same call the booking form's quote
 * makes), for the device and repairs the customer named; it asks for the device when there is
 * none, and lists the device's repairs with their prices when no repair was named.
 */
import type { CatalogSnapshot } from '@/features/catalog/server';
import { pricingConfigOf, quoteFromSnapshot } from '@/features/pricing/server';
import { formatMoney } from '@/features/pricing';
import type { ShopRow } from '@/features/shops/server';
import { bookingHref } from './compose-reply';
import { t, LOCALE } from './translator';
import type { Reply } from './types';

/** At most this many repairs are listed when the customer named none. */
const LIST_MAX = 6;

export interface PricingRequest {
  device: { slug: string; name: string } | null;
  repairSlugs: string[];
  shop: ShopRow | null;
}

export function pricingReply(snapshot: CatalogSnapshot, request: PricingRequest, now: Date): Reply {
  const { device } = request;
  if (!device)
    return { reply: t('pricing.askModel'), links: [{ label: t('links.book'), href: '/book-repair' }] };
  const prices = snapshot.pricesByModel.get(device.slug);
  const config = pricingConfigOf(request.shop);
  const quote = (repairSlugs: string[]) =>
    quoteFromSnapshot(snapshot, { modelSlug: device.slug, repairSlugs, urgency: 'standard' }, config, now);
  const repairName = (slug: string) => snapshot.repairTypes.get(slug)?.name ?? slug;
  const shopSlug = request.shop?.slug;

  const offered = request.repairSlugs.filter((slug) => prices?.has(slug));
  const notOffered = request.repairSlugs.filter((slug) => !prices?.has(slug));
  if (offered.length) {
    const lines = offered.map((slug) => {
      const q = quote([slug]);
      return t('pricing.price', {
        repair: repairName(slug),
        device: device.name,
        price: formatMoney(q.totalMinor, q.currency, LOCALE),
        warranty: q.warrantyDays,
        hours: q.turnaroundHours,
      });
    });
    if (offered.length > 1) {
      const all = quote(offered);
      lines.push(t('pricing.total', { price: formatMoney(all.totalMinor, all.currency, LOCALE) }));
    }
    for (const slug of notOffered)
      lines.push(t('pricing.notOffered', { repair: repairName(slug), device: device.name }));
    return {
      reply: lines.join(' '),
      links: [
        {
          label: t('links.bookDevice'),
          href: bookingHref({ modelSlug: device.slug, repairSlugs: offered, shopSlug }),
        },
      ],
    };
  }
  const bookLink = { label: t('links.book'), href: bookingHref({ modelSlug: device.slug, shopSlug }) };
  if (notOffered.length) {
    return {
      reply: notOffered
        .map((slug) => t('pricing.notOffered', { repair: repairName(slug), device: device.name }))
        .join(' '),
      links: [bookLink],
    };
  }
  const menu = [...(prices?.keys() ?? [])]
    .filter((slug) => slug !== 'diagnostic')
    .sort(
      (a, b) =>
        (snapshot.repairTypes.get(a)?.sortOrder ?? 999) - (snapshot.repairTypes.get(b)?.sortOrder ?? 999),
    )
    .slice(0, LIST_MAX);
  if (!menu.length) return { reply: t('pricing.noPrices', { device: device.name }), links: [bookLink] };
  const list = menu
    .map((slug) => {
      const q = quote([slug]);
      return t('pricing.item', {
        repair: repairName(slug),
        price: formatMoney(q.totalMinor, q.currency, LOCALE),
      });
    })
    .join(', ');
  return { reply: t('pricing.choose', { device: device.name, list }), links: [bookLink] };
}
