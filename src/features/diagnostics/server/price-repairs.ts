/**
 * The catalogue's repairs for a fault category, priced by the pricing engine for one model (as
 * POST /api/pricing/quote prices that one repair at standard urgency, no shop), or unpriced when
 * no model is given. For a model, only the repairs offered for it are listed (no keyboard on a
 * phone, no rear glass on a plastic back).
 */
import type { CatalogSnapshot } from '@/features/catalog/server';
import { DEFAULT_PRICING_CONFIG } from '@/features/pricing';
import { quoteFromSnapshot } from '@/features/pricing/server';
import { repairsForCategory } from '../repair-map';
import type { DiagnosisCandidate } from '../schemas';

export function repairsOf(
  snapshot: CatalogSnapshot,
  category: string,
  modelSlug: string | null,
  now: Date,
): DiagnosisCandidate['repairs'] {
  const offered = modelSlug ? snapshot.pricesByModel.get(modelSlug) : null;
  return repairsForCategory(category)
    .filter((slug) => snapshot.repairTypes.has(slug) && (!modelSlug || offered?.has(slug)))
    .map((slug) => {
      const name = snapshot.repairTypes.get(slug)!.name;
      if (!modelSlug) return { slug, name, price: null };
      const quote = quoteFromSnapshot(
        snapshot,
        { modelSlug, repairSlugs: [slug], urgency: 'standard' },
        DEFAULT_PRICING_CONFIG,
        now,
      );
      return { slug, name, price: { amount: quote.totalMinor, currency: quote.currency } };
    });
}
