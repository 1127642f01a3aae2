/**
 * The replies that need no lookup beyond what is passed in: greeting, handover, booking link,
 * opening hours and addresses, and knowledge-base answers. Every word comes from the
 * `supportAssistant` messages.
 */
import type { ShopRow } from '@/features/shops/server';
import type { KnowledgeHit } from './knowledge-base';
import { t, tDays } from './translator';
import type { HandoverReason, Reply } from './types';

const HANDOVER_KEY = {
  complaint: 'complaint',
  requested: 'requested',
  'negative-sentiment': 'negativeSentiment',
  'low-confidence': 'lowConfidence',
} as const;

export function greetingReply(): Reply {
  return {
    reply: t('greeting'),
    links: [
      { label: t('links.book'), href: '/book-repair' },
      { label: t('links.track'), href: '/track' },
    ],
  };
}

export function handoverReply(reason: HandoverReason): Reply {
  return { reply: t(`handover.${HANDOVER_KEY[reason]}`), links: [] };
}

export function bookingHref(input: {
  modelSlug?: string;
  repairSlugs?: string[];
  shopSlug?: string;
}): string {
  const params = new URLSearchParams();
  if (input.modelSlug) params.set('model', input.modelSlug);
  if (input.modelSlug && input.repairSlugs?.length) params.set('repairs', input.repairSlugs.join(','));
  if (input.shopSlug) params.set('shop', input.shopSlug);
  const query = params.toString();
  return query ? `/book-repair?${query}` : '/book-repair';
}

export function bookingReply(input: {
  device: { slug: string; name: string } | null;
  repairSlugs: string[];
  shopSlug: string | null;
}): Reply {
  const href = bookingHref({
    modelSlug: input.device?.slug,
    repairSlugs: input.repairSlugs,
    shopSlug: input.shopSlug ?? undefined,
  });
  return input.device
    ? {
        reply: t('booking.withDevice', { device: input.device.name }),
        links: [{ label: t('links.bookDevice'), href }],
      }
    : { reply: t('booking.withoutDevice'), links: [{ label: t('links.book'), href }] };
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "Monday–Wednesday 09:00–18:00, Thursday 09:00–19:30, …, Sunday closed" */
export function formatOpeningHours(hours: ShopRow['openingHours']): string {
  const timesOf = (day: (typeof DAYS)[number]) => {
    const spans = hours[day] ?? [];
    return spans.length
      ? spans.map((s) => t('hours.times', { open: s.open, close: s.close })).join(', ')
      : t('hours.closed');
  };
  const groups: Array<{ from: (typeof DAYS)[number]; to: (typeof DAYS)[number]; times: string }> = [];
  for (const day of DAYS) {
    const times = timesOf(day);
    const last = groups.at(-1);
    if (last && last.times === times) last.to = day;
    else groups.push({ from: day, to: day, times });
  }
  return groups
    .map((g) =>
      g.from === g.to
        ? t('hours.single', { day: tDays(g.from), times: g.times })
        : t('hours.range', { from: tDays(g.from), to: tDays(g.to), times: g.times }),
    )
    .join(', ');
}

function addressOf(shop: ShopRow): string {
  return [shop.addressLine1, shop.addressLine2, shop.city, shop.postcode].filter(Boolean).join(', ');
}

export function hoursReply(shops: readonly ShopRow[], named: readonly { slug: string }[]): Reply {
  const chosen = named.flatMap((n) => shops.filter((s) => s.slug === n.slug));
  const shown = chosen.length ? chosen : shops.length === 1 ? shops : [];
  const links = [{ label: t('links.shops'), href: '/shops' }];
  if (shown.length) {
    return {
      reply: shown
        .map((s) =>
          t('hours.shop', { name: s.name, address: addressOf(s), hours: formatOpeningHours(s.openingHours) }),
        )
        .join('\n'),
      links,
    };
  }
  return {
    reply: t('hours.all', {
      list: shops.map((s) => t('hours.shopItem', { name: s.name, address: addressOf(s) })).join('; '),
    }),
    links,
  };
}

export function technicalReply(hit: KnowledgeHit | null): Reply {
  if (!hit) return { reply: '', links: [], unsure: true };
  return {
    reply: t('technical.answer', { title: hit.article.title, answer: hit.article.answer }),
    links: [],
  };
}
