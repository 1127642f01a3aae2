/**
 * A repair's progress, only for the person it belongs to: the signed-in account that owns the
 * booking, or whoever holds its tracking token. Everyone else, and a reference that does not
 * exist, get the same refusal (same words, same links): nothing tells them apart. The lookups
 * run the same way for a real and a made-up reference (the repairs domain answers null for
 * both), and an anonymous visitor without a token causes no lookup at all.
 */
import type { Db } from '@/server/db/runtime';
import type { CatalogSnapshot } from '@/features/catalog/server';
import type { ShopRow } from '@/features/shops/server';
import { findOrderByToken, findOwnedOrder, type LoadedOrder } from '@/features/repairs/server';
import { t, tStatus, LOCALE } from './translator';
import type { AssistantContext, Reply } from './types';

export function refusalReply(): Reply {
  return {
    reply: t('status.refusal'),
    links: [
      { label: t('links.signIn'), href: '/sign-in' },
      { label: t('links.track'), href: '/track' },
    ],
  };
}

async function findViewersOrder(
  db: Db,
  reference: string,
  ctx: AssistantContext,
): Promise<LoadedOrder | null> {
  const owned = ctx.userId ? await findOwnedOrder(db, ctx.userId, reference) : null;
  if (owned) return owned;
  return ctx.trackingToken ? findOrderByToken(db, reference, ctx.trackingToken) : null;
}

export async function statusReply(
  db: Db,
  references: readonly string[],
  ctx: AssistantContext,
  catalog: CatalogSnapshot,
  shops: readonly ShopRow[],
): Promise<Reply> {
  const reference = references[0];
  if (!reference) {
    return { reply: t('status.askReference'), links: [{ label: t('links.track'), href: '/track' }] };
  }
  const found = await findViewersOrder(db, reference, ctx);
  if (!found) return refusalReply();
  const { order, booking } = found;
  const device = catalog.modelsBySlug.get(booking.modelSlug)?.name ?? booking.modelSlug;
  const owner = ctx.userId !== null && booking.userId === ctx.userId;
  const href = owner
    ? `/account/repairs/${encodeURIComponent(order.reference)}`
    : `/track/${encodeURIComponent(order.reference)}?token=${encodeURIComponent(ctx.trackingToken ?? '')}`;
  const links = [{ label: t('links.openRepair'), href }];
  if (booking.status === 'cancelled' || order.status === 'cancelled') {
    return { reply: t('status.cancelled', { reference: order.reference, device }), links };
  }
  const timeZone = shops.find((s) => s.slug === order.shopSlug)?.timeZone ?? 'Europe/London';
  const since = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    order.statusEnteredAt,
  );
  const status = tStatus.has(order.status as 'booked')
    ? tStatus(order.status as 'booked', { audience: 'customer' })
    : order.status;
  return { reply: t('status.answer', { reference: order.reference, device, status, since }), links };
}
