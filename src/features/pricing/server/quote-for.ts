import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { loadCatalog, type CatalogSnapshot } from '@/features/catalog/server';
import { getShopRow, type ShopRow } from '@/features/shops/server';
import {
  computeQuote,
  DEFAULT_PRICING_CONFIG,
  reissueQuote,
  type PricingConfig,
  type Quote,
  type UrgencyTier,
} from '../engine';

export interface QuoteFor {
  modelSlug: string;
  repairSlugs: string[];
  urgency: UrgencyTier;
  shopSlug?: string;
}

/**
 * Resolves the catalogue prices for a model and repairs and runs the pricing engine.
 * Prices always come from the server's catalogue, never from the client.
 * `fieldPrefix` lets callers (booking) report field paths in their own request shape.
 */
export function quoteFromSnapshot(
  snapshot: CatalogSnapshot,
  input: QuoteFor,
  config: PricingConfig,
  now: Date,
  fieldPrefix = '',
): Quote {
  const model = snapshot.modelsBySlug.get(input.modelSlug);
  if (!model) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown device model.', [
      { path: `${fieldPrefix}modelSlug`, message: `No device model "${input.modelSlug}".` },
    ]);
  }
  const prices = snapshot.pricesByModel.get(model.slug);
  const missing = input.repairSlugs.map((slug, i) => ({ slug, i })).filter(({ slug }) => !prices?.has(slug));
  if (missing.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'One or more repairs are not offered for this model.',
      missing.map(({ slug, i }) => ({
        path: `${fieldPrefix}repairSlugs.${i}`,
        message: `"${slug}" is not a repair we offer for the ${model.name}.`,
      })),
    );
  }
  const lines = input.repairSlugs.map((slug) => {
    const p = prices!.get(slug)!;
    return {
      repairSlug: slug,
      repairName: snapshot.repairTypes.get(slug)?.name ?? slug,
      partsMinor: p.partsMinor,
      labourMinor: p.labourMinor,
      warrantyDays: p.warrantyDays,
      turnaroundHours: p.turnaroundHours,
    };
  });
  return computeQuote({ lines, urgency: input.urgency }, config, now);
}

/** A shop row's config, kept while the (cached) row object lives: a stable key for the quote memo. */
const configOfShop = new WeakMap<Pick<ShopRow, 'urgency'>, PricingConfig>();

/** The pricing of a shop (its urgency surcharges), or the default for no shop (mail-in). */
export function pricingConfigOf(shop: Pick<ShopRow, 'urgency'> | null): PricingConfig {
  if (!shop) return DEFAULT_PRICING_CONFIG;
  let config = configOfShop.get(shop);
  if (!config) {
    config = {
      ...DEFAULT_PRICING_CONFIG,
      urgency: { standard: { surchargeBp: 0, minimumMinor: 0 }, ...shop.urgency },
    };
    configOfShop.set(shop, config);
  }
  return config;
}

export async function pricingConfigFor(db: Db, shopSlug: string | undefined): Promise<PricingConfig> {
  if (!shopSlug) return DEFAULT_PRICING_CONFIG;
  const shop = await getShopRow(db, shopSlug);
  if (!shop) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown shop.', [
      { path: 'shopSlug', message: `No shop "${shopSlug}".` },
    ]);
  }
  return pricingConfigOf(shop);
}

const QUOTE_MEMO_MAX = 2000;
/**
 * Quotes already computed, per catalogue snapshot and pricing config: a quote is a pure function
 * of the prices, the config and the request, but for its timestamps (`reissueQuote`). A changed
 * price list is a new snapshot (the cache's invalidation, on every instance) and a changed shop
 * a new row, so their quotes are never served from an old entry.
 */
const quoteMemo = new WeakMap<CatalogSnapshot, WeakMap<PricingConfig, Map<string, Quote>>>();

/** `quoteFromSnapshot` (no field prefix), remembering its answers for the snapshot and config. */
export function memoQuoteFromSnapshot(
  snapshot: CatalogSnapshot,
  input: QuoteFor,
  config: PricingConfig,
  now: Date,
): Quote {
  let byConfig = quoteMemo.get(snapshot);
  if (!byConfig) quoteMemo.set(snapshot, (byConfig = new WeakMap()));
  let memo = byConfig.get(config);
  if (!memo) byConfig.set(config, (memo = new Map()));
  const key = JSON.stringify([input.modelSlug, input.urgency, input.repairSlugs]);
  const known = memo.get(key);
  if (known) return reissueQuote(known, config, now);
  const quote = quoteFromSnapshot(snapshot, input, config, now);
  if (memo.size >= QUOTE_MEMO_MAX) memo.clear();
  memo.set(key, quote);
  return quote;
}

export async function quoteFor(db: Db, input: QuoteFor, now: Date): Promise<Quote> {
  const [snapshot, config] = await Promise.all([loadCatalog(db), pricingConfigFor(db, input.shopSlug)]);
  return memoQuoteFromSnapshot(snapshot, input, config, now);
}
